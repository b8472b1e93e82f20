import type { Span } from './ports.js';

/**
 * What the organizer's assistant needs from the rest of the app: functions/bot/ wires these to
 * the same use cases the API's routes run (contacts search, slot search, the organizer's booking
 * and move of a meeting, leads), always for the signed-in owner only; unit tests hand in fakes.
 */

export interface AssistantContact {
  id: string;
  name: string;
  email?: string | undefined;
  company?: string | undefined;
}

export interface AssistantMeeting {
  id: string;
  title: string;
  start: string;
  end: string;
  contactId: string;
  contactName: string;
}

export interface AssistantPorts {
  now(): Date;
  /** The owner's zone (their availability's): what "tomorrow" and "3pm" mean. */
  zoneOf(ownerId: string): Promise<string>;
  /** The owner's contacts matching a name or email, best first (at most `limit`). */
  findContacts(ownerId: string, query: string, limit: number): Promise<AssistantContact[]>;
  /** Free times of a meeting type of about that length; which type it is, and its length. */
  freeSlots(
    ownerId: string,
    search: { durationMinutes?: number | undefined; from: string; to: string },
  ): Promise<{ slots: Span[]; meetingTypeId: string; meetingType: string; durationMinutes: number }>;
  /** The organizer books for a contact through the one claim path; `taken` with others when it went. */
  book(
    ownerId: string,
    booking: { contactId: string; meetingTypeId: string; start: string },
  ): Promise<{ booked: AssistantMeeting } | { taken: Span[] }>;
  /** Booked meetings overlapping a range, soonest first. */
  meetings(ownerId: string, range: { from: string; to: string }): Promise<AssistantMeeting[]>;
  /** Free times a meeting could move to (its own time does not count as busy). */
  moveSlots(ownerId: string, meetingId: string, range: { from: string; to: string }): Promise<Span[]>;
  /** Moves a meeting as the Meetings page does (the contact gets the "Moved" email). */
  reschedule(
    ownerId: string,
    meetingId: string,
    start: string,
  ): Promise<{ moved: AssistantMeeting } | { taken: Span[] }>;
  /** Contacts emailed in campaigns who have not replied (stage "contacted"), newest first. */
  notReplied(ownerId: string, limit: number): Promise<{ contacts: AssistantContact[]; total: number }>;
}
