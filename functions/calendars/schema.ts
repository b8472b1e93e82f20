import { z } from 'zod';

/** The calendars an organizer can connect with a password (OAuth ones come with their own flow). */
export const CONNECTABLE_KINDS = ['caldav', 'icloud'] as const;
export type ConnectableKind = (typeof CONNECTABLE_KINDS)[number];

/** The calendars connected by signing in to the provider (OAuth with PKCE). */
export const OAUTH_KINDS = ['google', 'microsoft'] as const;
export type OAuthKind = (typeof OAUTH_KINDS)[number];
export type ConnectionKind = ConnectableKind | OAuthKind;

export const OAuthCallbackQuery = z.object({
  code: z.string().min(1).max(4000).optional(),
  state: z.string().min(1).max(4000),
  /** The provider's answer when the person said no (access_denied). */
  error: z.string().max(200).optional(),
});

export const CONNECTION_STATUSES = ['ok', 'failing', 'expired'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** POST /api/calendars: connect a CalDAV server or iCloud. The password is checked before it is kept. */
export const CalendarConnectInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('caldav'),
    serverUrl: z.url({
      protocol: /^https?$/,
      error: 'Enter the server address, such as https://cal.example.com/dav/',
    }),
    username: z.string().trim().min(1, { error: 'Enter the user name' }).max(200),
    password: z.string().min(1, { error: 'Enter the password' }).max(1000),
  }),
  z.object({
    kind: z.literal('icloud'),
    username: z.email({ error: 'Enter your Apple ID (an email address)' }).max(254),
    password: z
      .string()
      .min(1, { error: 'Enter an app-specific password (appleid.apple.com → Sign-In and Security)' })
      .max(100),
  }),
]);
export type CalendarConnectInput = z.output<typeof CalendarConnectInput>;

/** PATCH /api/calendars/{id}: which of its calendars count as busy, and whether new meetings go there. */
export const CalendarConnectionPatch = z.object({
  readCalendarUrls: z.array(z.url()).max(50).optional(),
  writeCalendarUrl: z.url().nullable().optional(),
});
export type CalendarConnectionPatch = z.output<typeof CalendarConnectionPatch>;

export interface RemoteCalendarDto {
  url: string;
  name: string;
  canWrite: boolean;
}

/** A connection as the Calendars page shows it: never a password or token. */
export interface CalendarConnectionDto {
  id: string;
  kind: ConnectionKind;
  label: string;
  serverUrl: string;
  username: string;
  status: ConnectionStatus;
  lastError: string | null;
  checkedAt: string | null;
  /** The calendars it has (as of the last check). */
  calendars: RemoteCalendarDto[];
  readCalendarUrls: string[];
  /** New meetings are written here (null: not this connection). */
  writeCalendarUrl: string | null;
  createdAt: string;
}

export interface CalendarConnectionList {
  items: CalendarConnectionDto[];
  /** Where new meetings are written: a connection id, or "local" (Momentum Meet's own calendar). */
  writesTo: string;
}

/** GET/PUT /api/calendars/settings: what contacts are offered while a calendar cannot be read. */
export const CalendarSettingsPut = z.object({ whenUnreadable: z.enum(['withhold', 'tentative']) });
export type CalendarSettingsDto = z.infer<typeof CalendarSettingsPut>;
