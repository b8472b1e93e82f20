import type { ContactDoc } from '../contacts/model.js';
import type { CampaignStep, StopReason } from './schema.js';
import type { MessageDoc } from './store.js';

export type Outcome = { send: true } | { send: false; status: 'skipped' | 'stopped'; reason: string };

/**
 * Whether one message goes out now, checked at send time (a contact may have unsubscribed,
 * bounced or replied since the campaign started): no address → skipped; a suppressed address →
 * skipped; for a follow-up, any stop rule of its step that happened → stopped.
 */
export function sendOutcome(input: {
  step: Required<CampaignStep>;
  stepNumber: number;
  contact: ContactDoc | undefined;
  to: string | null;
  suppression: string | undefined;
  earlier: Pick<MessageDoc, 'status'>[];
}): Outcome {
  const { step, stepNumber, contact, to, suppression, earlier } = input;
  if (!contact) return { send: false, status: 'skipped', reason: 'contact deleted' };
  if (!to) return { send: false, status: 'skipped', reason: 'no email' };
  if (suppression) return { send: false, status: 'skipped', reason: `suppressed: ${suppression}` };
  if (stepNumber > 1) {
    const happened: Record<StopReason, boolean> = {
      replied: contact.status === 'replied' || earlier.some((m) => m.status === 'replied'),
      // Met and no-show (pipeline stages after "meeting booked") had a meeting booked too.
      booked: contact.status === 'meeting' || contact.status === 'met' || contact.status === 'no-show',
      unsubscribed: false, // an unsubscribed address is suppressed, caught above
      bounced: earlier.some((m) => m.status === 'bounced' || m.status === 'failed'),
    };
    const stop = step.stopOn.find((reason) => happened[reason]);
    if (stop) return { send: false, status: 'stopped', reason: stop };
  }
  return { send: true };
}
