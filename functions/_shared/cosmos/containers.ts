import type { CompositePath } from '@azure/cosmos';

/** Fields the contacts list sorts by; each is paired with the id so equal values page stably. */
const CONTACT_SORT_FIELDS = ['sortName', 'sortCompany', 'createdAt', 'updatedAt'] as const;

const byThenId = (field: string, order: 'ascending' | 'descending'): CompositePath[] => [
  { path: `/${field}`, order },
  { path: '/id', order },
];

export interface ContainerDefinition {
  /** ORDER BY over two fields needs a composite index, on Azure and on the local API server alike. */
  compositeIndexes?: CompositePath[][];
  /** Documents carry their own `ttl` (seconds); Azure deletes them when it runs out. */
  perDocumentTtl?: boolean;
}

/**
 * Every container of the database, all partitioned by /ownerId: created on first use by
 * getContainer, and by infra/ on Azure (a test keeps the two lists equal).
 */
export const CONTAINER_DEFINITIONS = {
  contacts: {
    compositeIndexes: CONTACT_SORT_FIELDS.flatMap((f) => [
      byThenId(f, 'ascending'),
      byThenId(f, 'descending'),
    ]),
  },
  /** Deleted contacts, restorable for 30 days. */
  'contact-trash': { perDocumentTtl: true },
  imports: {},
  /** Bulk actions on contacts and their progress. */
  'bulk-jobs': { perDocumentTtl: true },
  /** Per-user preferences and settings. */
  settings: {},
  /** Email templates. */
  templates: {},
  /** Addresses an owner never emails again (id: hash of the address). */
  suppressions: {},
  /** Mailboxes a user sends from, with caps and footer. */
  senders: {},
  /** Campaigns, and one message per (campaign, step, contact). */
  campaigns: {},
  messages: {},
  /** Emails the outbox provider kept instead of sending (EMAIL_PROVIDER=outbox), listed newest first. */
  outbox: { compositeIndexes: [byThenId('sentAt', 'descending')] },
  /** Events of the local calendar provider (id derived from the meeting id); cancelled ones expire. */
  'calendar-events': { perDocumentTtl: true },
  /** Per organizer and local day: the meetings and live claims that hold its time (booking/ledger.ts). */
  'booking-ledger': { perDocumentTtl: true },
  /** Calendars an organizer connected (CalDAV, iCloud), passwords sealed (secret-box.ts). */
  'calendar-connections': {},
  /** Each connection's busy time, read ahead and emptied when the calendar changes (calendars/busy-cache.ts). */
  'calendar-busy': { perDocumentTtl: true },
  /** Every write to an organizer's calendars (who, what, when, result), kept a year. */
  'calendar-audit': { perDocumentTtl: true },
  /** The single-use state of OAuth sign-ins in progress (PKCE verifier sealed); expire in minutes. */
  'oauth-states': { perDocumentTtl: true },
  /**
   * The bot: each conversation's state (partitioned by the conversation itself — its owner is only
   * known from the booking link of its first message — and expiring) and each conversation's
   * transcript (partitioned by the owner, tied to the lead's contact, kept).
   */
  conversations: { perDocumentTtl: true },
  /** Counters of the bot's rate limits, one per key and window, expiring with the window. */
  'rate-limits': { perDocumentTtl: true },
  /** Every pipeline move of a lead (automatic or by hand) and its next-action notes: the timeline. */
  'lead-events': {},
  /** Booked meetings, listed by start. */
  meetings: { compositeIndexes: [byThenId('start', 'ascending'), byThenId('start', 'descending')] },
  /**
   * One delivery record per (notification, channel): status with a time per step, provider id,
   * error (notifications/records.ts). Created-if-absent, it is also the durable sent ledger.
   */
  notifications: { compositeIndexes: [byThenId('createdAt', 'descending')], perDocumentTtl: true },
  /** Each owner's SMS / WhatsApp / Slack / Teams connection (id: the channel name), secrets sealed. */
  'channel-connections': {},
  /** Exports (contacts, leads, meetings, campaign messages) and their progress; kept a week. */
  'export-jobs': { perDocumentTtl: true },
  /** The dashboard's counts per owner, local day and campaign (or 'all'), patched by events (dashboard/counters.ts). */
  'daily-counters': {},
  /** The audit log: who did what, when, and how it went (sends, exports, erasures, connections, settings), kept a year. */
  audit: { perDocumentTtl: true },
} satisfies Record<string, ContainerDefinition>;

export type ContainerName = keyof typeof CONTAINER_DEFINITIONS;
export const CONTAINERS = Object.keys(CONTAINER_DEFINITIONS) as ContainerName[];
