import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnMapping } from '../../../../functions/import/schema';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount, plural } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { forecastQuery } from './queries';

export const FORECAST_DEBOUNCE_MS = 400;
/** The reason the import gives rows of contacts erased at their request (privacy/erase.ts). */
const ERASED_EARLIER = /^Erased earlier/;

/**
 * What committing would do with the mapping on screen, worked out on the whole file: asked when
 * the step opens and again once the mapping has stopped changing for a moment.
 */
export function ImportForecastPanel({
  importId,
  mapping,
  importErased = false,
  onImportErasedChange,
}: {
  importId: string;
  mapping: ColumnMapping;
  /** Rows of contacts erased earlier at their request are skipped unless this is ticked. */
  importErased?: boolean;
  onImportErasedChange?: (value: boolean) => void;
}) {
  const settled = useDebounced(mapping, FORECAST_DEBOUNCE_MS);
  const mapped = settled.some((field) => field !== null);
  const query = useQuery({
    ...forecastQuery(importId, settled),
    enabled: mapped,
    placeholderData: keepPreviousData,
  });
  const forecast = query.data;
  const updating = mapped && (query.isFetching || settled !== mapping);
  if (!mapped) return null;
  return (
    <section
      className="forecast"
      aria-labelledby="forecast-title"
      aria-busy={updating}
      data-testid="import-forecast"
    >
      <h3 id="forecast-title">What this import will do</h3>
      {query.isError && !forecast && <ErrorAlert error={query.error} />}
      {!forecast && !query.isError && <p aria-live="polite">Checking the whole file…</p>}
      {forecast && (
        <>
          <p className="forecast-counts" aria-live="polite" data-testid="forecast-counts">
            <strong>{formatCount(forecast.create)} new</strong> · {formatCount(forecast.merge)} already in
            your contacts (will be merged) ·{' '}
            <span className={forecast.reject > 0 ? 'danger-text' : undefined}>
              {formatCount(forecast.reject)} rejected
            </span>
            {updating && <span className="muted"> · updating…</span>}
          </p>
          {(forecast.duplicatesInFile > 0 || forecast.withoutEmail > 0) && (
            <p className="hint">
              {forecast.duplicatesInFile > 0 &&
                `${plural(forecast.duplicatesInFile, 'row repeats', 'rows repeat')} an earlier row of the file and will be merged into it. `}
              {forecast.withoutEmail > 0 &&
                `${plural(forecast.withoutEmail, 'contact', 'contacts')} without an email will be kept and marked “no email”.`}
            </p>
          )}
          {forecast.rejectedSample.length > 0 && (
            <details open={forecast.rejectedSample.length <= 5}>
              <summary>
                {forecast.reject > forecast.rejectedSample.length
                  ? `Why rows are rejected (the first ${formatCount(forecast.rejectedSample.length)})`
                  : 'Why rows are rejected'}
              </summary>
              <ul className="rejected-reasons">
                {forecast.rejectedSample.map((rejected) => (
                  <li key={rejected.row}>
                    Row {rejected.row}: {rejected.reason}
                  </li>
                ))}
              </ul>
              <p className="hint">Fix these rows in the file and upload it again, or import without them.</p>
            </details>
          )}
          {onImportErasedChange && forecast.rejectedSample.some((r) => ERASED_EARLIER.test(r.reason)) && (
            <label className="check">
              <input
                type="checkbox"
                checked={importErased}
                onChange={(e) => onImportErasedChange(e.target.checked)}
              />{' '}
              Import contacts erased earlier anyway (only if they asked to be added back)
            </label>
          )}
        </>
      )}
    </section>
  );
}
