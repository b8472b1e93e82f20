import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/error-alert';
import { useToast } from '../../lib/toast';
import { contactKeys } from './queries';

/** Moves a contact to the trash and offers Undo (restore) for a few seconds. */
export function useDeleteWithUndo() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useCallback(
    async (contactId: string, name: string) => {
      await api.contacts.remove(contactId);
      queryClient.removeQueries({ queryKey: contactKeys.detail(contactId) });
      void queryClient.invalidateQueries({ queryKey: contactKeys.all });
      toast({
        message: `${name} moved to the trash.`,
        action: {
          label: 'Undo',
          run: () => {
            api.contacts.restore(contactId).then(
              () => {
                void queryClient.invalidateQueries({ queryKey: contactKeys.all });
                toast({ message: `${name} is back in your contacts.` });
              },
              (error: unknown) =>
                toast({
                  message: `Could not restore ${name}: ${errorMessage(error)} Try again from the trash.`,
                }),
            );
          },
        },
      });
    },
    [queryClient, toast],
  );
}
