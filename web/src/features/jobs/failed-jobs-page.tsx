import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { FailedJobDto } from '../../../../functions/jobs/schema';
import { ApiError, api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime } from '../../lib/format';
import { useToast } from '../../lib/toast';

export const jobKeys = { failed: ['jobs', 'failed'] as const };

const failedJobsQuery = () => queryOptions({ queryKey: jobKeys.failed, queryFn: () => api.jobs.failed() });

/** Where the SPA shows what a failed job was about (a bulk action has no page of its own). */
function JobWhat({ what }: { what: FailedJobDto['what'] }) {
  const target = what.target;
  if (target?.type === 'import') {
    return (
      <Link to="/imports/$importId" params={{ importId: target.id }}>
        {what.summary}
      </Link>
    );
  }
  if (target?.type === 'campaign') {
    return (
      <Link to="/campaigns/$campaignId" params={{ campaignId: target.id }}>
        {what.summary}
      </Link>
    );
  }
  return <>{what.summary}</>;
}

/** /jobs/failed: the owner's background jobs that failed every try, each with a Retry. */
export function FailedJobsPage() {
  const query = useQuery(failedJobsQuery());
  const items = query.data?.items ?? [];
  return (
    <>
      <div className="page-title">
        <div>
          <h1>Failed jobs</h1>
          <p className="muted">
            Background work that failed every try: large imports, bulk actions on contacts and campaign
            sending. Retry one once whatever stopped it is fixed.
          </p>
        </div>
        <button
          type="button"
          className="button"
          onClick={() => query.refetch()}
          disabled={query.isFetching}
          aria-label="Refresh failed jobs"
        >
          {query.isFetching && !query.isPending ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {query.error && <ErrorAlert error={query.error} />}
      {query.isPending && <p aria-live="polite">Loading failed jobs…</p>}
      {query.data && items.length === 0 && (
        <p className="empty-state">Nothing failed. Every background job ran or is still running.</p>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table card-table">
            <caption className="visually-hidden">Failed jobs</caption>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">What</th>
                <th scope="col">Failed</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((job) => (
                <tr key={`${job.queue}/${job.id}`}>
                  <th scope="row" data-label="Job">
                    {job.kind}
                  </th>
                  <td data-label="What" className="break">
                    <JobWhat what={job.what} />
                  </td>
                  <td data-label="Failed" className="nowrap">
                    {formatDateTime(job.failedAt)}
                  </td>
                  <td className="row-actions">
                    <RetryButton job={job} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.data?.partial && (
        <p className="muted" role="note">
          Only the oldest failures of each kind can be looked at: more may be listed once these are retried.
        </p>
      )}
    </>
  );
}

function RetryButton({ job }: { job: FailedJobDto }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const retry = useMutation({
    mutationFn: () => api.jobs.retry(job.queue, job.id),
    onSuccess: async () => {
      toast({ message: `${job.what.summary} is queued again.` });
      await queryClient.invalidateQueries({ queryKey: jobKeys.failed });
    },
    onError: async (error) => {
      if (!(error instanceof ApiError && error.status === 404)) return;
      // Retried already (another tab) or gone: the row goes, so the toast says why.
      toast({ message: `${job.what.summary} is no longer waiting: it was retried already or removed.` });
      await queryClient.invalidateQueries({ queryKey: jobKeys.failed });
    },
  });
  const gone = retry.error instanceof ApiError && retry.error.status === 404;
  return (
    <>
      <button
        type="button"
        className="button small"
        disabled={retry.isPending}
        aria-label={`Retry ${job.what.summary}`}
        onClick={() => retry.mutate()}
      >
        {retry.isPending ? 'Retrying…' : 'Retry'}
      </button>
      {retry.error && !gone && <ErrorAlert error={retry.error} />}
    </>
  );
}
