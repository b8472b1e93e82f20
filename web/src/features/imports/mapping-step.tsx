import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { Fragment, useRef, useState } from 'react';
import type { ColumnMapping, ImportDto, ImportField } from '../../../../functions/import/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount, plural } from '../../lib/format';
import { useToast } from '../../lib/toast';
import { useHorizontalOverflow } from '../../lib/use-horizontal-overflow';
import { contactKeys } from '../contacts/queries';
import { ImportForecastPanel } from './forecast';
import { FIELD_LABELS, FIELD_MENU_LABELS, fieldMenuLabel, IMPORT_FIELDS, PREVIEW_TTL_HOURS } from './labels';
import { importKeys } from './queries';

// Fields where two columns are expected to pile up rather than overwrite each other.
const MULTI_COLUMN_FIELDS: ReadonlySet<ImportField> = new Set(['tags', 'notes']);

const columnName = (header: string, i: number) => header.trim() || `Column ${i + 1}`;

// Preview cells longer than this are cut with an ellipsis; the cell's tooltip shows them whole.
const LONG_CELL = 32;

/** Step 2: confirm which field each column fills, looking at the first rows of the file. */
export function MappingStep({ job }: { job: ImportDto }) {
  const queryClient = useQueryClient();
  const [mapping, setMapping] = useState<ColumnMapping>(() =>
    job.headers.map((_, i) => job.mapping[i] ?? null),
  );
  const [importErased, setImportErased] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const hidden = useHorizontalOverflow(scroller);
  const selects = useRef<(HTMLSelectElement | null)[]>([]);

  const commit = useMutation({
    mutationFn: () => api.imports.commit(job.id, mapping, { importErased }),
    onSuccess: (next) => {
      queryClient.setQueryData(importKeys.detail(next.id), next);
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
      if (next.status === 'completed') void queryClient.invalidateQueries({ queryKey: contactKeys.all });
    },
  });

  const navigate = useNavigate();
  const toast = useToast();
  const discard = useMutation({
    mutationFn: () => api.imports.discard(job.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: importKeys.detail(job.id) });
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
      toast({ message: `${job.fileName} discarded; nothing was imported.` });
      void navigate({ to: '/imports/new' });
    },
  });

  const used = mapping.filter((field): field is ImportField => field !== null);
  const repeated = [...new Set(used.filter((f, i) => used.indexOf(f) !== i && !MULTI_COLUMN_FIELDS.has(f)))];
  const ignored = job.headers.flatMap((_, col) => (mapping[col] === null ? [col] : []));
  const noEmail = used.length > 0 && !used.includes('email');
  const total = job.totalRows;
  const rowsShown =
    total === null
      ? `The first ${formatCount(job.preview.length)} rows`
      : `The first ${formatCount(job.preview.length)} of ${plural(total, 'row', 'rows')}`;

  /** Brings a column's menu into view (scrolling the table sideways if need be) and focuses it. */
  const goToColumn = (col: number) => {
    const select = selects.current[col];
    if (!select) return;
    select.scrollIntoView({ block: 'nearest', inline: 'center' });
    select.focus({ preventScroll: true });
  };

  return (
    <section aria-labelledby="mapping-title">
      <h2 id="mapping-title">Match your columns</h2>
      <p>
        We guessed what each column of <strong>{job.fileName}</strong> holds. Check the guesses against the
        rows below and change any that are wrong; choose “Ignore” to leave a column out.
      </p>

      <p className="mapping-summary" data-testid="mapping-summary">
        {ignored.length === 0 ? (
          `${plural(job.headers.length, 'column', 'columns')}, all mapped`
        ) : (
          <>
            {plural(job.headers.length, 'column', 'columns')}: {formatCount(used.length)} mapped,{' '}
            {formatCount(ignored.length)} ignored —{' '}
            {ignored.map((col, k) => (
              <Fragment key={col}>
                {k > 0 && ', '}
                <button
                  type="button"
                  className="link-button"
                  aria-describedby="mapping-go-to-hint"
                  onClick={() => goToColumn(col)}
                >
                  {columnName(job.headers[col] ?? '', col)}
                </button>
              </Fragment>
            ))}
          </>
        )}
        {(hidden.before || hidden.after) && (
          <span className="scroll-hint"> · Scroll the table sideways to see every column.</span>
        )}
        <span id="mapping-go-to-hint" hidden>
          Goes to this column’s menu in the table below.
        </span>
      </p>

      {/* The caption, shown outside the box so it does not scroll away sideways. */}
      <p className="table-note" aria-hidden="true">
        {rowsShown}
      </p>
      <div
        className="scroll-frame"
        data-hidden-before={hidden.before || undefined}
        data-hidden-after={hidden.after || undefined}
      >
        <div className="table-scroll mapping-scroll" ref={scroller}>
          <table className="data-table mapping-table">
            <caption className="visually-hidden">{rowsShown}</caption>
            <thead>
              <tr>
                {job.headers.map((header, col) => {
                  const field = mapping[col] ?? null;
                  const name = columnName(header, col);
                  // The menu shows a shortened label for some fields; the whole one goes with it.
                  const fullLabel = field !== null && field in FIELD_MENU_LABELS ? FIELD_LABELS[field] : null;
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional and never reorder
                    <th key={col} scope="col">
                      <span className="column-name">{name}</span>
                      <select
                        ref={(el) => {
                          selects.current[col] = el;
                        }}
                        aria-label={`Map column "${name}"`}
                        aria-describedby={fullLabel ? `mapping-field-${col}` : undefined}
                        title={fullLabel ?? undefined}
                        value={field ?? ''}
                        onChange={(e) => {
                          const next = e.target.value === '' ? null : (e.target.value as ImportField);
                          setMapping((m) => m.map((f, i) => (i === col ? next : f)));
                        }}
                      >
                        <option value="">Ignore</option>
                        {IMPORT_FIELDS.map((f) => (
                          <option key={f} value={f}>
                            {fieldMenuLabel(f)}
                          </option>
                        ))}
                      </select>
                      {fullLabel && (
                        <span id={`mapping-field-${col}`} className="visually-hidden">
                          {fullLabel}
                        </span>
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {job.preview.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: preview rows are positional
                <tr key={r}>
                  {job.headers.map((_, col) => {
                    const value = row[col] ?? '';
                    return (
                      <td
                        // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                        key={col}
                        className={mapping[col] === null ? 'ignored' : undefined}
                        title={value.length > LONG_CELL ? value : undefined}
                      >
                        {value}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      {repeated.length > 0 && (
        <p className="hint">
          More than one column is mapped to {repeated.map((f) => FIELD_LABELS[f]).join(', ')}. Check that this
          is what you meant.
        </p>
      )}
      {/* Always present so a screen reader hears the warning when a change brings it up. */}
      <div id="no-email-warning" role="status" className={noEmail ? 'notice warn' : undefined}>
        {noEmail && (
          <p>
            <strong>No column is mapped to Email.</strong> The contacts will be imported without an email
            address and marked “no email”. If a column holds email addresses, choose Email for it.
          </p>
        )}
      </div>
      <ImportForecastPanel
        importId={job.id}
        mapping={mapping}
        importErased={importErased}
        onImportErasedChange={setImportErased}
      />
      {commit.error && <ErrorAlert error={commit.error} />}
      {discard.error && <ErrorAlert error={discard.error} />}
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={used.length === 0 || commit.isPending}
          aria-describedby={noEmail ? 'no-email-warning' : undefined}
          onClick={() => commit.mutate()}
        >
          {total === null ? 'Import contacts' : `Import ${plural(total, 'contact', 'contacts')}`}
        </button>
        <button
          type="button"
          className="button"
          disabled={discard.isPending || commit.isPending}
          onClick={() => discard.mutate()}
        >
          Discard
        </button>
        {used.length === 0 && <span className="hint">Map at least one column to import.</span>}
      </div>
      <p className="hint">
        Nothing is imported until you confirm. An upload left unconfirmed is discarded after{' '}
        {PREVIEW_TTL_HOURS} hours.
      </p>
    </section>
  );
}
