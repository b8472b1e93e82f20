import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useEffect, useId, useState } from 'react';
import type {
  BulkAction,
  BulkJobDto,
  BulkTarget,
  ContactStatus,
} from '../../../../functions/contacts/schema';
import { api, type ExportParams } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount, plural } from '../../lib/format';
import { Modal } from '../../lib/modal';
import { STATUS_LABELS, STATUSES } from './labels';
import { bulkJobQuery, contactKeys, isBulkJobRunning } from './queries';

const contacts = (n: number) => plural(n, 'contact', 'contacts');

/** What a finished job did, in words: "Tagged 5,998 of 6,000 — 2 already had it". */
export function describeJob(job: BulkJobDto): string {
  const { changed, total } = job;
  const rest = total - changed;
  const of = `${formatCount(changed)} of ${formatCount(total)}`;
  switch (job.action.type) {
    case 'addTags':
      return `Tagged ${of}${rest > 0 ? ` — ${formatCount(rest)} already had it` : ''}`;
    case 'removeTags':
      return `Removed the tag from ${of}${rest > 0 ? ` — ${formatCount(rest)} did not have it` : ''}`;
    case 'setStatus':
      return `Set ${of} to ${STATUS_LABELS[job.action.status]}${rest > 0 ? ` — ${formatCount(rest)} already were` : ''}`;
    case 'delete':
      return `Moved ${contacts(changed)} to the trash`;
    default:
      return `Restored ${contacts(changed)}`;
  }
}

const RUNNING_VERBS: Record<string, string> = {
  addTags: 'Adding the tag',
  removeTags: 'Removing the tag',
  setStatus: 'Setting the status',
  delete: 'Moving contacts to the trash',
  restore: 'Restoring contacts',
};

/**
 * The latest bulk action: a progress bar while it runs in the background (polled every second),
 * then what it did, and Undo after a delete.
 */
