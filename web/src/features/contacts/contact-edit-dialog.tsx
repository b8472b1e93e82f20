import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { ContactDto } from '../../../../functions/contacts/schema';
import { ApiError, api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime } from '../../lib/format';
import { Modal } from '../../lib/modal';
import { ContactFields } from './contact-fields';
import { fieldErrors, toFormValues, toPatch } from './contact-form';
import { displayName } from './labels';
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

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(toPatch(contact, values)).length === 0) return onClose();
    save.mutate();
  };

  const formId = `${idPrefix}-form`;
  return (
    <Modal
      title={`Edit ${displayName(contact)}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <form id={formId} className="form-grid" onSubmit={onSubmit} noValidate>
        {save.error && (
          <div className="wide">
            <ErrorAlert error={save.error} details={errors.other} />
          </div>
        )}
        <ContactFields
          idPrefix={idPrefix}
          values={values}
          onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
          errors={errors.byField}
        />
        <p className="muted wide">
          Added {formatDateTime(contact.createdAt)} · Updated {formatDateTime(contact.updatedAt)}
        </p>
      </form>
    </Modal>
  );
}
