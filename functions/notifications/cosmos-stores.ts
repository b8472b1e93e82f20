import { createHash } from 'node:crypto';
import { getContainer } from '../_shared/cosmos/client.js';
import { ownedDocuments } from '../_shared/cosmos/documents.js';
import type { ChannelConnectionDoc, ChannelConnectionStore } from './connections.js';
import type { ConsentDoc, PreferenceStore } from './preferences.js';
import type { NotificationPreferences } from './schema.js';

const connections = ownedDocuments<ChannelConnectionDoc>('channel-connections', 'channel connection');

export const cosmosChannelConnectionStore: ChannelConnectionStore = {
  async list(ownerId) {
    const { resources } = await (await getContainer('channel-connections')).items
      .query<ChannelConnectionDoc>(
        { query: 'SELECT * FROM c WHERE c.ownerId = @o', parameters: [{ name: '@o', value: ownerId }] },
        { partitionKey: ownerId },
      )
      .fetchAll();
    return resources.sort((a, b) => a.name.localeCompare(b.name));
  },
  find: (ownerId, name) => connections.find(ownerId, name),
  upsert: (doc) => connections.upsert(doc),
  remove: (ownerId, name) => connections.remove(ownerId, name),
  async ownerOfWhatsAppNumber(phoneNumberId) {
    // Meta's webhook names the business number only: the one cross-owner lookup, from a webhook.
    const { resources } = await (await getContainer('channel-connections')).items
      .query<{ ownerId: string }>({
        query: "SELECT c.ownerId FROM c WHERE c.name = 'whatsapp' AND c.settings.phoneNumberId = @p",
        parameters: [{ name: '@p', value: phoneNumberId }],
      })
      .fetchAll();
    return resources[0]?.ownerId;
  },
};

interface PreferencesDoc extends Partial<NotificationPreferences> {
  id: 'notification-preferences';
  ownerId: string;
  updatedAt: string;
  _etag?: string;
}

const settings = ownedDocuments<PreferencesDoc>('settings', 'notification preferences');
const consents = ownedDocuments<ConsentDoc>('settings', 'consent');

export const cosmosPreferenceStore: PreferenceStore = {
  async readPreferences(ownerId) {
    const doc = await settings.find(ownerId, 'notification-preferences');
    return doc && { events: doc.events, phone: doc.phone, reminders: doc.reminders };
  },
  async writePreferences(ownerId, prefs, now) {
    await settings.upsert({
      id: 'notification-preferences',
      ownerId,
      ...prefs,
      updatedAt: now.toISOString(),
    });
  },
  readConsent: (ownerId, contactId) => consents.find(ownerId, `consent-${contactId}`),
  async writeConsent(doc) {
    const { _etag, ...rest } = doc;
    await consents.upsert(rest);
  },
};

interface WhatsAppWindowDoc {
  id: string;
  ownerId: string;
  lastAt: string;
  _etag?: string;
}

const windows = ownedDocuments<WhatsAppWindowDoc>('settings', 'WhatsApp window');
const windowId = (e164: string) =>
  `wa-window-${createHash('sha256').update(e164).digest('base64url').slice(0, 32)}`;

/** When each number last wrote on WhatsApp, per owner (the 24-hour service window). */
export const cosmosWhatsAppWindows = {
  async wrote(ownerId: string, phone: string, at: string): Promise<void> {
    const current = await windows.find(ownerId, windowId(phone));
    if (current && current.lastAt >= at) return; // a replayed or older message
    await windows.upsert({ id: windowId(phone), ownerId, lastAt: at });
  },
  async last(ownerId: string, phone: string): Promise<string | undefined> {
    return (await windows.find(ownerId, windowId(phone)))?.lastAt;
  },
};
