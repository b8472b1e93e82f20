import { createCalDavCalendar, createICloudCalendar } from './caldav.js';
import type { CalendarProviderFactory } from './calendar-provider.js';
import { createGoogleCalendar } from './google.js';
import { createLocalCalendar } from './local.js';
import { createMicrosoftCalendar } from './microsoft.js';

/**
 * Every calendar provider, by the kind a calendar connection names. The only place one is
 * chosen: a use case looks up the connection's kind here and calls the factory with the owner,
 * the connection's decrypted credentials and its choice of calendars (neither for `local`).
 */
export const calendarProviders = {
  local: createLocalCalendar,
  caldav: createCalDavCalendar,
  icloud: createICloudCalendar,
  google: createGoogleCalendar,
  microsoft: createMicrosoftCalendar,
} satisfies Record<string, CalendarProviderFactory>;

export type CalendarProviderKind = keyof typeof calendarProviders;

const LABELS: Record<CalendarProviderKind, string> = {
  local: 'Momentum Meet',
  caldav: 'CalDAV',
  icloud: 'iCloud',
  google: 'Google',
  microsoft: 'Microsoft 365',
};

/** A provider's name as people say it, for messages ("the organizer's Google calendar"). */
export const calendarLabel = (name: string): string => LABELS[name as CalendarProviderKind] ?? name;
