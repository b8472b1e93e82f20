import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount, formatDateTime } from '../../lib/format';
import { IMPORT_STATUS_LABELS } from './labels';
import { importsQuery } from './queries';

export function ImportsPage() {
  const { data, error, isPending } = useQuery(importsQuery());
  return (
    <>
      <div className="page-title">
        <h1>Recent imports</h1>
        <Link to="/imports/new" className="button primary">
          Import contacts
        </Link>
      </div>
      {error && <ErrorAlert error={error} />}
      {isPending && <p aria-live="polite">Loading imports…</p>}
      {data && data.items.length === 0 && <p className="empty-state">No imports yet.</p>}
      {data && data.items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Recent imports</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col">Rows</th>
                <th scope="col">Created</th>
                <th scope="col">Updated</th>
                <th scope="col">Rejected</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((job) => (
                <tr key={job.id}>
                  <th scope="row">
                    <Link to="/imports/$importId" params={{ importId: job.id }}>
                      {job.fileName}
                    </Link>
                  </th>
                  <td>{formatDateTime(job.createdAt)}</td>
                  <td>{IMPORT_STATUS_LABELS[job.status]}</td>
                  <td>{job.totalRows === null ? '' : formatCount(job.totalRows)}</td>
                  <td>{formatCount(job.counts.created)}</td>
                  <td>{formatCount(job.counts.updated)}</td>
                  <td>{formatCount(job.counts.rejected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
