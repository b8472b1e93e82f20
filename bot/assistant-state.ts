import { DateTime } from 'luxon';
import { zoneCity } from '../functions/_shared/scheduling/zone-clock.js';
import type { AssistantContact, AssistantMeeting, AssistantPorts } from './assistant-ports.js';
import type { AssistantCommand, AssistantContext } from './assistant-understanding.js';
import { formatSlot } from './offer.js';
import type { Span } from './ports.js';

/** What the organizer's assistant keeps between turns, and what a turn gives back. */

export interface BookOffer {
  contact: AssistantContact;
  meetingTypeId: string;
  meetingType: string;
  durationMinutes: number;
  offered: Span[];
}

/** The question the assistant is waiting on an answer to. */
export type Pending =
  | {
      kind: 'contact';
      candidates: AssistantContact[];
      durationMinutes?: number | undefined;
      from: string;
      to: string;
    }
  | ({ kind: 'time' } & BookOffer)
  | ({ kind: 'confirm-book'; slot: Span } & BookOffer)
  | {
      kind: 'meeting';
      candidates: AssistantMeeting[];
      toText: string;
      from: string;
      to: string;
      at?: string | undefined;
    }
  | { kind: 'move-time'; meeting: AssistantMeeting; offered: Span[] }
  | { kind: 'confirm-move'; meeting: AssistantMeeting; offered: Span[]; slot: Span };

export interface AssistantState {
  ownerId: string;
  /** The organizer's IANA zone: what times are read and shown in. */
  zone: string;
  pending?: Pending | undefined;
}

export interface AssistantLink {
  label: string;
  /** A path in the app: /contacts/{id}, /meetings. */
  href: string;
}

/** A message; `choices` are buttons (times, candidates, Yes/No), `links` what it acted on. */
export interface AssistantReply {
  text: string;
  choices?: string[];
  links?: AssistantLink[];
}

export interface AssistantResult {
  state: AssistantState;
  replies: AssistantReply[];
}

export interface AssistantDeps {
  ports: AssistantPorts;
  /** Reads a message; the deterministic reading unless a test or an LLM hands in another. */
  read?(text: string, context: AssistantContext): Promise<AssistantCommand>;
}

export const contactLink = (c: { id: string; name: string }): AssistantLink => ({
  label: c.name,
  href: `/contacts/${encodeURIComponent(c.id)}`,
});
export const MEETINGS_LINK: AssistantLink = { label: 'See it in Meetings', href: '/meetings' };

/** "Tue 8 Dec 10:00–10:30" in the zone. */
export function formatSpan(span: Span, zone: string): string {
  const start = DateTime.fromISO(span.start, { zone }).setLocale('en-GB');
  const end = DateTime.fromISO(span.end, { zone });
  return `${start.toFormat('ccc d LLL HH:mm')}–${end.toFormat('HH:mm')}`;
}

export const timeChoices = (times: Span[], zone: string): string[] =>
  times.map((t, i) => `${i + 1}. ${formatSlot(t, zone)}`);

/** Numbered times, the zone named once. */
export function timesReply(lead: string, times: Span[], zone: string): AssistantReply {
  const choices = timeChoices(times, zone);
  return {
    text: `${lead} (${zoneCity(zone)} time):\n${choices.join('\n')}\nReply with a number to pick one.`,
    choices,
  };
}

export const YES_NO = ['Yes', 'No'];
