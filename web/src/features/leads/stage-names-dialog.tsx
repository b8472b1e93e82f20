import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { LeadStage } from '../../../../functions/leads/stages';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { Modal } from '../../lib/modal';
import { useToast } from '../../lib/toast';
import { STATUS_LABELS } from '../contacts/labels';
import { leadKeys, STAGES } from './queries';

const MAX_NAME = 40;

/** Renames the stages as the team says them ("Demo set" for Meeting booked); the order stays fixed. */
export function StageNamesDialog({
  names,
  onClose,
}: {
  names: Record<LeadStage, string>;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState<Record<LeadStage, string>>(names);
  const save = useMutation({
    mutationFn: () => api.leads.saveStages(draft),
    onSuccess: async (saved) => {
      queryClient.setQueryData(leadKeys.stages(), saved);
      toast({ message: 'Stage names saved.' });
      onClose();
      await queryClient.invalidateQueries({ queryKey: leadKeys.all });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Modal
      title="Rename stages"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="stage-names" className="button primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save names'}
          </button>
        </>
      }
    >
      <form id="stage-names" onSubmit={submit} className="stage-names" aria-label="Stage names">
        <p className="muted">
          Name the stages as your team says them. The order stays the same; leave a name empty to use the
          standard one.
        </p>
        {STAGES.map((stage) => (
          <div className="field" key={stage}>
            <label htmlFor={`stage-name-${stage}`}>{STATUS_LABELS[stage]}</label>
            <input
              id={`stage-name-${stage}`}
              value={draft[stage]}
              maxLength={MAX_NAME}
              placeholder={STATUS_LABELS[stage]}
              onChange={(e) => setDraft({ ...draft, [stage]: e.target.value })}
            />
          </div>
        ))}
        {save.error && <ErrorAlert error={save.error} />}
      </form>
    </Modal>
  );
}
