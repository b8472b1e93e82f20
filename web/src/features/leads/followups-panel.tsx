import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { LeadDto } from '../../../../functions/leads/schema';
import { ErrorAlert } from '../../lib/error-alert';
import { plural } from '../../lib/format';
import { formatDay } from './next-action-line';
import { followupsQuery } from './queries';

const SHOWN = 4;

/** The top of the pipeline: whom to follow up with today, and who is waiting longer than planned. */
export function FollowupsPanel({ onShowAll }: { onShowAll: (due: 'today' | 'overdue') => void }) {
  const query = useQuery(followupsQuery());
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!query.data) return <p className="muted">Loading follow-ups…</p>;
  const { dueToday, overdue } = query.data;
  if (dueToday.length === 0 && overdue.length === 0)
    return (
      <p className="followups-none muted">
        No follow-ups due. Give a lead a next action (open it) and it shows here on the day.
      </p>
    );
  return (
    <section className="followups" aria-label="Follow-ups">
      <FollowupList title="Overdue" leads={overdue} tone="overdue" onShowAll={() => onShowAll('overdue')} />
      <FollowupList title="Due today" leads={dueToday} tone="today" onShowAll={() => onShowAll('today')} />
    </section>
  );
}

function FollowupList({
  title,
  leads,
  tone,
  onShowAll,
}: {
  title: string;
  leads: LeadDto[];
  tone: string;
  onShowAll: () => void;
}) {
  return (
    <div className={`followup-list ${tone}`}>
      <h2>
        {title} <span className="followup-count">{leads.length}</span>
      </h2>
      {leads.length === 0 ? (
        <p className="muted small-print">Nothing {title.toLowerCase()}.</p>
      ) : (
        <ul className="plain-list">
          {leads.slice(0, SHOWN).map((lead) => (
            <li key={lead.id}>
              <Link to="/leads/$contactId" params={{ contactId: lead.id }}>
                {lead.name}
              </Link>
              <span className="muted small-print">
                {' '}
                {lead.nextAction?.note || 'Follow up'}
                {tone === 'overdue' && lead.nextAction ? ` · since ${formatDay(lead.nextAction.on)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {leads.length > SHOWN && (
        <button type="button" className="link-button" onClick={onShowAll}>
          Show all {plural(leads.length, 'lead', 'leads')}
        </button>
      )}
    </div>
  );
}
