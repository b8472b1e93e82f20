import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatBytes, formatCount, formatDateTime } from '../../lib/format';
import { FORMAT_LABELS, KIND_LABELS } from './labels';
import { exportsQuery, isExportRunning } from './queries';

/** The owner's last exports (kept a week), each downloadable again. */
export function RecentExports() {
  const query = useQuery(exportsQuery());
  const items = query.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="recent-exports">
      <h2 id="recent-exports">Recent exports</h2>
      {query.error && <ErrorAlert error={query.error} />}
      {query.isPending && <p aria-live="polite">Loading exports…</p>}
      {query.data && items.length === 0 && (
        <p className="muted">No exports yet. Exports are kept for a week.</p>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table card-table">
            <caption className="visually-hidden">Recent exports</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Rows</th>
                <th scope="col">Started</th>
                <th scope="col">File</th>
              </tr>
            </thead>
            <tbody>
              {items.map((job) => (
                <tr key={job.id}>
                  <th scope="row" data-label="What">
                    {KIND_LABELS[job.kind]} · {FORMAT_LABELS[job.format]}
                  </th>
                  <td data-label="Rows">
                    {isExportRunning(job)
                      ? `${formatCount(job.processed)} of ${formatCount(job.total)}`
                      : formatCount(job.total)}
                  </td>
                  <td data-label="Started" className="nowrap">
                    {formatDateTime(job.createdAt)}
                  </td>
                  <td data-label="File" className="break">
                    {job.status === 'completed' ? (
                      <a href={api.exports.fileUrl(job.id)} download={job.fileName}>
                        {job.fileName}
                      </a>
                    ) : job.status === 'failed' ? (
                      'Stopped — start it again'
                    ) : (
                      'Running…'
                    )}
                    {job.size !== null && <span className="muted"> ({formatBytes(job.size)})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
