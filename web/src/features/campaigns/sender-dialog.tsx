import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { SenderDto, SenderInput } from '../../../../functions/campaigns/schema';
import { ApiError, api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { Modal } from '../../lib/modal';
import { senderKeys } from './queries';

interface Values {
  name: string;
  email: string;
  replyTo: string;
  postalAddress: string;
  dailyCap: string;
}

const toValues = (s?: SenderDto): Values => ({
  name: s?.name ?? '',
  email: s?.email ?? '',
  replyTo: s?.replyTo ?? '',
  postalAddress: s?.postalAddress ?? '',
  dailyCap: String(s?.dailyCap ?? 100),
});

/**
 * Adds a sender or edits one. `focus: 'postalAddress'` opens it on the footer's address (the
 * field a refused start names).
 */
export function SenderDialog({
  sender,
  focus,
  onClose,
  onSaved,
}: {
  sender?: SenderDto;
  focus?: 'postalAddress';
  onClose: () => void;
  onSaved?: (sender: SenderDto) => void;
}) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => toValues(sender));
  const save = useMutation({
    mutationFn: () => {
      const input: SenderInput = {
        ...(sender
          ? { signature: sender.signature, hourlyCap: sender.hourlyCap, warmUp: sender.warmUp }
          : {}),
        name: values.name.trim(),
        email: values.email.trim(),
        replyTo: values.replyTo.trim() || null,
        postalAddress: values.postalAddress.trim(),
        dailyCap: Number(values.dailyCap) || 100,
      };
      return sender ? api.senders.update(sender.id, input) : api.senders.create(input);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: senderKeys.all });
      onSaved?.(saved);
      onClose();
    },
  });
  const errors: Partial<Record<keyof Values, string>> = {};
  if (save.error instanceof ApiError)
    for (const d of save.error.details) {
      const key = d.path as keyof Values | undefined;
      if (key && key in values) errors[key] ??= d.message;
    }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const field = (key: keyof Values, label: string, extra: Record<string, unknown> = {}, hint?: string) => (
    <div className={key === 'postalAddress' ? 'field wide' : 'field'}>
      <label htmlFor={`sender-${key}`}>{label}</label>
      {key === 'postalAddress' ? (
        <textarea
          id={`sender-${key}`}
          rows={3}
          value={values[key]}
          onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
          aria-invalid={errors[key] ? true : undefined}
          {...extra}
        />
      ) : (
        <input
          id={`sender-${key}`}
          value={values[key]}
          onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
          aria-invalid={errors[key] ? true : undefined}
          {...extra}
        />
      )}
      {hint && <span className="hint">{hint}</span>}
      {errors[key] && <span className="field-error">{errors[key]}</span>}
    </div>
  );
  const formId = 'sender-form';
  return (
    <Modal
      title={sender ? `Edit sender ${sender.name}` : 'New sender'}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : sender ? 'Save sender' : 'Add sender'}
          </button>
        </>
      }
    >
      <form id={formId} className="form-grid" onSubmit={onSubmit} noValidate aria-label="Sender">
        {save.error && (
          <div className="wide">
            <ErrorAlert error={save.error} details={[]} />
          </div>
        )}
        {field(
          'name',
          'Name',
          focus ? {} : { 'data-autofocus': true, autoComplete: 'name' },
          'Shown as the From name.',
        )}
        {field('email', 'Email', { type: 'email', autoComplete: 'email' })}
        {field(
          'replyTo',
          'Reply-to (optional)',
          { type: 'email' },
          'Where replies go, if not to the email above.',
        )}
        {field(
          'dailyCap',
          'Daily limit',
          { type: 'number', min: 1, max: 10000, inputMode: 'numeric' },
          'Emails per 24 hours; the rest wait for the next day.',
        )}
        {field(
          'postalAddress',
          'Postal address',
          focus === 'postalAddress' ? { 'data-autofocus': true } : {},
          'Printed in every email’s footer, as anti-spam law requires. A campaign cannot start without it.',
        )}
      </form>
    </Modal>
  );
}
