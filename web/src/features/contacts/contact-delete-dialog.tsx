import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContactDto } from '../../../../functions/contacts/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { Modal } from '../../lib/modal';
import { displayName } from './labels';
import { contactKeys } from './queries';

export function ContactDeleteDialog({ contact, onClose }: { contact: ContactDto; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.contacts.remove(contact.id),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: contactKeys.detail(contact.id) });
      await queryClient.invalidateQueries({ queryKey: contactKeys.all });
      onClose();
    },
  });
  const name = displayName(contact);
  return (
    <Modal title={`Delete ${name}?`} onClose={onClose}>
      <p>
        {name} will be removed from your contacts. This can't be undone; importing the file again brings them
        back.
      </p>
      {remove.error && <ErrorAlert error={remove.error} />}
      <div className="dialog-actions">
        {/* The safe choice gets the focus, so a stray Enter does not delete. */}
        <button type="button" className="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => remove.mutate()}
          disabled={remove.isPending}
        >
          {remove.isPending ? 'Deleting…' : 'Delete contact'}
        </button>
      </div>
    </Modal>
  );
}
