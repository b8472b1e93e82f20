import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ImportDto } from '../../../../functions/import/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount, formatDateTime } from '../../lib/format';
import { IMPORT_STATUS_LABELS, PREVIEW_TTL_HOURS } from './labels';
import { importKeys, importsQuery } from './queries';

const HOUR_MS = 3_600_000;

/** "discarded in 5 hours" for an upload waiting to be confirmed. */
function expiresText(createdAt: string): string {
  const hours = Math.ceil(
    (new Date(createdAt).getTime() + PREVIEW_TTL_HOURS * HOUR_MS - Date.now()) / HOUR_MS,
  );
  if (Number.isNaN(hours)) return '';
  return hours <= 1
    ? 'discarded within the hour unless confirmed'
    : `discarded in ${hours} hours unless confirmed`;
}

export function ImportsPage() {
  const { data, error, isPending } = useQuery(importsQuery());
  return (
    <>
      <div className="page-title">
        <h1>Recent imports</h1>
        <div className="title-actions">
          <Link to="/jobs/failed" className="button">
            Failed jobs
          </Link>
          <Link to="/imports/new" className="button primary">
            Import contacts
          </Link>
        </div>
      </div>
      {error && <ErrorAlert error={error} />}
      {isPending && <p aria-live="polite">Loading imports…</p>}
      {data && data.items.length === 0 && <p className="empty-state">No imports yet.</p>}
      {data && data.items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table imports-table">
            <caption className="visually-hidden">Recent imports</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col">Rows</th>
                <th scope="col">Created</th>
                <th scope="col">Updated</th>
                <th scope="col">Unchanged</th>
                <th scope="col">Rejected</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((job) => (
                <ImportRow key={job.id} job={job} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function ImportRow({ job }: { job: ImportDto }) {
  const queryClient = useQueryClient();
  const discard = useMutation({
    mutationFn: () => api.imports.discard(job.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: importKeys.detail(job.id) });
      return queryClient.invalidateQueries({ queryKey: importKeys.list() });
    },
  });
  const preview = job.status === 'preview';
  // A preview has imported nothing yet: its counts would read as zeros done.
  const count = (n: number) => (preview ? '' : formatCount(n));
  return (
    <tr>
      <th scope="row">
        <Link to="/imports/$importId" params={{ importId: job.id }}>
          {job.fileName}
        </Link>
      </th>
      <td className="nowrap">{formatDateTime(job.createdAt)}</td>
      <td>
        {IMPORT_STATUS_LABELS[job.status]}
        {preview && <span className="hint block">{expiresText(job.createdAt)}</span>}
        {discard.error && <ErrorAlert error={discard.error} />}
      </td>
      <td>{job.totalRows === null ? '' : formatCount(job.totalRows)}</td>
      <td>{count(job.counts.created)}</td>
      <td>{count(job.counts.updated)}</td>
      <td>{count(job.counts.unchanged)}</td>
      <td>{count(job.counts.rejected)}</td>
      <td className="row-actions">
        {preview && (
          <>
            <Link to="/imports/$importId" params={{ importId: job.id }} className="button small primary">
              Confirm<span className="visually-hidden"> {job.fileName}</span>
            </Link>
            <button
              type="button"
              className="button small"
              disabled={discard.isPending}
              onClick={() => discard.mutate()}
            >
              Discard<span className="visually-hidden"> {job.fileName}</span>
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
