import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AuditAction, type AuditEntryDto } from '../../../../functions/audit/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime } from '../../lib/format';
import { TokenPager, useTokenPages } from '../../lib/token-pager';
import { ACTION_LABELS } from './labels';
import { PrivacyTabs } from './privacy-tabs';

const PERIODS = {
  '': 'Any time',
  '1': 'Last 24 hours',
  '7': 'Last 7 days',
  '30': 'Last 30 days',
  '90': 'Last 90 days',
};
type Period = keyof typeof PERIODS;

export const auditKeys = { all: ['audit'] as const };

/** /audit: who did what and when — sends, calendar writes, exports, erasures, connections, settings. */
export function AuditPage() {
  const pages = useTokenPages();
  const [action, setAction] = useState<AuditAction | ''>('');
  const [period, setPeriod] = useState<Period>('');
  // The period starts from when it was chosen, so paging does not shift under the user.
  const [from, setFrom] = useState<string | undefined>(undefined);
  const query = useQuery({
    queryKey: [...auditKeys.all, action, from, pages.token],
    queryFn: () => api.audit.list({ action: action || undefined, from, continuation: pages.token }),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  return (
    <>
      <div className="page-title">
        <div>
          <h1>Audit log</h1>
          <p className="muted">
            Who did what, when, and how it went: campaign sends, calendar writes, exports, erasures,
            connections and settings. Kept for a year.
          </p>
        </div>
      </div>
      <PrivacyTabs />
      <div className="filters">
        <div className="field">
          <label htmlFor="audit-action">What</label>
          <select
            id="audit-action"
            value={action}
            onChange={(e) => {
              setAction(e.target.value as AuditAction | '');
              pages.reset();
            }}
          >
            <option value="">Everything</option>
            {AuditAction.options.map((a) => (
              <option key={a} value={a}>
                {ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-period">When</label>
          <select
            id="audit-period"
            value={period}
            onChange={(e) => {
              const next = e.target.value as Period;
              setPeriod(next);
              setFrom(next ? new Date(Date.now() - Number(next) * 86_400_000).toISOString() : undefined);
              pages.reset();
            }}
          >
            {Object.entries(PERIODS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {query.error && <ErrorAlert error={query.error} />}
      {query.isPending && <p aria-live="polite">Loading the audit log…</p>}
      {query.data && items.length === 0 && (
        <p className="empty-state">
          {action || period
            ? 'Nothing matches these filters.'
            : 'Nothing recorded yet. Campaign starts, calendar writes, exports, erasures and settings changes appear here.'}
        </p>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table card-table audit-table">
            <caption className="visually-hidden">Audit log</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <AuditRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TokenPager
        pages={pages}
        next={query.data?.continuation ?? null}
        waiting={query.isPlaceholderData}
        label="Pages"
      />
    </>
  );
}

const ACTOR_LABELS: Record<string, string> = {
  contact: 'The contact',
  organizer: 'You',
  system: 'Momentum Meet',
};

function AuditRow({ entry }: { entry: AuditEntryDto }) {
  const detail = Object.entries(entry.detail)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ');
  return (
    <tr>
      <td data-label="When">{formatDateTime(entry.at)}</td>
      <td data-label="Who">{ACTOR_LABELS[entry.actor] ?? entry.actor}</td>
      <td data-label="What">
        {ACTION_LABELS[entry.action]}
        <span className="muted small-print audit-target" title={entry.target}>
          {' '}
          {targetLabel(entry)}
          {detail && ` — ${detail}`}
        </span>
      </td>
      <td data-label="Outcome">
        <span className={`badge ${entry.outcome === 'ok' ? 'ok' : 'warn'}`}>
          {entry.outcome === 'ok' ? 'Done' : 'Failed'}
        </span>
      </td>
    </tr>
  );
}

/** A contact is named by its id only (an erased one has nothing else): shown short, in full on hover. */
function targetLabel(entry: AuditEntryDto): string {
  if (entry.action.startsWith('contact.')) return `contact ${entry.target.slice(0, 8)}…`;
  if (entry.action === 'calendar.write') return `meeting ${entry.target.slice(0, 8)}…`;
  return entry.target;
}
