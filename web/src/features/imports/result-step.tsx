import { Link } from '@tanstack/react-router';
import type { ImportCounts, ImportDto } from '../../../../functions/import/schema';
import { api } from '../../lib/api';
import { formatCount, formatDateTime } from '../../lib/format';

const COUNT_LABELS: [keyof ImportCounts, string][] = [
  ['created', 'Created'],
  ['updated', 'Updated'],
  ['unchanged', 'Unchanged'],
  ['rejected', 'Rejected'],
  ['duplicatesInFile', 'Duplicates merged'],
  ['withoutEmail', 'Without email'],
];

/** Step 4: what the import did, what it refused and why, and where to go next. */
export function ResultStep({ job }: { job: ImportDto }) {
  const failed = job.status === 'failed';
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title">{failed ? 'Import failed' : 'Import complete'}</h2>
      {failed && (
        <div role="alert" className="alert">
          <p>{job.error ?? 'The import stopped before it finished.'}</p>
          <p>
            Fix the file and import it again; contacts already imported are matched by email, not duplicated.
          </p>
        </div>
      )}
      <p className="muted">
        {job.fileName}
        {job.completedAt && ` · finished ${formatDateTime(job.completedAt)}`}
      </p>
      <dl className="counts" aria-label="Import result">
        {COUNT_LABELS.map(([key, label]) => (
          <div key={key} className={`count count-${key}${job.counts[key] === 0 ? ' count-zero' : ''}`}>
            <dt>{label}</dt>
            <dd data-testid={`count-${key}`}>{formatCount(job.counts[key])}</dd>
          </div>
        ))}
      </dl>

      {job.rejectedSample.length > 0 && (
        <table className="data-table">
          <caption>
            {job.counts.rejected > job.rejectedSample.length
              ? `The first ${formatCount(job.rejectedSample.length)} rejected rows`
              : 'Rejected rows'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {job.rejectedSample.map((rejected) => (
              <tr key={rejected.row}>
                <td>{rejected.row}</td>
                <td>{rejected.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div className="actions">
        {job.counts.rejected > 0 && (
          <a className="button" href={api.imports.rejectedCsvUrl(job.id)} download>
            Download rejected rows (CSV)
          </a>
        )}
        <Link to="/contacts" className="button primary">
          View contacts
        </Link>
        <Link to="/imports/new" className="button">
          Import another file
        </Link>
      </div>
    </section>
  );
}
