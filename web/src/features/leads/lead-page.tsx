import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ApiError } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { SOURCE_LABELS } from '../contacts/labels';
import { LeadStagePanel, LeadTimeline, NextActionForm } from './lead-detail';
import { leadQuery } from './queries';
import './leads.css';

/** /leads/<id>: one lead's stage, next action and timeline, with the way to their contact page. */
export function LeadPage({ contactId }: { contactId: string }) {
  const query = useQuery(leadQuery(contactId));
  const lead = query.data;
  return (
    <>
      <p>
        <Link to="/leads" className="back-link">
          ← Pipeline
        </Link>
      </p>
      {query.error &&
        (query.error instanceof ApiError && query.error.status === 404 ? (
          <>
            <h1>Lead not found</h1>
            <p>This lead no longer exists. It may have been deleted.</p>
          </>
        ) : (
          <ErrorAlert error={query.error} />
        ))}
      {query.isPending && <p aria-live="polite">Loading the lead…</p>}
      {lead && (
        <>
          <div className="page-title">
            <div>
              <h1>{lead.name}</h1>
              <p className="muted">
                {[lead.company, lead.email, SOURCE_LABELS[lead.source]].filter(Boolean).join(' · ')}
              </p>
            </div>
            <div className="title-actions">
              <Link to="/contacts/$contactId" params={{ contactId: lead.id }} className="button">
                Open contact page
              </Link>
            </div>
          </div>
          <div className="lead-layout">
            <section className="panel" aria-labelledby="lead-stage-title">
              <h2 id="lead-stage-title">Stage</h2>
              <LeadStagePanel lead={lead} />
            </section>
            <section className="panel" aria-labelledby="lead-next-title">
              <h2 id="lead-next-title">Next action</h2>
              <NextActionForm lead={lead} />
            </section>
            <section className="panel lead-timeline-panel" aria-labelledby="lead-timeline-title">
              <h2 id="lead-timeline-title">Timeline</h2>
              <LeadTimeline leadId={lead.id} />
            </section>
          </div>
        </>
      )}
    </>
  );
}
