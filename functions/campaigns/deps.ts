import { randomUUID } from 'node:crypto';
import { getEmailProvider } from '../_integrations/email/registry.js';
import { getConfig } from '../_shared/config.js';
import { AppError } from '../_shared/errors.js';
import { enqueue } from '../_shared/storage.js';
import { bookingDeps } from '../booking/deps.js';
import { bookingExtrasFor } from '../booking/variables.js';
import { createCosmosContactStore } from '../contacts/cosmos-contact-store.js';
import { countMessages } from '../dashboard/deps.js';
import { pipelineDeps } from '../leads/deps.js';
import { moveLead } from '../leads/pipeline.js';
import { cosmosSuppressionStore } from '../suppressions/cosmos-suppression-store.js';
import { cosmosTemplateStore } from '../templates/cosmos-template-store.js';
import { type CompiledTemplate, compileTemplate } from '../templates/render.js';
import { unsubscribeToken } from '../unsubscribe/unsubscribe.js';
import type { CampaignDeps } from './campaigns.js';
import { emailSendQueue } from './queue.js';
import { replyAddress } from './reply-address.js';
import type { ScheduleDeps } from './schedule.js';
import type { SendDeps } from './send.js';

const plan = (ownerId: string, campaignId: string) =>
  enqueue(emailSendQueue, { kind: 'plan', ownerId, campaignId });
const send = (ownerId: string, campaignId: string, messageIds: string[], delaySeconds = 0) =>
  enqueue(
    emailSendQueue,
    { kind: 'send', ownerId, campaignId, messageIds },
    { visibilityTimeoutSeconds: Math.min(delaySeconds, 7 * 86_400) },
  );

export function campaignDeps(): CampaignDeps {
  return {
    now: () => new Date(),
    newId: () => randomUUID(),
    contacts: createCosmosContactStore(),
    suppressions: cosmosSuppressionStore,
    plan,
    templateExists: async (ownerId, id) => Boolean(await cosmosTemplateStore.read(ownerId, id)),
  };
}

export function scheduleDeps(): ScheduleDeps {
  return { now: () => new Date(), plan, send: (ownerId, campaignId, ids) => send(ownerId, campaignId, ids) };
}

/** The send-email worker's dependencies; templates are compiled once per batch, not per email. */
export function sendDeps(): SendDeps {
  const compiled = new Map<string, Promise<CompiledTemplate>>();
  const template = (ownerId: string, id: string) => {
    let pending = compiled.get(id);
    if (!pending) {
      pending = cosmosTemplateStore.read(ownerId, id).then((doc) => {
        if (!doc) throw new AppError('NOT_FOUND', 'The campaign’s template was deleted.');
        return compileTemplate(doc);
      });
      compiled.set(id, pending);
    }
    return pending;
  };
  const base = getConfig().APP_BASE_URL.replace(/\/+$/, '');
  const bookingExtras = new Map<string, (contactId: string) => Record<string, unknown>>();
  const extrasOf = (ownerId: string, contactId: string) => {
    let forOwner = bookingExtras.get(ownerId);
    if (!forOwner) {
      forOwner = bookingExtrasFor(ownerId, bookingDeps());
      bookingExtras.set(ownerId, forOwner);
    }
    return forOwner(contactId);
  };
  return {
    now: () => new Date(),
    provider: getEmailProvider(),
    contacts: createCosmosContactStore(),
    suppressions: cosmosSuppressionStore,
    async render({ ownerId, templateId, contact, sender }) {
      const rendered = await (await template(ownerId, templateId)).render({
        contact,
        sender: { name: sender.name, email: sender.email, signature: sender.signature },
        extras: extrasOf(ownerId, contact.id),
      });
      return { subject: rendered.subject, html: rendered.html, text: rendered.text };
    },
    unsubscribeUrl: (ownerId, email, messageId) =>
      `${base}/api/unsubscribe/${unsubscribeToken(ownerId, email, messageId)}`,
    replyAddress: (_ownerId, messageId) => replyAddress(messageId),
    requeue: (ownerId, campaignId, ids, delaySeconds) => send(ownerId, campaignId, ids, delaySeconds),
    moveLead: (ownerId, contactId, event, ref) => moveLead(ownerId, contactId, event, pipelineDeps(), ref),
    countEvents: countMessages,
  };
}
