/**
 * What the bot understood of one message. The deterministic understanding (patterns.ts) fills
 * it from patterns, chrono-node and the import's validators; an optional LLM may later sit
 * behind the same interface — it only proposes: the conversation still validates every field
 * and asks before anything is booked or stored.
 */

export type Intent = 'restart' | 'greet' | 'help' | 'skip' | 'more' | 'none';

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** When the visitor would like to meet, as a range to search (UTC ISO) and what to prefer in it. */
export interface TimeWish {
  from: string;
  to: string;
  /** A specific start they asked for ("tomorrow at 3"): the nearest free times to it are offered. */
  at?: string;
  /** Only times in this part of the day, in the visitor's zone. */
  partOfDay?: PartOfDay;
}

export interface Understood {
  intent: Intent;
  /** The message, trimmed and cut to a sane length. */
  text: string;
  /** A valid address, normalised (lower case). */
  email?: string;
  /** Something that looks like an address but is not valid, as typed. */
  invalidEmail?: string;
  /** E.164 when the number is valid. */
  phone?: string;
  /** A name they gave ("I'm Jane Doe", or a message that is only a name). */
  name?: string;
  /** 1-based pick of an offered time ("2", "the second one"). */
  choice?: number;
  when?: TimeWish;
}

export interface UnderstandingContext {
  /** The visitor's IANA zone: relative dates and times are read in it. */
  zone: string;
  now: Date;
  /** The organizer whose bot this is (an LLM reads their instruction). */
  ownerId?: string;
}

export interface Understanding {
  understand(text: string, context: UnderstandingContext): Promise<Understood>;
}
