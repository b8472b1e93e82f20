import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { CampaignDto } from '../../../../functions/campaigns/schema';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDate, formatDateTime } from '../../lib/format';
import { CAMPAIGN_STATUS_LABELS, describeAudience, sentOf } from './labels';
import { campaignsQuery } from './queries';

export function CampaignStatusBadge({ campaign }: { campaign: Pick<CampaignDto, 'status'> }) {
  return (
    <span className={`badge campaign-status campaign-${campaign.status}`}>
      {CAMPAIGN_STATUS_LABELS[campaign.status]}
    </span>
  );
}

export function CampaignProgress({ campaign, label }: { campaign: CampaignDto; label: string }) {
  const { sent, recipients } = campaign.counts;
  return (
    <progress className="progress" aria-label={label} value={sent} max={Math.max(recipients, sent, 1)} />
  );
}

/** Where senders and suppressions live: beside Campaigns, as the email settings. */
export function EmailSettingsLinks() {
  return (
    <>
      <Link to="/campaigns/senders" className="button">
        Senders
      </Link>
      <Link to="/campaigns/suppressions" className="button">
        Suppressions
      </Link>
    </>
  );
}

/** /campaigns: newest first, each with its status and how far it has got. */
export function CampaignsPage() {
  const { data, error, isPending } = useQuery(campaignsQuery());
  const items = data?.items ?? [];
  return (
    <>
      <div className="page-title">
        <h1>Campaigns</h1>
        <div className="title-actions">
          <EmailSettingsLinks />
          <Link to="/availability" className="button">
            Availability
          </Link>
          <Link to="/jobs/failed" className="button">
            Failed jobs
          </Link>
          <Link to="/campaigns/new" className="button primary">
            New campaign
          </Link>
        </div>
      </div>
      {error && <ErrorAlert error={error} />}
      {isPending && <p aria-live="polite">Loading campaigns…</p>}
      {data && items.length === 0 && (
        <div className="empty-state">
          <p>
            No campaigns yet. Pick contacts, a template and a sender, and Momentum sends and follows up for
            you.
          </p>
          <Link to="/campaigns/new" className="button primary">
            New campaign
          </Link>
        </div>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table card-table">
            <caption className="visually-hidden">Campaigns</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Audience</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {items.map((campaign) => (
                <tr key={campaign.id}>
                  <th scope="row" data-label="Name">
                    <Link to="/campaigns/$campaignId" params={{ campaignId: campaign.id }}>
                      {campaign.name}
                    </Link>
                  </th>
                  <td data-label="Status">
                    <CampaignStatusBadge campaign={campaign} />
                  </td>
                  <td data-label="Progress" className="progress-cell">
                    <CampaignProgress campaign={campaign} label={`${campaign.name}: ${sentOf(campaign)}`} />
                    <span className="small-print">{sentOf(campaign)}</span>
                  </td>
                  <td data-label="Audience">{describeAudience(campaign.audience)}</td>
                  <td data-label="Created" className="nowrap" title={formatDateTime(campaign.createdAt)}>
                    {formatDate(campaign.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
