import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useId, useState } from 'react';
import { ApiError, api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { Modal } from '../../lib/modal';
import { useToast } from '../../lib/toast';
import { ContactFields } from './contact-fields';
import { emptyFormValues, fieldErrors, toCreate } from './contact-form';
import { displayName } from './labels';
import { contactKeys, contactQuery } from './queries';

const PHONE_HINT = 'With its +country code, or as dialled in the contact’s country.';

/** "Add contact": every field; a person already in the contacts is offered to open instead. */
export function ContactCreateDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const idPrefix = useId();
  const [values, setValues] = useState(emptyFormValues);
  const create = useMutation({
    mutationFn: () => api.contacts.create(toCreate(values)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(contactKeys.detail(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: contactKeys.all });
      toast({ message: `${displayName(saved)} added.` });
      onClose();
    },
  });
  const error = create.error instanceof ApiError ? create.error : null;
  const duplicateOf = error?.code === 'DUPLICATE' ? error.details.find((d) => d.id)?.id : undefined;
  const existing = useQuery({ ...contactQuery(duplicateOf ?? ''), enabled: duplicateOf !== undefined });
  const errors =
    error && !duplicateOf ? fieldErrors(error.details) : { byField: {}, other: error?.details ?? [] };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const formId = `${idPrefix}-form`;
  return (
    <Modal
      title="Add contact"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button primary" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add contact'}
          </button>
        </>
      }
    >
      <form id={formId} className="form-grid" onSubmit={onSubmit} noValidate>
        <p className="muted wide">Give at least an email, a name or a LinkedIn URL.</p>
        {duplicateOf ? (
          <div role="alert" className="alert wide">
            <p>{error?.details.find((d) => d.id)?.message ?? error?.message}</p>
            <p>
              <Link to="/contacts/$contactId" params={{ contactId: duplicateOf }} onClick={onClose}>
                Open {existing.data ? displayName(existing.data) : 'the existing contact'}
              </Link>
            </p>
          </div>
        ) : (
          create.error && (
            <div className="wide">
              <ErrorAlert error={create.error} details={errors.other} />
            </div>
          )
        )}
        <ContactFields
          idPrefix={idPrefix}
          values={values}
          onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
          errors={errors.byField}
          hints={{ phone: PHONE_HINT }}
        />
      </form>
    </Modal>
  );
}
