import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { api, type ExportJobDto, type ExportRequestInput } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount } from '../../lib/format';
import { MEETING_STATUS_LABELS } from '../booking/labels';
import { MESSAGE_STATUS_LABELS } from '../campaigns/labels';
import { STATUS_LABELS } from '../contacts/labels';
import { FORMAT_LABELS, KIND_LABELS } from './labels';
import { exportKeys, exportQuery, isExportRunning } from './queries';

type Kind = ExportJobDto['kind'];
type Format = ExportJobDto['format'];

const HINTS: Record<Kind, string> = {
  contacts: 'Every contact field, in columns the import reads back.',
  leads: 'Each lead’s stage, next action and source.',
  meetings: 'Meetings by start day, with their contact, status and join link.',
  messages: 'Each campaign email: who it went to, its status, when it was sent.',
};

/** The export form: what, the filters that make sense for it, the format; then progress and the file. */
export function ExportBuilder() {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('contacts');
  const [format, setFormat] = useState<Format>('xlsx');
  const [filter, setFilter] = useState<Record<string, string>>({});
  const [jobId, setJobId] = useState<string | null>(null);
  const campaigns = useQuery({
    queryKey: ['campaigns', 'list'],
    queryFn: api.campaigns.list,
    enabled: kind === 'messages',
  });
  const start = useMutation({
    mutationFn: () => {
      const chosen = Object.fromEntries(Object.entries(filter).filter(([, v]) => v));
      return api.exports.start({ kind, format, filter: chosen } as ExportRequestInput);
    },
    onSuccess: (job) => {
      queryClient.setQueryData(exportKeys.detail(job.id), job);
      setJobId(job.id);
      return queryClient.invalidateQueries({ queryKey: exportKeys.list() });
    },
  });
  const set = (key: string) => (e: { target: { value: string } }) =>
    setFilter({ ...filter, [key]: e.target.value });
  const choose = (next: Kind) => {
    setKind(next);
    setFilter({});
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  const fieldError = (path: string) =>
    start.error && 'details' in start.error
      ? (start.error.details as { path: string; message: string }[]).find((d) => d.path === path)?.message
      : undefined;

  return (
    <section className="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <form onSubmit={submit} className="export-form">
        <fieldset className="export-kinds">
          <legend>What to export</legend>
          {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
            <label key={k} className="check">
              <input
                type="radio"
                name="export-kind"
                value={k}
                checked={kind === k}
                onChange={() => choose(k)}
              />
              {KIND_LABELS[k]}
            </label>
          ))}
        </fieldset>
        <p className="muted">{HINTS[kind]}</p>
        <div className="filters">
          {kind === 'contacts' && (
            <>
              <Field id="export-search" label="Search">
                <input
                  id="export-search"
                  value={filter.search ?? ''}
                  onChange={set('search')}
                  placeholder="Name, email, company…"
                />
              </Field>
              <StageField value={filter.status} onChange={set('status')} name="status" />
              <Field id="export-tag" label="Tag">
                <input id="export-tag" value={filter.tag ?? ''} onChange={set('tag')} />
              </Field>
            </>
          )}
          {kind === 'leads' && (
            <>
              <StageField value={filter.stage} onChange={set('stage')} name="stage" />
              <Field id="export-tag" label="Tag">
                <input id="export-tag" value={filter.tag ?? ''} onChange={set('tag')} />
              </Field>
            </>
          )}
          {kind === 'meetings' && (
            <>
              <Field id="export-from" label="Starting from">
                <input id="export-from" type="date" value={filter.from ?? ''} onChange={set('from')} />
              </Field>
              <Field id="export-to" label="Until" error={fieldError('filter.to')}>
                <input id="export-to" type="date" value={filter.to ?? ''} onChange={set('to')} />
              </Field>
              <Field id="export-meeting-status" label="Status">
                <select id="export-meeting-status" value={filter.status ?? ''} onChange={set('status')}>
                  <option value="">Any status</option>
                  {Object.entries(MEETING_STATUS_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </Field>
            </>
          )}
          {kind === 'messages' && (
            <>
              <Field id="export-campaign" label="Campaign" error={fieldError('filter.campaignId')}>
                <select id="export-campaign" value={filter.campaignId ?? ''} onChange={set('campaignId')}>
                  <option value="">All campaigns</option>
                  {(campaigns.data?.items ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="export-message-status" label="Status">
                <select id="export-message-status" value={filter.status ?? ''} onChange={set('status')}>
                  <option value="">Any status</option>
                  {Object.entries(MESSAGE_STATUS_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </Field>
            </>
          )}
          <Field id="export-format" label="Format">
            <select id="export-format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
              {(Object.keys(FORMAT_LABELS) as Format[]).map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <button type="submit" className="button primary" disabled={start.isPending}>
          {start.isPending ? 'Starting…' : `Export ${KIND_LABELS[kind].toLowerCase()}`}
        </button>
      </form>
      {start.error && !fieldError('filter.to') && !fieldError('filter.campaignId') && (
        <ErrorAlert error={start.error} />
      )}
      {jobId && <ExportProgress id={jobId} />}
    </section>
  );
}

function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}

function StageField({
  value,
  onChange,
  name,
}: {
  value: string | undefined;
  name: string;
  onChange: (e: { target: { value: string } }) => void;
}) {
  return (
    <Field id={`export-${name}`} label="Stage">
      <select id={`export-${name}`} value={value ?? ''} onChange={onChange}>
        <option value="">Any stage</option>
        {Object.entries(STATUS_LABELS).map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The running export's progress bar, then its download. */
export function ExportProgress({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const { data: job, error } = useQuery(exportQuery(id));
  const finished = job ? !isExportRunning(job) : false;
  // The recent list shows the finished file too.
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: exportKeys.list() });
  }, [finished, queryClient]);
  if (!job) return error ? <ErrorAlert error={error} /> : null;
  return (
    <div className="export-job" data-testid="export-job" aria-live="polite">
      {isExportRunning(job) && (
        <>
          <p>
            Exporting {KIND_LABELS[job.kind].toLowerCase()}… {formatCount(job.processed)} of{' '}
            {formatCount(job.total)} rows
          </p>
          <progress
            className="progress"
            aria-label="Export progress"
            max={Math.max(job.total, 1)}
            value={job.processed}
          />
        </>
      )}
      {job.status === 'completed' && (
        <p className="done">
          <span>
            Done: {formatCount(job.total)} {job.total === 1 ? 'row' : 'rows'}.
          </span>
          <a className="button primary" href={api.exports.fileUrl(job.id)} download={job.fileName}>
            Download {job.fileName}
          </a>
        </p>
      )}
      {job.status === 'failed' && (
        <div role="alert" className="alert">
          <p>{job.error ?? 'The export stopped.'} Start it again to get the file.</p>
        </div>
      )}
    </div>
  );
}