export function BulkJobPanel({
  jobId,
  onUndone,
  onDismiss,
}: {
  jobId: string;
  onUndone: (job: BulkJobDto) => void;
  onDismiss: () => void;
}) {
  const queryClient = useQueryClient();
  const { data: job, error, failureCount } = useQuery(bulkJobQuery(jobId));
  const status = job?.status;
  // The contacts changed: refresh every list and page of them, once, when the job ends.
  useEffect(() => {
    if (status === 'completed' || status === 'failed')
      void queryClient.invalidateQueries({ queryKey: contactKeys.all });
  }, [status, queryClient]);
  const undo = useMutation({
    mutationFn: () => api.contacts.undoBulk(jobId),
    onSuccess: (restore) => {
      queryClient.setQueryData(bulkJobQuery(restore.id).queryKey, restore);
      onUndone(restore);
    },
  });

  if (!job) return error ? <ErrorAlert error={error} /> : null;
  const running = isBulkJobRunning(job);
  return (
    <div className={job.status === 'failed' ? 'bulk-job failed' : 'bulk-job'} data-testid="bulk-job">
      {running && (
        <>
          <p>
            {RUNNING_VERBS[job.action.type] ?? 'Working'}… {formatCount(job.processed)} of{' '}
            {contacts(job.total)}
          </p>
          <progress
            className="progress"
            aria-label="Bulk action progress"
            max={Math.max(job.total, 1)}
            value={job.processed}
          />
          {(error || failureCount > 0) && (
            <p className="hint">Lost contact with the server — retrying… The action carries on meanwhile.</p>
          )}
        </>
      )}
      {job.status === 'completed' && <p>{describeJob(job)}.</p>}
      {job.status === 'failed' && (
        <div role="alert" className="alert">
          <p>
            Stopped after {formatCount(job.processed)} of {contacts(job.total)}
            {job.error ? `: ${job.error}` : '.'}
          </p>
          <p>
            The {formatCount(job.processed)} already done keep the change. Run the action again to finish the
            rest; contacts already done are left as they are.
          </p>
        </div>
      )}
      {!running && (
        <div className="actions compact">
          {job.status === 'completed' && job.action.type === 'delete' && job.undoable && (
            <button type="button" className="button" onClick={() => undo.mutate()} disabled={undo.isPending}>
              Undo
            </button>
          )}
          {job.action.type === 'delete' && job.status === 'completed' && (
            <Link to="/contacts/trash">Open the trash</Link>
          )}
          <button type="button" className="button small" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}
      {undo.error && <ErrorAlert error={undo.error} />}
    </div>
  );
}

type Dialog = 'addTags' | 'removeTags' | 'setStatus' | 'delete' | null;

/** The actions on the selected contacts (or on every contact that matches). */
export function BulkToolbar({
  count,
  target,
  exportParams,
  onStarted,
}: {
  count: number;
  target: BulkTarget;
  exportParams: Omit<ExportParams, 'format'>;
  onStarted: (job: BulkJobDto) => void;
}) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const run = useMutation({
    mutationFn: (action: BulkAction) => api.contacts.bulk({ target, action }),
    onSuccess: (job) => {
      queryClient.setQueryData(bulkJobQuery(job.id).queryKey, job);
      setDialog(null);
      onStarted(job);
    },
  });
  const open = (next: Dialog) => {
    run.reset();
    setDialog(next);
  };
  const close = () => setDialog(null);
  return (
    <>
      <div className="bulk-actions" role="toolbar" aria-label="Bulk actions">
        <button type="button" className="button small" onClick={() => open('addTags')}>
          Add tag
        </button>
        <button type="button" className="button small" onClick={() => open('removeTags')}>
          Remove tag
        </button>
        <button type="button" className="button small" onClick={() => open('setStatus')}>
          Set status
        </button>
        <button type="button" className="button small danger" onClick={() => open('delete')}>
          Delete
        </button>
        <a
          className="button small"
          href={api.contacts.exportUrl({ ...exportParams, format: 'csv' })}
          download
        >
          Export CSV
        </a>
        <a
          className="button small"
          href={api.contacts.exportUrl({ ...exportParams, format: 'xlsx' })}
          download
        >
          Export Excel
        </a>
      </div>
      {(dialog === 'addTags' || dialog === 'removeTags') && (
        <TagDialog
          kind={dialog}
          count={count}
          pending={run.isPending}
          error={run.error}
          onClose={close}
          onSubmit={(tag) => run.mutate({ type: dialog, tags: [tag] })}
        />
      )}
      {dialog === 'setStatus' && (
        <StatusDialog
          count={count}
          pending={run.isPending}
          error={run.error}
          onClose={close}
          onSubmit={(status) => run.mutate({ type: 'setStatus', status })}
        />
      )}
      {dialog === 'delete' && (
        <Modal
          title={`Move ${contacts(count)} to the trash?`}
          onClose={close}
          footer={
            <>
              <button type="button" className="button" onClick={close} data-autofocus>
                Cancel
              </button>
              <button
                type="button"
                className="button danger"
                disabled={run.isPending}
                onClick={() => run.mutate({ type: 'delete' })}
              >
                {run.isPending ? 'Moving…' : 'Move to trash'}
              </button>
            </>
          }
        >
          <p>You can undo this right after, or restore them from the trash for 30 days.</p>
          {run.error && <ErrorAlert error={run.error} />}
        </Modal>
      )}
    </>
  );
}

function TagDialog(props: {
  kind: 'addTags' | 'removeTags';
  count: number;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (tag: string) => void;
}) {
  const id = useId();
  const [tag, setTag] = useState('');
  const adding = props.kind === 'addTags';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (tag.trim()) props.onSubmit(tag.trim());
  };
  return (
    <Modal
      title={adding ? `Add a tag to ${contacts(props.count)}` : `Remove a tag from ${contacts(props.count)}`}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form={`${id}-form`}
            className="button primary"
            disabled={props.pending || !tag.trim()}
          >
            {adding ? 'Add tag' : 'Remove tag'}
          </button>
        </>
      }
    >
      <form id={`${id}-form`} onSubmit={submit} className="field">
        <label htmlFor={`${id}-tag`}>Tag</label>
        <input id={`${id}-tag`} value={tag} maxLength={50} onChange={(e) => setTag(e.target.value)} />
      </form>
      {props.error ? <ErrorAlert error={props.error} /> : null}
    </Modal>
  );
}

function StatusDialog(props: {
  count: number;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (status: ContactStatus) => void;
}) {
  const id = useId();
  const [status, setStatus] = useState<ContactStatus>('contacted');
  return (
    <Modal
      title={`Set the status of ${contacts(props.count)}`}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" form={`${id}-form`} className="button primary" disabled={props.pending}>
            Set status
          </button>
        </>
      }
    >
      <form
        id={`${id}-form`}
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit(status);
        }}
      >
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) => setStatus(e.target.value as ContactStatus)}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </form>
      {props.error ? <ErrorAlert error={props.error} /> : null}
    </Modal>
  );
}
