import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { BulkTarget, ContactDto, ContactSort } from '../../../../functions/contacts/schema';
import { api, PAGE_SIZE } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount, plural } from '../../lib/format';
import { useDraftText } from '../../lib/use-draft-text';
import { BulkJobPanel, BulkToolbar } from './bulk-actions';
import { ColumnChooser } from './column-chooser';
import { DEFAULT_COLUMNS } from './columns';
import { ContactCreateDialog } from './contact-create-dialog';
import { ContactDeleteDialog } from './contact-delete-dialog';
import { ContactEditDialog } from './contact-edit-dialog';
import { ContactsTable } from './contacts-table';
import { FILTER_SOURCES, SOURCE_LABELS, STATUS_LABELS, STATUSES } from './labels';
import { contactsQuery, preferencesQuery } from './queries';
import { type ContactSearch, contactFilter, contactOrder, DEFAULT_ORDER, defaultDirection } from './search';

export const SEARCH_DEBOUNCE_MS = 300;

type Dialog = { kind: 'edit' | 'delete'; contact: ContactDto } | { kind: 'create' } | null;

const route = getRouteApi('/app/contacts');

interface Selection {
  key: string;
  ids: Set<string>;
  /** Every contact that matches the filters, on all pages ("Select all 6,000"). */
  allMatching: boolean;
}

