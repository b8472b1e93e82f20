import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { ContactDto } from '../../../../functions/contacts/schema';
import { ApiError, api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime } from '../../lib/format';
import { Modal } from '../../lib/modal';
import { type FormField, fieldErrors, TEXT_FIELDS, toFormValues, toPatch } from './contact-form';
import { displayName, STATUS_LABELS, STATUSES } from './labels';
import { contactKeys } from './queries';

export function ContactEditDialog({ contact, onClose }: { contact: ContactDto; onClose: () => void }) {
  const queryClient = useQueryClient();
  const idPrefix = useId();
  const [values, setValues] = useState(() => toFormValues(contact));
  const save = useMutation({
    mutationFn: () => api.contacts.update(contact.id, toPatch(contact, values)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(contactKeys.detail(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: contactKeys.all });
      onClose();
    },
  });

  const errors =
    save.error instanceof ApiError ? fieldErrors(save.error.details) : { byField: {}, other: [] };
  const byField: Partial<Record<FormField, string>> = errors.byField;
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(toPatch(contact, values)).length === 0) return onClose();
    save.mutate();
  };

  const fieldProps = (name: FormField) => ({
    id: `${idPrefix}-${name}`,
    name,
    'aria-invalid': byField[name] ? true : undefined,
    'aria-describedby': byField[name] ? `${idPrefix}-${name}-error` : undefined,
  });
  const fieldError = (name: FormField) =>
    byField[name] && (
      <span id={`${idPrefix}-${name}-error`} className="field-error">
        {byField[name]}
      </span>
    );

  return (
    <Modal title={`Edit ${displayName(contact)}`} onClose={onClose}>
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        {save.error && (
          <div className="wide">
            <ErrorAlert error={save.error} details={errors.other} />
          </div>
        )}
        {TEXT_FIELDS.map((field) => (
          <div key={field.name} className="field">
            <label htmlFor={`${idPrefix}-${field.name}`}>{field.label}</label>
            <input
              {...fieldProps(field.name)}
              type={field.type}
              value={values[field.name]}
              onChange={(e) => set(field.name)(e.target.value)}
            />
            {fieldError(field.name)}
          </div>
        ))}
        <div className="field">
          <label htmlFor={`${idPrefix}-status`}>Status</label>
          <select
            {...fieldProps('status')}
            value={values.status}
            onChange={(e) => set('status')(e.target.value)}
          >
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
          {fieldError('status')}
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-tags`}>Tags (comma-separated)</label>
          <input {...fieldProps('tags')} value={values.tags} onChange={(e) => set('tags')(e.target.value)} />
          {fieldError('tags')}
        </div>
        <div className="field wide">
          <label htmlFor={`${idPrefix}-notes`}>Notes</label>
          <textarea
            {...fieldProps('notes')}
            rows={3}
            value={values.notes}
            onChange={(e) => set('notes')(e.target.value)}
          />
          {fieldError('notes')}
        </div>
        <p className="muted wide">
          Added {formatDateTime(contact.createdAt)} · Updated {formatDateTime(contact.updatedAt)}
        </p>
        <div className="dialog-actions wide">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
