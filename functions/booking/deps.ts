import { randomUUID } from 'node:crypto';
import { calendarProviders } from '../_integrations/calendar/registry.js';
import { getChannel } from '../_integrations/channels/registry.js';
import { getVideoProvider } from '../_integrations/video/registry.js';
import { enqueue } from '../_shared/storage.js';
import { cosmosAvailabilityStore } from '../availability/cosmos-availability-store.js';
import { recordCalendarWrite } from '../calendars/audit.js';
import { emptiedOnWrite } from '../calendars/busy-cache.js';
import {
  type CalendarConnectionDoc,
  type ConnectionsDeps,
  connectedCalendars,
  providerOf,
  writeConnection,
} from '../calendars/connections.js';
import { connectionsDeps } from '../calendars/deps.js';
import { readCalendarSettings } from '../calendars/settings.js';
import { queryOwned, type SenderDoc } from '../campaigns/store.js';
import type { ConfirmDeps } from '../confirm-meeting/confirm.js';
import { createCosmosContactStore } from '../contacts/cosmos-contact-store.js';
import { cosmosLeadEventStore } from '../leads/store.js';
import { notifyRoute } from '../notifications/deps.js';
import type { NotifyDeps } from '../notify/notify.js';
import { notifyQueue } from '../notify/queue.js';
import { calendarRoom, videoFor } from '../video/video.js';
import { cosmosLedgerStore } from './cosmos-ledger-store.js';
import { appBaseUrl, manageUrl } from './links.js';
import { cosmosMeetingStore } from './meeting-store.js';
import type { Host } from './model.js';

/**
 * The organizer as meetings name them: their first saved sender; else who they signed in as when
 * they saved their availability; else a placeholder that still makes a valid invitation.
 */
export async function hostOf(ownerId: string): Promise<Host> {
  const [sender] = await queryOwned<SenderDoc>('senders', ownerId, '', [], 'ORDER BY c.createdAt');
  if (sender) return { name: sender.name, email: sender.email };
  const availability = await cosmosAvailabilityStore.read(ownerId);
  if (availability?.host?.email) return availability.host;
  return { name: 'Your host', email: 'no-reply@momentum-meet.invalid' };
}

/**
 * The calendar connections as one request sees them: the owner's list is read once, however many
 * steps ask (the busy-time search, the calendar to write to, the video choice).
 */
function requestConnections(): ConnectionsDeps {
  const deps = connectionsDeps();
  const listed = new Map<string, Promise<CalendarConnectionDoc[]>>();
  return {
    ...deps,
    store: {
      ...deps.store,
      list: (ownerId) => {
        let docs = listed.get(ownerId);
        if (!docs) {
          docs = deps.store.list(ownerId);
          listed.set(ownerId, docs);
        }
        return docs;
      },
    },
  };
}

/** Production wiring of suggest-slots and confirm-meeting: Cosmos, the local and connected calendars, Jitsi, the notify queue. */
export function bookingDeps(): ConfirmDeps {
  const connections = requestConnections();
  // What Momentum Meet writes to a calendar empties its cached busy time (a cancel frees at once).
  const writer = (connection: CalendarConnectionDoc) =>
    connections.busyCache
      ? emptiedOnWrite(providerOf(connection, connections), connection, {
          store: connections.busyCache.store,
          now: connections.now,
        })
      : providerOf(connection, connections);
  return {
    now: () => new Date(),
    newId: () => randomUUID(),
    availability: cosmosAvailabilityStore,
    ledger: cosmosLedgerStore,
    meetings: cosmosMeetingStore,
    contacts: createCosmosContactStore(),
    leadEvents: cosmosLeadEventStore,
    whenUnreadable: async (ownerId) => (await readCalendarSettings(ownerId)).whenUnreadable,
    calendars: async (ownerId, timeZone, options) => [
      calendarProviders.local(ownerId),
      ...(await connectedCalendars(ownerId, connections, timeZone, options)),
    ],
    calendar: async (ownerId) => {
      const connection = await writeConnection(ownerId, connections);
      if (!connection) return { provider: calendarProviders.local(ownerId), connectionId: null };
      const room = calendarRoom(connection.kind);
      return {
        provider: writer(connection),
        connectionId: connection.id,
        ...(room && { conference: room }),
      };
    },
    calendarOf: async (ownerId, connectionId) => {
      const connection = connectionId ? await connections.store.find(ownerId, connectionId) : undefined;
      // A disconnected calendar's events are out of reach; the local one answers "nothing to do".
      return connection ? writer(connection) : calendarProviders.local(ownerId);
    },
    video: async (ownerId, forType) =>
      videoFor(ownerId, (await writeConnection(ownerId, connections))?.kind, forType),
    // Only Zoom keeps rooms to give up; Jitsi and custom rooms need nothing (Jitsi's delete is a no-op),
    // and Meet / Teams rooms go with their calendar event.
    videoNamed: (name) => getVideoProvider(name === 'zoom' ? 'zoom' : 'jitsi'),
    host: hostOf,
    notify: (message) => enqueue(notifyQueue, message).then(() => undefined),
    audit: recordCalendarWrite,
  };
}

export function notifyDeps(): NotifyDeps {
  return {
    meetings: cosmosMeetingStore,
    channel: getChannel('email'),
    // The organizer's chosen channels and the contact's consented ones, each send recorded.
    route: notifyRoute(),
    now: () => new Date(),
    manageUrl,
    meetingsPageUrl: `${appBaseUrl()}/meetings`,
  };
}
