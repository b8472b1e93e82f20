/**
 * What the conversation needs from the rest of the app, as interfaces: functions/bot/ wires them
 * to the booking use cases and Cosmos; unit tests hand in fakes. No HTTP, no Cosmos here.
 */

export interface Span {
  start: string;
  end: string;
}

/** Whose calendar a conversation books, from the booking link's signed token (never from the client). */
export interface Session {
  ownerId: string;
  meetingTypeId: string;
  /** The contact the link was made for, and what it prefilled. */
  contactId?: string;
  name?: string;
  email?: string;
  timeZone?: string;
  /** The visitor's own number (E.164) when they write on WhatsApp or SMS: kept on the lead. */
  phone?: string;
}

export interface Lead {
  name?: string;
  email?: string;
  /** '' when they said they have none. */
  company?: string;
  need?: string;
  phone?: string;
}

export interface BookedMeeting {
  id: string;
  start: string;
  end: string;
  joinUrl: string | null;
}

export interface Intro {
  host: string;
  meetingType: string;
  durationMinutes: number;
  organizerZone: string;
}

/** A failure whose message is meant for the visitor (a calendar down, a link no longer valid). */
export class SayError extends Error {
  override readonly name = 'SayError';
}

export interface BotPorts {
  now(): Date;
  /** Verifies a booking link's token; SayError when it is forged or expired. */
  openSession(token: string): Promise<Session>;
  intro(session: Session): Promise<Intro>;
  /** Free times in a range (UTC ISO), and the engine's three best for the visitor's zone. */
  freeSlots(
    session: Session,
    range: { from?: string; to?: string },
    zone: string,
  ): Promise<{ slots: Span[]; suggestions: Span[] }>;
  /** The lead as a contact (found by any identity, source "bot", status "new"): its id. */
  saveLead(session: Session, lead: Lead, zone: string): Promise<string>;
  /** Books through the one claim path; `taken` with the nearest free times when it went meanwhile. */
  book(
    session: Session,
    booking: { contactId: string; lead: Lead; start: string; zone: string },
  ): Promise<{ booked: BookedMeeting } | { taken: Span[] }>;
}
