import { z } from 'zod';

/**
 * The notifications API's shapes (the SPA imports the inferred types): delivery records and their
 * log, per-owner channel connections (secrets go in, never out), preferences and contact consent.
 */

/** What a person chooses per event: the channels, by these names ('sms' is whichever SMS connection is set up). */
export const DELIVERY_CHANNELS = ['email', 'sms', 'whatsapp', 'slack', 'teams', 'teams-chat'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/**
 * The connections an owner can make, by registry name. `teams-chat` is made from Teams (the
 * organizer sends the bot their link code), not through the API's PUT.
 */
export const CONNECTION_NAMES = [
  'sms-twilio',
  'sms-acs',
  'whatsapp',
  'slack',
  'teams',
  'teams-chat',
] as const;
export type ConnectionName = (typeof CONNECTION_NAMES)[number];

export const NOTIFICATION_EVENTS = [
  'booked',
  'cancelled',
  'rescheduled',
  'reminder',
  'requested',
  'calendar-broken',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const DELIVERY_STATUSES = ['queued', 'retrying', 'sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const NotificationRecordDto = z.object({
  id: z.string(),
  /** The channel it went on, by registry name (email, sms-twilio, whatsapp…). */
  channel: z.string(),
  kind: z.string(),
  role: z.enum(['contact', 'organizer']).nullable(),
  recipient: z.object({
    name: z.string(),
    email: z.string().optional(),
    phone: z.string().optional(),
    slackChannel: z.string().optional(),
  }),
  subject: z.string(),
  meetingId: z.string().nullable(),
  contactId: z.string().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  /** When each step happened (UTC ISO): queued, sent, delivered, read, failed. */
  steps: z.partialRecord(z.enum(DELIVERY_STATUSES), z.string()),
  providerMessageId: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number(),
  /** A failed one whose notice can be sent again (POST …/retry). */
  canRetry: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NotificationRecordDto = z.infer<typeof NotificationRecordDto>;

export const NotificationLogQuery = z.object({
  channel: z.string().max(32).optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  meetingId: z.string().max(128).optional(),
  contactId: z.string().max(128).optional(),
  continuationToken: z.string().max(4000).optional(),
});
export type NotificationLogQuery = z.infer<typeof NotificationLogQuery>;

export const NotificationLog = z.object({
  items: z.array(NotificationRecordDto),
  continuationToken: z.string().nullable(),
});
export type NotificationLog = z.infer<typeof NotificationLog>;

const e164ish = z.string().trim().min(3).max(32);

/** PUT /api/notifications/channels/{name}: the connection's settings with its secrets. */
export const ChannelConnectionInput = {
  'sms-twilio': z
    .object({
      accountSid: z
        .string()
        .trim()
        .regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio account SID (AC + 32 hex)'),
      authToken: z.string().trim().min(16).max(128),
      from: e164ish.optional(),
      messagingServiceSid: z.string().trim().max(64).optional(),
    })
    .refine((v) => v.from || v.messagingServiceSid, {
      message: 'a sending number (from) or a Messaging Service SID',
      path: ['from'],
    }),
  'sms-acs': z.object({
    endpoint: z.url({ protocol: /^https?$/ }),
    accessKey: z.string().trim().min(16).max(256),
    from: e164ish,
  }),
  whatsapp: z.object({
    phoneNumberId: z
      .string()
      .trim()
      .regex(/^\d{5,20}$/, 'the WhatsApp phone number id (digits)'),
    accessToken: z.string().trim().min(16).max(1024),
    template: z.object({
      name: z.string().trim().min(1).max(512),
      language: z.string().trim().min(2).max(16),
    }),
  }),
  slack: z.union([
    z.object({
      botToken: z.string().trim().startsWith('xoxb-').max(256),
      channel: z.string().trim().min(1).max(80),
    }),
    z.object({ webhookUrl: z.url({ protocol: /^https?$/ }) }),
  ]),
  teams: z.object({ webhookUrl: z.url({ protocol: /^https?$/ }) }),
  /** Written by the bot when the organizer links their chat: where Bot Service said it lives. */
  'teams-chat': z.object({
    serviceUrl: z.url({ protocol: /^https?$/ }),
    conversationId: z.string().min(1).max(1000),
    tenantId: z.string().max(100).optional(),
    userName: z.string().max(200),
  }),
} satisfies Record<ConnectionName, z.ZodType>;

/** A connection as the SPA sees it: what it sends from / to, never a token, key or webhook URL. */
export const ChannelConnectionDto = z.object({
  name: z.enum(CONNECTION_NAMES),
  /** Non-secret settings: the sending number, phone number id, template, Slack channel. */
  settings: z.record(z.string(), z.unknown()),
  /**
   * Where to point the vendor's callbacks: Twilio's status callback (set on each send; also the
   * number's incoming-message webhook), the Event Grid webhook for ACS SMS events.
   */
  callbackUrl: z.string().nullable(),
  /** Which secrets are kept (their names only): "authToken", "webhookUrl"… */
  secrets: z.array(z.string()),
  lastTest: z
    .object({ at: z.string(), status: z.enum(['sent', 'failed']), error: z.string().nullable() })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChannelConnectionDto = z.infer<typeof ChannelConnectionDto>;

export const ChannelTestInput = z.object({
  /** Where an SMS / WhatsApp test goes; Slack and Teams post to their connection's channel. */
  phone: z.string().trim().max(32).optional(),
});

export const ChannelTestResult = z.object({
  status: z.enum(['sent', 'failed']),
  error: z.string().nullable(),
  providerMessageId: z.string().nullable(),
});
export type ChannelTestResult = z.infer<typeof ChannelTestResult>;

/** Minutes before a meeting; a whole number of days is counted on the recipient's calendar. */
const ReminderMinutes = z
  .int()
  .min(5)
  .max(7 * 24 * 60);

export const NotificationPreferences = z.object({
  /** Per event, the organizer's channels in order of preference (a refused one falls to the next). */
  events: z.record(z.enum(NOTIFICATION_EVENTS), z.array(z.enum(DELIVERY_CHANNELS)).max(5)),
  /** The organizer's own mobile, for SMS / WhatsApp notices to them. */
  phone: z.string().trim().max(32).nullable(),
  /** Reminders before each meeting, in minutes (default 24 h and 1 h). */
  reminders: z.array(ReminderMinutes).max(5),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const ConsentChannel = z.enum(['sms', 'whatsapp']);
export type ConsentChannel = z.infer<typeof ConsentChannel>;

export const ConsentEntry = z.object({
  granted: z.boolean(),
  at: z.string(),
  /** Where it came from: "booking page checkbox", "told me on the phone", "replied STOP"… */
  source: z.string(),
});

export const ContactConsentDto = z.object({
  contactId: z.string(),
  sms: ConsentEntry.nullable(),
  whatsapp: ConsentEntry.nullable(),
  /** Channels this contact opted out of (a STOP reply, or set by hand): nothing goes there. */
  optedOut: z.array(z.enum(DELIVERY_CHANNELS)),
});
export type ContactConsentDto = z.infer<typeof ContactConsentDto>;

export const ContactConsentInput = z.object({
  sms: z.object({ granted: z.boolean(), source: z.string().trim().min(1).max(200) }).optional(),
  whatsapp: z.object({ granted: z.boolean(), source: z.string().trim().min(1).max(200) }).optional(),
  optedOut: z.array(z.enum(DELIVERY_CHANNELS)).optional(),
});
export type ContactConsentInput = z.infer<typeof ContactConsentInput>;
