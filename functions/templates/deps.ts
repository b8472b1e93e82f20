import { randomUUID } from 'node:crypto';
import { getEmailProvider } from '../_integrations/email/registry.js';
import { bookingDeps } from '../booking/deps.js';
import { bookingExtrasFor } from '../booking/variables.js';
import { listSenders } from '../campaigns/senders.js';
import { createCosmosContactStore } from '../contacts/cosmos-contact-store.js';
import { cosmosTemplateStore } from './cosmos-template-store.js';
import type { TemplatesDeps } from './templates.js';

/** The real dependencies of the template use cases. */
export function templatesDeps(): TemplatesDeps {
  return {
    store: cosmosTemplateStore,
    now: () => new Date(),
    newId: () => randomUUID(),
    contacts: createCosmosContactStore(),
    // The user's first sender; until they add one, emails come from the signed-in user.
    senderOf: async (ownerId) => {
      const [first] = await listSenders(ownerId);
      return first && { name: first.name, email: first.email, signature: first.signature };
    },
    send: async (email) => {
      const [result] = await getEmailProvider().send([email]);
      if (!result) throw new Error('the email provider answered nothing for one email');
      return result;
    },
    extrasFor: (ownerId, contactId) => bookingExtrasFor(ownerId, bookingDeps())(contactId),
  };
}
