import { useMutation } from '@tanstack/react-query';
import type { ContactDto } from '../../../../functions/contacts/schema';
import { ErrorAlert } from '../../lib/error-alert';
import { Modal } from '../../lib/modal';
import { displayName } from './labels';
import { useDeleteWithUndo } from './use-restore';

/** Confirms moving one contact to the trash; afterwards a toast offers Undo. */
export function ContactDeleteDialog({
  contact,
  onClose,
  onDeleted,
}: {
  contact: ContactDto;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const deleteWithUndo = useDeleteWithUndo();
  const name = displayName(contact);
  const remove = useMutation({
    mutationFn: () => deleteWithUndo(contact.id, name),
    onSuccess: () => {
      onClose();
      onDeleted?.();
    },
  });
  return (
    <Modal
      title={`Delete ${name}?`}
      onClose={onClose}
      footer={
        <>
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
        </>
      }
    >
      <p>{name} will be moved to the trash. You can restore them from there for 30 days.</p>
      {remove.error && <ErrorAlert error={remove.error} />}
    </Modal>
  );
}
