import type { NotificationChannel } from '../_integrations/channels/channel.js';
import { getChannel } from '../_integrations/channels/registry.js';
import { sendOnce } from '../_integrations/channels/sent-ledger.js';
import { toE164 } from '../_integrations/channels/sms.js';
import { getConfig } from '../_shared/config.js';
import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import { signToken } from '../_shared/signed-token.js';
import { enqueue } from '../_shared/storage.js';
import type { MeetingDoc } from '../booking/model.js';
import { botServiceToken } from '../bot/adapter.js';
import { createCosmosContactStore } from '../contacts/cosmos-contact-store.js';
import type { NotifyDeps } from '../notify/notify.js';
import { type NotifyMessage, notifyQueue } from '../notify/queue.js';
import { cosmosSuppressionStore } from '../suppressions/cosmos-suppression-store.js';
import { type ChannelConnectionDoc, type ConnectionDeps, channelOfConnection } from './connections.js';
import { cosmosRecordStore } from './cosmos-records.js';
import {
  cosmosChannelConnectionStore,
  cosmosPreferenceStore,
  cosmosWhatsAppWindows,
} from './cosmos-stores.js';
import { getNotificationPreferences, optedOut } from './preferences.js';
import { createRecordLedger } from './records.js';
import type { ReminderDeps } from './reminders.js';
import { contactRoute, type OwnerChannels, organizerRoute } from './routing.js';

/** Production wiring of the notifications capability: Cosmos stores, vendor URLs from config. */
export function connectionDeps(): ConnectionDeps {
  const config = getConfig();
  return {
    store: cosmosChannelConnectionStore,
    now: () => new Date(),
    endpoints: {
      twilioApiUrl: config.TWILIO_API_URL,
      whatsAppApiUrl: config.WHATSAPP_GRAPH_URL,
      slackApiUrl: config.SLACK_API_URL,
      twilioStatusCallback: (ownerId) =>
        `${config.APP_BASE_URL.replace(/\/+$/, '')}/api/webhooks/twilio/${encodeURIComponent(ownerId)}`,
      botToken: botServiceToken,
      acsEventsUrl: (ownerId) =>
        `${config.APP_BASE_URL.replace(/\/+$/, '')}/api/webhooks/acs/${signToken({ k: 'acs-events', o: ownerId })}`,
    },
  };
}

/** A connection whose sealed secret no longer opens refuses every send, naming what to do (never the secret). */
function brokenChannel(doc: ChannelConnectionDoc): NotificationChannel {
  return {
    name: doc.name,
    canReach: () => true,
    send: async () => ({
      status: 'rejected',
      reason: `The ${doc.name} connection's credentials can no longer be opened: connect ${doc.name} again.`,
    }),
  };
}

/**
 * Built channels by connection version: an SDK client (Twilio's, Slack's) with its keep-alive
 * agent is reused across messages instead of being made for each; a saved connection has a new
 * `updatedAt`, so a changed token gets a new client.
 */
const builtChannels = new Map<string, NotificationChannel>();
const BUILT_CHANNELS_LIMIT = 500;

function builtChannel(doc: ChannelConnectionDoc, deps: ConnectionDeps): NotificationChannel {
  const key = `${doc.ownerId}\u0000${doc.name}\u0000${doc.updatedAt}`;
  let channel = builtChannels.get(key);
  if (!channel) {
    try {
      channel = channelOfConnection(doc, deps);
    } catch {
      return brokenChannel(doc);
    }
    builtChannels.set(key, channel);
    // Map keeps insertion order: the first key is the oldest.
    if (builtChannels.size > BUILT_CHANNELS_LIMIT) builtChannels.delete(builtChannels.keys().next().value!);
  }
  return channel;
}

/** The owner's channels for one queue message, each sending once through the delivery records. */
export async function ownerChannels(
  ownerId: string,
  source: Record<string, unknown> | null,
  deps: ConnectionDeps = connectionDeps(),
): Promise<OwnerChannels> {
  const ledger = createRecordLedger(cosmosRecordStore, deps.now, source);
  const connections = await deps.store.list(ownerId);
  return {
    email: sendOnce(getChannel('email'), ledger),
    connections,
    build: (doc) => sendOnce(builtChannel(doc, deps), ledger),
  };
}

/** notify's `route`: the organizer's chosen channels, the contact's email plus consented SMS / WhatsApp. */
export function notifyRoute(): NonNullable<NotifyDeps['route']> {
  const contacts = createCosmosContactStore();
  const channels = new Map<string, Promise<OwnerChannels>>();
  return async (meeting: MeetingDoc, role, message: NotifyMessage) => {
    const key = `${meeting.ownerId}:${JSON.stringify(message)}`;
    let owner = channels.get(key);
    if (!owner) {
      owner = ownerChannels(meeting.ownerId, message);
      channels.set(key, owner);
    }
    if (role === 'organizer') {
      const prefs = await getNotificationPreferences(meeting.ownerId, cosmosPreferenceStore);
      return organizerRoute(meeting.organizer, message.notice, prefs, await owner);
    }
    const contact = await contacts.read(meeting.ownerId, meeting.contactId);
    const person = {
      name: meeting.contact.name,
      email: meeting.contact.email,
      phone: contact?.phone || undefined,
    };
    const phone = toE164(person.phone);
    const [consent, stopped, lastWhatsAppAt] = await Promise.all([
      cosmosPreferenceStore.readConsent(meeting.ownerId, meeting.contactId),
      optedOut(meeting.ownerId, person, cosmosSuppressionStore),
      phone ? cosmosWhatsAppWindows.last(meeting.ownerId, phone) : undefined,
    ]);
    return contactRoute(person, consent, stopped, await owner, { now: new Date(), lastWhatsAppAt });
  };
}

/** The reminders timer's parts: booked meetings ahead (every owner's), offsets, markers, the notify queue. */
export function reminderDeps(): ReminderDeps {
  return {
    now: () => new Date(),
    async *upcoming(from, to) {
      const query = (await getContainer('meetings')).items.query<MeetingDoc>(
        {
          query: "SELECT * FROM c WHERE c.status = 'booked' AND c.start > @from AND c.start <= @to",
          parameters: [
            { name: '@from', value: from.toISOString() },
            { name: '@to', value: to.toISOString() },
          ],
        },
        { maxItemCount: 200 },
      );
      for await (const page of query.getAsyncIterator()) yield page.resources;
    },
    offsets: async (ownerId) => (await getNotificationPreferences(ownerId, cosmosPreferenceStore)).reminders,
    async seen(ownerId, markerId) {
      const { resource } = await (await getContainer('notifications')).item(markerId, ownerId).read();
      return resource !== undefined;
    },
    async mark(ownerId, markerId, meetingId, at) {
      try {
        // A marker, not a delivery record: the log lists only type 'delivery'.
        await (await getContainer('notifications')).items.create({
          id: markerId,
          ownerId,
          type: 'reminder-queued',
          meetingId,
          createdAt: at.toISOString(),
          // Only needed until the meeting is over (reminders are at most a week ahead).
          ttl: 14 * 24 * 3600,
        });
      } catch (err) {
        if (cosmosStatus(err) !== 409) throw err;
      }
    },
    enqueue: (message) => enqueue(notifyQueue, message).then(() => undefined),
  };
}
