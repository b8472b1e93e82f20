import type { LeadEventDoc } from '../leads/lead-events.js';
import { type CountedEvent, type CounterIncrement, type CounterKind, incrementsOf } from './counters.js';

/**
 * The one path every counted event takes (campaign sends, SendGrid's delivery / open / click
 * events, inbound replies, lead moves to booked / met / won). Callers count an event only when
 * the record it is about actually changed (a message's first open, a lead's move), so a
 * redelivered webhook or a replayed queue message counts nothing twice.
 */
export interface CountingDeps {
  zoneOf(ownerId: string): Promise<string>;
  /** The template of a campaign's step. */
  templateOf(ownerId: string, campaignId: string, step: number): Promise<string | undefined>;
  /** The contact's latest campaign email that went out: what a booking, meeting or win is credited to. */
  latestEmail(ownerId: string, contactId: string): Promise<EmailRef | undefined>;
  apply(increments: CounterIncrement[]): Promise<void>;
}

export interface EmailRef {
  ownerId: string;
  campaignId: string;
  step: number;
  sentAt: string | null;
}

export type MessageCounterKind = Extract<
  CounterKind,
  'sent' | 'delivered' | 'opened' | 'clicked' | 'replied'
>;

export interface MessageEvent {
  message: EmailRef;
  kind: MessageCounterKind;
  at: string;
}

async function count(events: CountedEvent[], deps: CountingDeps): Promise<void> {
  const zones = new Map<string, string>();
  for (const ownerId of new Set(events.map((e) => e.ownerId))) zones.set(ownerId, await deps.zoneOf(ownerId));
  await deps.apply(incrementsOf(events, (ownerId) => zones.get(ownerId) ?? 'UTC'));
}

/** Counts a batch of message events (each already known to be the message's first of its kind). */
export async function countMessageEvents(events: MessageEvent[], deps: CountingDeps): Promise<void> {
  if (!events.length) return;
  const counted: CountedEvent[] = [];
  for (const { message, kind, at } of events)
    counted.push({
      ownerId: message.ownerId,
      kind,
      at,
      campaignId: message.campaignId,
      templateId: await deps.templateOf(message.ownerId, message.campaignId, message.step),
      sentAt: message.sentAt ?? (kind === 'sent' ? at : null),
    });
  await count(counted, deps);
}

const LEAD_KINDS: Partial<Record<string, CounterKind>> = { meeting: 'booked', met: 'held', won: 'won' };

/** Counts a recorded stage move: to "meeting booked" (booked), "met" (held), "won" (won). */
export async function countLeadMove(entry: LeadEventDoc, deps: CountingDeps): Promise<void> {
  const kind = entry.type === 'stage' && entry.to ? LEAD_KINDS[entry.to] : undefined;
  if (!kind) return;
  const email = await deps.latestEmail(entry.ownerId, entry.contactId);
  await count(
    [
      {
        ownerId: entry.ownerId,
        kind,
        at: entry.at,
        campaignId: email?.campaignId,
        templateId: email && (await deps.templateOf(email.ownerId, email.campaignId, email.step)),
        sentAt: email?.sentAt,
      },
    ],
    deps,
  );
}

/** How a webhook or worker counts message events (tests pass their own, production `countMessages`). */
export type CountMessages = (events: MessageEvent[]) => Promise<void>;
