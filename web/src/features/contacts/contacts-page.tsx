import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { ContactDto } from '../../../../functions/contacts/schema';
import { ErrorAlert } from '../../lib/error-alert';
import { useDraftText } from '../../lib/use-draft-text';
import { ContactDeleteDialog } from './contact-delete-dialog';
import { ContactEditDialog } from './contact-edit-dialog';
import { ContactsTable } from './contacts-table';
import { SOURCE_LABELS, SOURCES, STATUS_LABELS, STATUSES } from './labels';
import { contactsQuery } from './queries';
import { type ContactSearch, contactFilter } from './search';

export const SEARCH_DEBOUNCE_MS = 300;

type Dialog = { kind: 'edit' | 'delete'; contact: ContactDto } | null;

const route = getRouteApi('/app/contacts');

export function ContactsPage() {
  // The URL holds the filters (validated by the route); the list follows it.
  const filter = contactFilter(route.useSearch());
  const navigate = route.useNavigate();
  // Replace rather than push: Back leaves the list instead of stepping through each keystroke.
  const setFilter = (key: keyof ContactSearch, value: string) =>
    void navigate({ search: (prev) => ({ ...prev, [key]: value || undefined }), replace: true });
  const search = useDraftText(filter.search ?? '', (text) => setFilter('search', text), SEARCH_DEBOUNCE_MS);
  const tag = useDraftText(filter.tag ?? '', (text) => setFilter('tag', text), SEARCH_DEBOUNCE_MS);
  const filterKey = JSON.stringify(filter);

  // Continuation tokens only go forward, so keep the ones that opened each page we've seen.
  const [pages, setPages] = useState<{ filterKey: string; tokens: string[] }>({ filterKey, tokens: [] });
  const tokens = pages.filterKey === filterKey ? pages.tokens : [];
  const continuationToken = tokens[tokens.length - 1];
  const [dialog, setDialog] = useState<Dialog>(null);

  const query = useQuery({
    ...contactsQuery({ ...filter, ...(continuationToken ? { continuationToken } : {}) }),
    placeholderData: keepPreviousData,
  });
  const nextToken = query.data?.continuationToken ?? null;
  const filtered = Object.keys(filter).length > 0;

  const clearFilters = () => {
    search.reset('');
    tag.reset('');
    void navigate({ search: {}, replace: true });
  };

  return (
    <>
      <div className="page-title">
        <h1>Contacts</h1>
        <Link to="/imports/new" className="button primary">
          Import contacts
        </Link>
      </div>

      <form className="filters" aria-label="Filter contacts" onSubmit={(e) => e.preventDefault()}>
        <div className="field grow">
          <label htmlFor="contact-search">Search contacts</label>
          <input
            id="contact-search"
            type="search"
            placeholder="Name, email or company"
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
          options={SOURCES}
          labels={SOURCE_LABELS}
          onChange={(value) => setFilter('source', value)}
        />
        <div className="field">
          <label htmlFor="contact-tag">Tag</label>
          <input id="contact-tag" value={tag.draft} onChange={(e) => tag.change(e.target.value)} />
        </div>
      </form>

      {query.isError && <ErrorAlert error={query.error} />}
      {query.isPending && <p aria-live="polite">Loading contacts…</p>}

      {query.data && query.data.items.length === 0 && (
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

      {query.data && query.data.items.length > 0 && (
        <ContactsTable
          contacts={query.data.items}
          onEdit={(contact) => setDialog({ kind: 'edit', contact })}
          onDelete={(contact) => setDialog({ kind: 'delete', contact })}
        />
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
