import { ownedDocuments } from '../_shared/cosmos/documents.js';
import type { UnreadablePolicy } from '../suggest-slots/slots.js';
import type { CalendarSettingsDto } from './schema.js';

/**
 * What contacts are offered while one of the organizer's calendars cannot be read: nothing (the
 * default — a busy time is never shown as free), or tentative times around what the calendar last
 * showed, booked as requests the organizer confirms. One `calendar-settings` document per owner
 * in the settings container.
 */
interface CalendarSettingsDoc {
  id: 'calendar-settings';
  ownerId: string;
  whenUnreadable: UnreadablePolicy;
  updatedAt: string;
  _etag?: string;
}

const settings = ownedDocuments<CalendarSettingsDoc>('settings', 'calendar setting');

export async function readCalendarSettings(ownerId: string): Promise<CalendarSettingsDto> {
  const doc = await settings.find(ownerId, 'calendar-settings');
  return { whenUnreadable: doc?.whenUnreadable ?? 'withhold' };
}

export async function putCalendarSettings(
  ownerId: string,
  input: CalendarSettingsDto,
  now: Date,
): Promise<CalendarSettingsDto> {
  await settings.upsert({
    id: 'calendar-settings',
    ownerId,
    whenUnreadable: input.whenUnreadable,
    updatedAt: now.toISOString(),
  });
  return { whenUnreadable: input.whenUnreadable };
}
