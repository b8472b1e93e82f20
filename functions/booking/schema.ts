import { z } from 'zod';
import { isValidZone } from '../_shared/scheduling/zone-clock.js';
import type { MeetingLocation } from '../availability/schema.js';

/**
 * The booking API's shapes, shared by suggest-slots, confirm-meeting, meetings and the SPA.
 * Every time is a UTC instant (ISO with Z); zones are IANA names.
 */

const instant = z.iso.datetime({ offset: true, error: 'Use a date and time such as 2026-03-10T14:00:00Z' });
const zone = z
  .string()
  .max(100)
  .refine(isValidZone, {
    error: (issue) => `Unknown time zone "${String(issue.input)}"; use an IANA name such as Europe/London`,
  });

/** A free slot as the public page gets it. */
export interface SlotDto {
  start: string;
  end: string;
}

/** GET /api/public/booking/{token}/slots and /api/public/meetings/{token}/slots. */
export const PublicSlotsQuery = z.object({
  from: instant.optional(),
  to: instant.optional(),
  /** The visitor's zone: ranks suggestions for their working day. */
  timeZone: zone.optional(),
});

export interface PublicSlots {
  /** A calendar of the organizer's cannot be read: a booking is a request they confirm. */
  tentative: boolean;
  organizerZone: string;
  durationMinutes: number;
  /** Every free slot in the range, sorted. */
  slots: SlotDto[];
  /** Up to three good times for the visitor, sorted. */
  suggestions: SlotDto[];
}

/** GET /api/slots (signed in): both parties' local times beside each slot. */
export const OrganizerSlotsQuery = z.object({
  meetingType: z.string().max(64).optional(),
  contactId: z.string().max(128).optional(),
  from: instant.optional(),
  to: instant.optional(),
});

export interface OrganizerSlot extends SlotDto {
  organizer: SlotDto;
  contact: SlotDto;
}

export interface OrganizerSlots {
  /** Calendars that could not be read (tentative times are offered meanwhile). */
  unreadable: string[];
  organizerZone: string;
  contactZone: string;
  durationMinutes: number;
  meetingType: { id: string; name: string };
  slots: OrganizerSlot[];
  suggestions: OrganizerSlot[];
}

/** GET /api/public/booking/{token}: what the booking page shows before any slot. */
export interface BookingPageDto {
  organizer: { name: string };
  meetingType: {
    id: string;
    name: string;
    durationMinutes: number;
    description: string;
    location: MeetingLocation;
  };
  /** Prefilled from the link (editable on the page). */
  contact: { name: string; email: string; timeZone: string | null };
  organizerZone: string;
  expiresAt: string;
}

const person = {
  name: z.string().trim().min(1, { error: 'Enter your name' }).max(200),
  email: z.email({ error: 'Enter an email address such as jordan@example.com' }).max(254),
};

/** POST /api/public/booking/{token}. */
export const PublicBookingInput = z.object({
  start: instant,
  ...person,
  timeZone: zone,
  note: z.string().trim().max(2000).default(''),
});
export type PublicBookingInput = z.output<typeof PublicBookingInput>;

/** POST /api/meetings (signed in): book for a contact. */
export const OrganizerBookingInput = z.object({
  contactId: z.string().min(1).max(128),
  meetingTypeId: z.string().min(1).max(64),
  start: instant,
});
export type OrganizerBookingInput = z.output<typeof OrganizerBookingInput>;

export const RescheduleInput = z.object({ start: instant });
export const CancelInput = z.object({ reason: z.string().trim().max(500).default('') });

/** `requested`: booked while a calendar could not be read, waiting for the organizer to confirm. */
export const MEETING_STATUSES = ['requested', 'booked', 'cancelled', 'no-show'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_SOURCES = ['booking-page', 'organizer', 'bot', 'email'] as const;
export type MeetingSource = (typeof MEETING_SOURCES)[number];

/** A meeting as the organizer's Meetings page lists it. */
export interface MeetingDto {
  id: string;
  title: string;
  start: string;
  end: string;
  status: MeetingStatus;
  source: MeetingSource;
  contactId: string;
  contact: { name: string; email: string };
  meetingType: { id: string; name: string; location: MeetingLocation };
  organizerZone: string;
  contactZone: string;
  joinUrl: string | null;
  note: string;
  createdAt: string;
  cancelledAt: string | null;
  cancelReason: string;
}

export const MeetingsQuery = z.object({
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  /** Only this contact's meetings (their page's activity). */
  contactId: z.string().min(1).max(128).optional(),
  continuation: z.string().max(4000).optional(),
});

export interface MeetingPage {
  items: MeetingDto[];
  continuation: string | null;
}

/** A meeting as its attendee sees it on the manage page (from the signed link in their email). */
export interface PublicMeetingDto {
  title: string;
  start: string;
  end: string;
  status: MeetingStatus;
  organizer: { name: string };
  contact: { name: string; email: string };
  organizerZone: string;
  contactZone: string;
  durationMinutes: number;
  location: MeetingLocation;
  joinUrl: string | null;
  /** The signed link of this meeting's manage page (cancel / reschedule). */
  manageUrl: string;
  /** Downloads the invitation (.ics). */
  icsUrl: string;
  /** "Add to calendar" links that open the provider with the event filled in. */
  googleUrl: string;
  outlookUrl: string;
}

/** 201 from a booking: the meeting, as the visitor sees it. */
export interface BookingResult {
  meeting: PublicMeetingDto;
}

/** 409 body when the slot was taken: the nearest free times instead. */
export interface SlotTakenBody {
  error: { code: 'SLOT_TAKEN'; message: string };
  alternatives: SlotDto[];
}

/** POST /api/contacts/{id}/booking-link. */
export const BookingLinkInput = z.object({ meetingTypeId: z.string().min(1).max(64).optional() });
export interface BookingLinkDto {
  url: string;
  expiresAt: string;
}
