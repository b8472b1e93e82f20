import { createHash } from 'node:crypto';
import type { LeadEventKind, LeadStage } from './stages.js';

/**
 * One entry of a lead's history in the `lead-events` container (partition /ownerId): a stage move
 * (automatic or by hand) with its cause, or a next-action note. Never holds message bodies.
 */
export interface LeadEventDoc {
  id: string;
  ownerId: string;
  contactId: string;
  type: 'stage' | 'note';
  /** Stage moves: from where to where, and what caused it. */
  from?: LeadStage;
  to?: LeadStage;
  cause?: LeadEventKind;
  /** The message or meeting that caused it. */
  ref?: string;
  /** Notes: the next action set (or cleared, when absent). */
  nextAction?: { on: string; note: string } | null;
  /** When it happened (the event's own time) and when it was written. */
  at: string;
  recordedAt: string;
}

export interface LeadEventStore {
  /** Writes it; the id is derived from what happened, so writing it again changes nothing. */
  record(doc: LeadEventDoc): Promise<void>;
  /** A lead's history, oldest first. */
  forContact(ownerId: string, contactId: string): Promise<LeadEventDoc[]>;
  /** The owner's stage moves recorded in [from, to), oldest first (the daily report). */
  movesBetween(ownerId: string, from: string, to: string): Promise<LeadEventDoc[]>;
}

/** A stable id from the parts that make an entry unique (Cosmos ids forbid / \ ? #). */
export function leadEventId(...parts: (string | undefined)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
