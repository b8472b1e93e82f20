import { useEffect, useRef } from 'react';
import type {
  ContactColumn,
  ContactDto,
  ContactSort,
  SortDirection,
} from '../../../../functions/contacts/schema';
import { CELLS, COLUMN_LABELS, SORTABLE } from './columns';
import { displayName } from './labels';

interface Props {
  contacts: ContactDto[];
  columns: ContactColumn[];
  /** The order the list is in (the API's default when the URL names none). */
  order: { sort: ContactSort; dir: SortDirection };
  onSort: (sort: ContactSort) => void;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], selected: boolean) => void;
  onEdit: (contact: ContactDto) => void;
  onDelete: (contact: ContactDto) => void;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

export function ContactsTable({
  contacts,
  columns,
  order,
  onSort,
  selected,
  onSelect,
  onEdit,
  onDelete,
}: Props) {
  const ids = contacts.map((c) => c.id);
  const chosen = ids.filter((id) => selected.has(id)).length;
  const allOnPage = chosen === ids.length && ids.length > 0;
  const pageBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (pageBox.current) pageBox.current.indeterminate = chosen > 0 && !allOnPage;
  }, [chosen, allOnPage]);

  return (
    <div className="table-scroll contacts-scroll">
      <table className="data-table contacts-table">
        <caption className="visually-hidden">Contacts</caption>
        <thead>
          <tr>
            <th scope="col" className="select-cell">
              <input
                ref={pageBox}
                type="checkbox"
                aria-label="Select all on this page"
                checked={allOnPage}
                onChange={(e) => onSelect(ids, e.target.checked)}
              />
            </th>
            {columns.map((column) => {
              const sort = SORTABLE[column];
              const label = COLUMN_LABELS[column];
              if (!sort) {
                return (
                  <th key={column} scope="col" className={`col-${column}`}>
                    {label}
                  </th>
                );
              }
              const active = order.sort === sort;
              return (
                <th
                  key={column}
                  scope="col"
                  className={`col-${column}`}
                  aria-sort={active ? ARIA_SORT[order.dir] : 'none'}
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => onSort(sort)}
                    aria-label={`Sort by ${label}${active ? (order.dir === 'asc' ? ', ascending' : ', descending') : ''}`}
                  >
                    {label}
                    <span aria-hidden="true" className={active ? 'sort-arrow active' : 'sort-arrow'}>
                      {active && order.dir === 'asc' ? '▲' : '▼'}
                    </span>
                  </button>
                </th>
              );
            })}
            <th scope="col" className="actions-cell">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((contact) => {
            const name = displayName(contact);
            const isSelected = selected.has(contact.id);
            return (
              <tr key={contact.id} aria-selected={isSelected}>
                <td className="select-cell">
                  <input
                    type="checkbox"
                    aria-label={`Select ${name}`}
                    checked={isSelected}
                    onChange={(e) => onSelect([contact.id], e.target.checked)}
                  />
                </td>
                {columns.map((column) =>
                  column === 'name' ? (
                    <th key={column} scope="row" className="col-name">
                      {CELLS.name(contact)}
                    </th>
                  ) : (
                    <td key={column} className={`col-${column}`}>
                      {CELLS[column](contact)}
                    </td>
                  ),
                )}
                <td className="row-actions actions-cell">
                  <button
                    type="button"
                    className="button small icon"
                    title="Edit"
                    onClick={() => onEdit(contact)}
                  >
                    <PencilIcon />
                    <span className="visually-hidden">Edit {name}</span>
                  </button>
                  <button
                    type="button"
                    className="button small danger icon"
                    title="Delete"
                    onClick={() => onDelete(contact)}
                  >
                    <TrashIcon />
                    <span className="visually-hidden">Delete {name}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

// Icons, not words, in every row: the columns keep the width (the names are in the buttons' labels).
const PencilIcon = () => (
  <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
    <path d="M11.5 1.5l3 3-9 9H2.5v-3z M10 3l3 3" fill="none" stroke="currentColor" strokeWidth="1.5" />
  </svg>
);
const TrashIcon = () => (
  <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
    <path
      d="M2.5 4h11 M6 4V2.5h4V4 M4 4l.8 9.5h6.4L12 4 M6.8 6.5v5 M9.2 6.5v5"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
    />
  </svg>
);
