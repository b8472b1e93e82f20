import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { ContactDto, ContactSource, ContactStatus } from '../../../../functions/contacts/schema';
import type { ContactFilter } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { ContactDeleteDialog } from './contact-delete-dialog';
import { ContactEditDialog } from './contact-edit-dialog';
import { ContactsTable } from './contacts-table';
import { SOURCE_LABELS, SOURCES, STATUS_LABELS, STATUSES } from './labels';
import { contactsQuery } from './queries';

export const SEARCH_DEBOUNCE_MS = 300;

type Dialog = { kind: 'edit' | 'delete'; contact: ContactDto } | null;

export function ContactsPage() {
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState('');
  const [status, setStatus] = useState<ContactStatus | ''>('');
  const [source, setSource] = useState<ContactSource | ''>('');
  const debouncedSearch = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const debouncedTag = useDebouncedValue(tag.trim(), SEARCH_DEBOUNCE_MS);
  const filter: ContactFilter = {
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
    ...(debouncedTag ? { tag: debouncedTag } : {}),
    ...(status ? { status } : {}),
    ...(source ? { source } : {}),
  };
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
    setSearch('');
    setTag('');
    setStatus('');
    setSource('');
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
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="contact-status">Status</label>
          <select
            id="contact-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as ContactStatus | '')}
          >
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="contact-source">Source</label>
          <select
            id="contact-source"
            value={source}
            onChange={(e) => setSource(e.target.value as ContactSource | '')}
          >
            <option value="">Any source</option>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {SOURCE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="contact-tag">Tag</label>
          <input id="contact-tag" value={tag} onChange={(e) => setTag(e.target.value)} />
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
