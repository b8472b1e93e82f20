import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorAlert } from '../../lib/error-alert';
import { LeadTimeline, NextActionForm } from './lead-detail';
import { leadQuery } from './queries';
import './leads.css';

/** On a contact's page: their next action (editable) and pipeline timeline, and the way to the lead. */
export function ContactPipeline({ contactId }: { contactId: string }) {
  const query = useQuery(leadQuery(contactId));
  const lead = query.data;
  return (
    <section className="panel contact-pipeline" aria-labelledby="contact-pipeline-title">
      <div className="panel-heading">
        <h2 id="contact-pipeline-title">Pipeline</h2>
        <Link to="/leads/$contactId" params={{ contactId }} className="small-print">
          Open as a lead
        </Link>
      </div>
      {query.error && <ErrorAlert error={query.error} />}
      {lead?.id && (
        <>
          <h3 className="subheading">Next action</h3>
          <NextActionForm lead={lead} />
          <h3 className="subheading">Timeline</h3>
          <LeadTimeline leadId={lead.id} limit={5} />
        </>
      )}
    </section>
  );
}
