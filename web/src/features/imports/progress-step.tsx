import type { ImportDto } from '../../../../functions/import/schema';
import { formatCount } from '../../lib/format';

/**
 * Step 3: the worker's progress; the page polls the job every second meanwhile. `connectionLost`:
 * the latest poll failed, so the numbers shown may be stale (polling goes on).
 */
export function ProgressStep({ job, connectionLost = false }: { job: ImportDto; connectionLost?: boolean }) {
  const total = job.totalRows;
  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">
        {job.status === 'queued' ? 'Waiting to start…' : `Importing ${job.fileName}…`}
      </h2>
      {/* Without a total the bar has no max and shows as busy rather than as a false 0%. */}
      <progress
        aria-label="Import progress"
        value={total ? job.processedRows : undefined}
        max={total ?? undefined}
        className="progress"
      />
      <p aria-live="polite">
        {formatCount(job.processedRows)} / {total === null ? '?' : formatCount(total)} rows processed
      </p>
      {/* Always present so a screen reader hears the notice come and go; not an alert: nothing stops. */}
      <div role="status" className={connectionLost ? 'notice warn' : undefined}>
        {connectionLost && <p>Lost contact with the server — retrying…</p>}
      </div>
      <p className="muted">
        You can leave this page; the import carries on and shows up under Recent imports.
      </p>
    </section>
  );
}
