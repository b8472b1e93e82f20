import type { ContactStatus } from '../contacts/schema.js';

/**
 * The pipeline stage machine: pure, no I/O, no clock. A lead's stage is the contact's `status`
 * (contacts/schema.ts), so there is one field and every list, filter and campaign stop rule
 * already reads it. "meeting" is the stage shown as "Meeting booked".
 *
 * Rules, in order:
 * 1. Won and lost are ends: only a person moves a lead out of them.
 * 2. A stage someone set by hand is never overwritten by an event older than that choice (events
 *    carry the time they happened, and they can arrive late: a queued send, a delayed webhook).
 * 3. An event that would move a lead back (a cancellation) applies only when it is newer than the
 *    current stage; one that moves it forward applies whenever it arrives.
 */
export const LEAD_STAGES = [
  'new',
  'contacted',
  'replied',
  'meeting',
  'met',
  'no-show',
  'won',
  'lost',
] as const satisfies readonly ContactStatus[];
export type LeadStage = (typeof LEAD_STAGES)[number];

/** How far along each stage is: met and no-show share a step, as do won and lost. */
const RANK: Record<LeadStage, number> = {
  new: 0,
  contacted: 1,
  replied: 2,
  meeting: 3,
  met: 4,
  'no-show': 4,
  won: 5,
  lost: 5,
};

export const DEFAULT_STAGE_NAMES: Record<LeadStage, string> = {
  new: 'New',
  contacted: 'Contacted',
  replied: 'Replied',
  meeting: 'Meeting booked',
  met: 'Met',
  'no-show': 'No-show',
  won: 'Won',
  lost: 'Lost',
};

/** What happened to a lead, and when it happened (not when we heard of it). */
export type LeadEvent =
  | { kind: 'email-sent'; at: string }
  | { kind: 'reply'; at: string }
  | { kind: 'booking'; at: string }
  | { kind: 'meeting-passed'; at: string }
  | { kind: 'no-show'; at: string }
  | { kind: 'cancellation'; at: string }
  | { kind: 'manual'; at: string; stage: LeadStage };
export type LeadEventKind = LeadEvent['kind'];

/** Where a lead stands: its stage, since when, and whether a person or an event put it there. */
export interface LeadPosition {
  stage: LeadStage;
  /** When the current stage was reached; absent for leads older than the pipeline (treated as long ago). */
  since?: string | undefined;
  by?: 'event' | 'manual' | undefined;
}

export type Transition =
  | { moved: true; from: LeadStage; to: LeadStage; at: string; by: 'event' | 'manual' }
  | { moved: false; stage: LeadStage; why: string };

/** The stages an automatic event moves a lead from, and where to. */
const MOVES: Record<Exclude<LeadEventKind, 'manual'>, { from: readonly LeadStage[]; to: LeadStage }> = {
  'email-sent': { from: ['new'], to: 'contacted' },
  reply: { from: ['new', 'contacted'], to: 'replied' },
  // A no-show who books again has a meeting again.
  booking: { from: ['new', 'contacted', 'replied', 'no-show'], to: 'meeting' },
  // "Met unless no-show": only a lead still waiting on its meeting is met when the meeting ends.
  'meeting-passed': { from: ['meeting'], to: 'met' },
  // The meeting may already have been counted as met by the time the organizer says no one came.
  'no-show': { from: ['meeting', 'met'], to: 'no-show' },
  cancellation: { from: ['meeting'], to: 'replied' },
};

const olderThan = (a: string, b: string | undefined) => b !== undefined && Date.parse(a) < Date.parse(b);

/** Where `event` takes a lead at `position`, or why it stays. */
export function transition(position: LeadPosition, event: LeadEvent): Transition {
  const stay = (why: string): Transition => ({ moved: false, stage: position.stage, why });
  if (event.kind === 'manual') {
    if (event.stage === position.stage) return stay('already at this stage');
    return { moved: true, from: position.stage, to: event.stage, at: event.at, by: 'manual' };
  }
  if (RANK[position.stage] === 5) return stay(`a ${position.stage} lead moves only by hand`);
  if (position.by === 'manual' && olderThan(event.at, position.since))
    return stay('older than the stage set by hand');
  const move = MOVES[event.kind];
  if (!move.from.includes(position.stage)) return stay(`does not move a lead at "${position.stage}"`);
  const backwards = RANK[move.to] < RANK[position.stage];
  if (backwards && olderThan(event.at, position.since)) return stay('older than the current stage');
  return { moved: true, from: position.stage, to: move.to, at: event.at, by: 'event' };
}

/** The stage's name as this owner calls it (their names, else the defaults). */
export function stageName(stage: LeadStage, names: Partial<Record<LeadStage, string>> = {}): string {
  return names[stage]?.trim() || DEFAULT_STAGE_NAMES[stage];
}

export const stageRank = (stage: LeadStage): number => RANK[stage];
