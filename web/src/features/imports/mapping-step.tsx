import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ColumnMapping, ImportDto, ImportField } from '../../../../functions/import/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount, plural } from '../../lib/format';
import { contactKeys } from '../contacts/queries';
import { FIELD_LABELS, IMPORT_FIELDS } from './labels';
import { importKeys } from './queries';

// Fields where two columns are expected to pile up rather than overwrite each other.
const MULTI_COLUMN_FIELDS: ReadonlySet<ImportField> = new Set(['tags', 'notes']);

const columnName = (header: string, i: number) => header.trim() || `Column ${i + 1}`;

/** Step 2: confirm which field each column fills, looking at the first rows of the file. */
export function MappingStep({ job }: { job: ImportDto }) {
  const queryClient = useQueryClient();
  const [mapping, setMapping] = useState<ColumnMapping>(() =>
    job.headers.map((_, i) => job.mapping[i] ?? null),
  );
  const commit = useMutation({
    mutationFn: () => api.imports.commit(job.id, mapping),
    onSuccess: (next) => {
      queryClient.setQueryData(importKeys.detail(next.id), next);
      void queryClient.invalidateQueries({ queryKey: importKeys.list() });
      if (next.status === 'completed') void queryClient.invalidateQueries({ queryKey: contactKeys.all });
    },
  });

  const used = mapping.filter((field): field is ImportField => field !== null);
  const repeated = [...new Set(used.filter((f, i) => used.indexOf(f) !== i && !MULTI_COLUMN_FIELDS.has(f)))];
  const total = job.totalRows;

  return (
    <section aria-labelledby="mapping-title">
      <h2 id="mapping-title">Match your columns</h2>
      <p>
        We guessed what each column of <strong>{job.fileName}</strong> holds. Check the guesses against the
        rows below and change any that are wrong; choose “Ignore” to leave a column out.
      </p>
      <div className="table-scroll">
        <table className="data-table mapping-table">
          <caption>
            {total === null
              ? `The first ${formatCount(job.preview.length)} rows`
              : `The first ${formatCount(job.preview.length)} of ${plural(total, 'row', 'rows')}`}
          </caption>
          <thead>
            <tr>
              {job.headers.map((header, col) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional and never reorder
                <th key={col} scope="col">
                  <span className="column-name">{columnName(header, col)}</span>
                  <select
                    aria-label={`Map column "${columnName(header, col)}"`}
                    value={mapping[col] ?? ''}
                    onChange={(e) => {
                      const field = e.target.value === '' ? null : (e.target.value as ImportField);
                      setMapping((m) => m.map((f, i) => (i === col ? field : f)));
                    }}
                  >
                    <option value="">Ignore</option>
                    {IMPORT_FIELDS.map((field) => (
                      <option key={field} value={field}>
                        {FIELD_LABELS[field]}
                      </option>
                    ))}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {job.preview.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: preview rows are positional
              <tr key={r}>
                {job.headers.map((_, col) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <td key={col} className={mapping[col] === null ? 'ignored' : undefined}>
                    {row[col] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {!used.includes('email') && (
        <p className="hint">No column is mapped to Email: contacts will be kept and marked “no email”.</p>
      )}
      {repeated.length > 0 && (
        <p className="hint">
          More than one column is mapped to {repeated.map((f) => FIELD_LABELS[f]).join(', ')}. Check that this
          is what you meant.
        </p>
      )}
      {commit.error && <ErrorAlert error={commit.error} />}
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={used.length === 0 || commit.isPending}
          onClick={() => commit.mutate()}
        >
          {total === null ? 'Import contacts' : `Import ${plural(total, 'contact', 'contacts')}`}
        </button>
        {used.length === 0 && <span className="hint">Map at least one column to import.</span>}
      </div>
    </section>
  );
}