export function ContactsPage() {
  // The URL holds the filters and the order (validated by the route); the list follows it.
  const urlSearch = route.useSearch();
  const filter = contactFilter(urlSearch);
  const order = contactOrder(urlSearch);
  const navigate = route.useNavigate();
  // Replace rather than push: Back leaves the list instead of stepping through each keystroke.
  const setFilter = (key: keyof ContactSearch, value: string) =>
    void navigate({ search: (prev) => ({ ...prev, [key]: value || undefined }), replace: true });
  const search = useDraftText(filter.search ?? '', (text) => setFilter('search', text), SEARCH_DEBOUNCE_MS);
  const tag = useDraftText(filter.tag ?? '', (text) => setFilter('tag', text), SEARCH_DEBOUNCE_MS);

  const shownOrder = { ...DEFAULT_ORDER, ...order };
  const sortBy = (sort: ContactSort) => {
    const dir =
      shownOrder.sort === sort ? (shownOrder.dir === 'asc' ? 'desc' : 'asc') : defaultDirection(sort);
    void navigate({ search: (prev) => ({ ...prev, sort, dir }) });
  };

  const filterKey = JSON.stringify({ filter, order });
  // Continuation tokens only go forward, so keep the ones that opened each page we've seen.
  const [pages, setPages] = useState<{ filterKey: string; tokens: string[] }>({ filterKey, tokens: [] });
  const tokens = pages.filterKey === filterKey ? pages.tokens : [];
  const continuationToken = tokens[tokens.length - 1];
  const [dialog, setDialog] = useState<Dialog>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [selectionState, setSelection] = useState<Selection>({
    key: filterKey,
    ids: new Set(),
    allMatching: false,
  });
  const selection: Selection =
    selectionState.key === filterKey
      ? selectionState
      : { key: filterKey, ids: new Set(), allMatching: false };

  const query = useQuery({
    ...contactsQuery({ ...filter, ...order, ...(continuationToken ? { continuationToken } : {}) }),
    placeholderData: keepPreviousData,
  });
  const preferences = useQuery(preferencesQuery());
  const chosen = preferences.data ?? (preferences.isPending ? null : DEFAULT_COLUMNS);
  const columns = chosen && (chosen.includes('name') ? chosen : (['name', ...chosen] as typeof chosen));

  const nextToken = query.data?.continuationToken ?? null;
  const items = query.data?.items ?? [];
  const total = typeof query.data?.total === 'number' ? query.data.total : null;
  const filtered = Object.keys(filter).length > 0;
  const clearFilters = () => {
    search.reset('');
    tag.reset('');
    void navigate({ search: (prev) => ({ sort: prev.sort, dir: prev.dir }), replace: true });
  };

  const select = (ids: string[], on: boolean) => {
    const next = new Set(selection.ids);
    for (const id of ids) on ? next.add(id) : next.delete(id);
    setSelection({ key: filterKey, ids: next, allMatching: false });
  };
  const clearSelection = () => setSelection({ key: filterKey, ids: new Set(), allMatching: false });
  const allOnPage = items.length > 0 && items.every((c) => selection.ids.has(c.id));
  const selectedCount = selection.allMatching && total !== null ? total : selection.ids.size;
  const target: BulkTarget = selection.allMatching ? { filter } : { ids: [...selection.ids] };
  const exportParams =
    selection.allMatching || selection.ids.size === 0
      ? { ...filter, ...order }
      : { ...order, ids: [...selection.ids] };

  const first = tokens.length * PAGE_SIZE + 1;
  const range =
    total !== null && items.length > 0
      ? `${formatCount(first)}–${formatCount(first + items.length - 1)} of ${formatCount(total)}`
      : null;

  return (
    <>
      <div className="page-title">
        <h1>Contacts</h1>
        <div className="title-actions">
          <Link to="/contacts/trash" className="button">
            Trash
          </Link>
          <Link to="/imports/new" className="button">
            Import contacts
          </Link>
          <button type="button" className="button primary" onClick={() => setDialog({ kind: 'create' })}>
            Add contact
          </button>
        </div>
      </div>
      <form className="filters" aria-label="Filter contacts" onSubmit={(e) => e.preventDefault()}>
        <div className="field grow">
          <label htmlFor="contact-search">Search contacts</label>
          <input
            id="contact-search"
            type="search"
            placeholder="Name, email, company, title or place"
            value={search.draft}
            onChange={(e) => search.change(e.target.value)}
          />
        </div>
        <FilterSelect
          id="contact-status"
          label="Status"
          anyLabel="Any status"
          value={filter.status}
          options={STATUSES}
          labels={STATUS_LABELS}
          onChange={(value) => setFilter('status', value)}
        />
        <FilterSelect
          id="contact-source"
          label="Source"
          anyLabel="Any source"
          value={filter.source}
          options={FILTER_SOURCES}
          labels={SOURCE_LABELS}
          onChange={(value) => setFilter('source', value)}
        />
        <div className="field">
          <label htmlFor="contact-tag">Tag</label>
          <input id="contact-tag" value={tag.draft} onChange={(e) => tag.change(e.target.value)} />
        </div>
      </form>

      {jobId && (
        <div role="status" aria-live="polite">
          <BulkJobPanel
            key={jobId}
            jobId={jobId}
            onUndone={(restore) => setJobId(restore.id)}
            onDismiss={() => setJobId(null)}
          />
        </div>
      )}

      {query.isError && <ErrorAlert error={query.error} />}
      {(query.isPending || (query.data && !columns)) && <p aria-live="polite">Loading contacts…</p>}
      {query.data && items.length === 0 && (
        <div className="empty-state">
          {filtered ? (
            <>
              <p>No contacts match these filters.</p>
              <button type="button" className="button" onClick={clearFilters}>
                Clear filters
              </button>
            </>
          ) : (
            <>
              <p>No contacts yet. Bring them in from a CSV, Excel or LinkedIn export.</p>
              <Link to="/imports/new" className="button primary">
                Import contacts
              </Link>
            </>
          )}
        </div>
      )}
      {query.data && items.length > 0 && columns && (
        <>
          <div className="list-bar">
            {selectedCount > 0 ? (
              <div className="selection">
                <span className="selection-count">{formatCount(selectedCount)} selected</span>
                {allOnPage && !selection.allMatching && total !== null && total > items.length && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setSelection({ key: filterKey, ids: selection.ids, allMatching: true })}
                  >
                    Select all {plural(total, 'contact', 'contacts')} that match
                  </button>
                )}
                {selection.allMatching && (
                  <span>All {plural(total ?? 0, 'contact', 'contacts')} that match</span>
                )}
                <button type="button" className="link-button" onClick={clearSelection}>
                  Clear selection
                </button>
              </div>
            ) : (
              range && (
                <p className="range" data-testid="contacts-range">
                  {range}
                </p>
              )
            )}
            <div className="list-tools">
              {selectedCount === 0 && (
                <span className="export-all">
                  Export all:{' '}
                  <a href={api.contacts.exportUrl({ ...exportParams, format: 'csv' })} download>
                    CSV
                  </a>{' '}
                  ·{' '}
                  <a href={api.contacts.exportUrl({ ...exportParams, format: 'xlsx' })} download>
                    Excel
                  </a>
                </span>
              )}
              <ColumnChooser columns={columns} />
            </div>
          </div>
          {selectedCount > 0 && (
            <BulkToolbar
              count={selectedCount}
              target={target}
              exportParams={exportParams}
              onStarted={(job) => {
                setJobId(job.id);
                if (job.action.type === 'delete') clearSelection();
              }}
            />
          )}
          <ContactsTable
            contacts={items}
            columns={columns}
            order={shownOrder}
            onSort={sortBy}
            selected={selection.ids}
            onSelect={select}
            onEdit={(contact) => setDialog({ kind: 'edit', contact })}
            onDelete={(contact) => setDialog({ kind: 'delete', contact })}
          />
        </>
      )}
      {(tokens.length > 0 || nextToken) && (
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            className="button"
            disabled={tokens.length === 0}
            onClick={() => setPages({ filterKey, tokens: tokens.slice(0, -1) })}
          >
            Previous
          </button>
          <span>Page {tokens.length + 1}</span>
          <button
            type="button"
            className="button"
            disabled={!nextToken || query.isPlaceholderData}
            onClick={() => nextToken && setPages({ filterKey, tokens: [...tokens, nextToken] })}
          >
            Next
          </button>
        </nav>
      )}
      {dialog?.kind === 'create' && <ContactCreateDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && (
        <ContactEditDialog contact={dialog.contact} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'delete' && (
        <ContactDeleteDialog contact={dialog.contact} onClose={() => setDialog(null)} />
      )}
    </>
  );
}

/** A labelled filter menu whose first choice, "Any …", clears the filter. */
function FilterSelect<T extends string>(props: {
  id: string;
  label: string;
  anyLabel: string;
  value: T | undefined;
  options: readonly T[];
  labels: Record<T, string>;
  onChange: (value: T | '') => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value as T | '')}
      >
        <option value="">{props.anyLabel}</option>
        {props.options.map((option) => (
          <option key={option} value={option}>
            {props.labels[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
