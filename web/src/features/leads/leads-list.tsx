import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import type { ContactSource } from '../../../../functions/contacts/schema';
import type { DueFilter } from '../../../../functions/leads/schema';
import type { LeadStage } from '../../../../functions/leads/stages';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDate, formatDateTime, plural } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { SOURCE_LABELS, SOURCES } from '../contacts/labels';
import { NextActionLine } from './next-action-line';
import { leadListQuery, STAGES } from './queries';
import type { PipelineSearch } from './search';

const DUE_LABELS: Record<DueFilter, string> = {
  due: 'Due today or overdue',
  today: 'Due today',
  overdue: 'Overdue',
};

/** Every lead in a table, filtered by stage, source, tag and follow-up, newest change first. */
export function LeadsList({
  filter,
  onFilter,
  names,
  today,
}: {
  filter: PipelineSearch;
  onFilter: (next: PipelineSearch) => void;
  names: Record<LeadStage, string>;
  today: string;
}) {
  const [tag, setTag] = useState(filter.tag ?? '');
  const settledTag = useDebounced(tag.trim(), 300);
  useEffect(() => {
    if ((settledTag || undefined) !== filter.tag) onFilter({ ...filter, tag: settledTag || undefined });
  }, [settledTag, filter, onFilter]);
  const params = { stage: filter.stage, source: filter.source, tag: filter.tag, due: filter.due };
  const query = useInfiniteQuery({ ...leadListQuery(params), placeholderData: keepPreviousData });
  const leads = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total ?? null;
  const filtered = Boolean(filter.stage || filter.source || filter.tag || filter.due);
  return (
    <>
      <div className="filters">
        <div className="field">
          <label htmlFor="leads-stage">Stage</label>
          <select
            id="leads-stage"
            value={filter.stage ?? ''}
            onChange={(e) =>
              onFilter({ ...filter, stage: (e.target.value || undefined) as LeadStage | undefined })
            }
          >
            <option value="">All stages</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {names[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="leads-source">Source</label>
          <select
            id="leads-source"
            value={filter.source ?? ''}
            onChange={(e) =>
              onFilter({ ...filter, source: (e.target.value || undefined) as ContactSource | undefined })
            }
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
          <label htmlFor="leads-tag">Tag</label>
          <input id="leads-tag" value={tag} onChange={(e) => setTag(e.target.value)} placeholder="e.g. vip" />
        </div>
        <div className="field">
          <label htmlFor="leads-due">Follow-up</label>
          <select
            id="leads-due"
            value={filter.due ?? ''}
            onChange={(e) =>
              onFilter({ ...filter, due: (e.target.value || undefined) as DueFilter | undefined })
            }
          >
            <option value="">Any</option>
            {(Object.keys(DUE_LABELS) as DueFilter[]).map((d) => (
              <option key={d} value={d}>
                {DUE_LABELS[d]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {query.error && <ErrorAlert error={query.error} />}
      {query.isPending && <p aria-live="polite">Loading leads…</p>}
      {total !== null && leads.length > 0 && (
        <p className="muted small-print" aria-live="polite">
          {plural(total, 'lead', 'leads')}
          {filtered ? ' match these filters' : ''}
        </p>
      )}
      {query.data && leads.length === 0 && (
        <p className="empty-state">
          {filtered
            ? 'No leads match these filters.'
            : 'No leads yet. Import contacts or add one by hand; each contact is a lead in the pipeline.'}
        </p>
      )}
      {leads.length > 0 && (
        <div className="table-scroll">
          <table className="data-table card-table leads-table">
            <caption className="visually-hidden">Leads</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Company</th>
                <th scope="col">Stage</th>
                <th scope="col">Source</th>
                <th scope="col">Next action</th>
                <th scope="col">Last activity</th>
              </tr>
            </thead>
            <tbody>
              {leads.map((lead) => (
                <tr key={lead.id}>
                  <th scope="row" className="break">
                    <Link to="/leads/$contactId" params={{ contactId: lead.id }}>
                      {lead.name}
                    </Link>
                  </th>
                  <td data-label="Company" className="break">
                    {lead.company ?? ''}
                  </td>
                  <td data-label="Stage">
                    <span className={`status status-${lead.stage}`}>{names[lead.stage]}</span>
                  </td>
                  <td data-label="Source">{SOURCE_LABELS[lead.source]}</td>
                  <td data-label="Next action" className="break">
                    <NextActionLine nextAction={lead.nextAction} today={today} />
                  </td>
                  <td data-label="Last activity" className="nowrap" title={formatDateTime(lead.updatedAt)}>
                    {formatDate(lead.updatedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.hasNextPage && (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
          >
            {query.isFetchingNextPage ? 'Loading…' : 'Show more leads'}
          </button>
        </p>
      )}
    </>
  );
}
