import type { ContactStore } from '../contacts/contact-store.js';
import type { ContactDoc } from '../contacts/model.js';
import { type LeadEventDoc, type LeadEventStore, leadEventId } from './lead-events.js';
import { type LeadEvent, type LeadPosition, type LeadStage, type Transition, transition } from './stages.js';

/**
 * Moves leads through the pipeline: every writer (campaign send, inbound reply, booking, cancel,
 * no-show, the meeting-passed timer, a person) goes through here, so each move follows the stage
 * machine (stages.ts) and is recorded with its time and cause.
 */
export interface PipelineDeps {
  contacts: ContactStore;
  events: LeadEventStore;
  now(): Date;
}

export const positionOf = (doc: ContactDoc): LeadPosition => ({
  stage: doc.status,
  since: doc.lead?.since,
  by: doc.lead?.by,
});

/**
 * The contact after `event`, with the entry that records the move; undefined when it stays. Pure:
 * a caller that writes the contact for its own reasons too (booking learns the zone) uses this.
 * `ref` names the message or meeting that caused it (and makes the entry's id, so a redelivered
 * event records nothing twice).
 */
export function applyLeadEvent(
  doc: ContactDoc,
  event: LeadEvent,
  now: Date,
  ref?: string,
): { doc: ContactDoc; entry: LeadEventDoc; move: Extract<Transition, { moved: true }> } | undefined {
  const move = transition(positionOf(doc), event);
  if (!move.moved) return undefined;
  const recordedAt = now.toISOString();
  return {
    move,
    doc: {
      ...doc,
      status: move.to,
      lead: { ...doc.lead, since: move.at, by: move.by },
      updatedAt: recordedAt,
    },
    entry: {
      id: leadEventId(doc.id, event.kind, ref ?? event.at, move.from, move.to),
      ownerId: doc.ownerId,
      contactId: doc.id,
      type: 'stage',
      from: move.from,
      to: move.to,
      cause: event.kind,
      ...(ref && { ref }),
      at: move.at,
      recordedAt,
    },
  };
}

/**
 * Applies `event` to one lead: read, move, write with the etag (again on a concurrent change),
 * then record the move. Undefined when the contact is gone; `moved: false` when it stays.
 */
export async function moveLead(
  ownerId: string,
  contactId: string,
  event: LeadEvent,
  deps: PipelineDeps,
  ref?: string,
): Promise<Transition | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = await deps.contacts.read(ownerId, contactId);
    if (!doc) return undefined;
    const next = applyLeadEvent(doc, event, deps.now(), ref);
    if (!next) return transition(positionOf(doc), event);
    const result = await deps.contacts.replace(next.doc);
    if (result.status === 'gone') return undefined;
    if (result.status === 'ok') {
      await deps.events.record(next.entry);
      return next.move;
    }
  }
  throw new Error(`lead ${contactId} kept changing while it was being moved`);
}

/**
 * The entry for a stage someone set on the contacts page or by a bulk action (contacts/ writes
 * the status itself and stamps it as set by hand); `ref` is the bulk job, so a replay records once.
 */
export function manualMoveEntry(
  ownerId: string,
  contactId: string,
  from: LeadStage,
  to: LeadStage,
  at: string,
  ref?: string,
): LeadEventDoc {
  return {
    id: leadEventId(contactId, 'manual', ref ?? at, from, to),
    ownerId,
    contactId,
    type: 'stage',
    from,
    to,
    cause: 'manual',
    ...(ref && { ref }),
    at,
    recordedAt: at,
  };
}
