import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LeadDto } from '../../../../functions/leads/schema';
import type { LeadStage } from '../../../../functions/leads/stages';
import { api } from '../../lib/api';
import { useToast } from '../../lib/toast';
import { contactKeys } from '../contacts/queries';
import { type LeadPages, leadKeys, withLead, withoutLead } from './queries';

export interface Move {
  lead: LeadDto;
  to: LeadStage;
  /** The owner's stage names, for the card's label and the messages. */
  names: Record<LeadStage, string>;
}

/**
 * Moves a lead to another stage by hand. The card changes column at once; if the API refuses,
 * both columns are put back as they were and a message says what happened and where the lead is.
 */
export function useMoveLead() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ lead, to }: Move) => api.leads.update(lead.id, { stage: to }),
    onMutate: async ({ lead, to, names }: Move) => {
      const from = lead.stage;
      await queryClient.cancelQueries({ queryKey: leadKeys.columns() });
      const before = {
        from: queryClient.getQueryData<LeadPages>(leadKeys.column(from)),
        to: queryClient.getQueryData<LeadPages>(leadKeys.column(to)),
      };
      queryClient.setQueryData<LeadPages>(leadKeys.column(from), (d) => withoutLead(d, lead.id));
      queryClient.setQueryData<LeadPages>(leadKeys.column(to), (d) =>
        withLead(withoutLead(d, lead.id), { ...lead, stage: to, stageName: names[to], stageBy: 'manual' }),
      );
      return before;
    },
    onError: (error, { lead, to, names }, before) => {
      if (before) {
        queryClient.setQueryData(leadKeys.column(lead.stage), before.from);
        queryClient.setQueryData(leadKeys.column(to), before.to);
      }
      toast({
        message: `Could not move ${lead.name} to ${names[to]}: ${error.message} ${lead.name} is back in ${names[lead.stage]}.`,
        durationMs: 12_000,
      });
    },
    onSuccess: (saved, { names }) => {
      toast({ message: `${saved.name} moved to ${names[saved.stage]}.` });
    },
    onSettled: async (_data, _error, { lead }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: leadKeys.all }),
        queryClient.invalidateQueries({ queryKey: contactKeys.detail(lead.id) }),
        queryClient.invalidateQueries({ queryKey: contactKeys.lists() }),
      ]);
    },
  });
}
