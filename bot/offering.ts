import { zoneCity } from '../functions/_shared/scheduling/zone-clock.js';
import { formatSlot, OFFER_COUNT, pickOffer } from './offer.js';
import type { Span } from './ports.js';
import type { ConversationState, Reply, TurnDeps, TurnResult } from './state.js';
import type { TimeWish, Understood } from './understanding.js';

/**
 * The conversation's last steps: three free times offered in the visitor's zone; a pick books
 * through the one claim path (a time taken meanwhile offers the nearest others); a time they
 * name searches there; "other times" looks further on; once booked, it says so.
 */

export async function offer(
  state: ConversationState,
  wish: TimeWish | undefined,
  deps: TurnDeps,
  lead: string,
): Promise<TurnResult> {
  const range = wish ? { from: wish.from, to: wish.to } : {};
  const { slots, suggestions } = await deps.ports.freeSlots(state.session, range, state.zone);
  const times = wish ? pickOffer(slots, wish, state.zone) : suggestions.slice(0, OFFER_COUNT);
  if (times.length === 0) {
    const text = wish
      ? 'I have no free time then. Could another day or time work — say "next Tuesday afternoon" or "any morning next week"?'
      : 'There are no free times to book right now, sorry — please try again later.';
    return { state, replies: [{ text }] };
  }
  return {
    state: { ...state, step: 'pick', offered: times },
    replies: [offerReply(times, state.zone, lead)],
  };
}

function offerReply(times: Span[], zone: string, lead: string): Reply {
  const lines = times.map((t, i) => `${i + 1}. ${formatSlot(t, zone)}`);
  return {
    text: `${lead} (${zoneCity(zone)} time):\n${lines.join('\n')}\nReply with 1, 2 or 3 — or tell me another time, like "next Tuesday afternoon".`,
    choices: times.map((t, i) => `${i + 1}. ${formatSlot(t, zone)}`),
  };
}

/** Offered times: a pick books, a time they name searches again, "other times" looks further. */
export async function pick(state: ConversationState, heard: Understood, deps: TurnDeps): Promise<TurnResult> {
  // Nothing was free when offered last time: look again.
  if (state.offered.length === 0) return offer(state, heard.when, deps, 'Here are the free times');
  const chosen = heard.choice ? state.offered[heard.choice - 1] : exactOffer(state.offered, heard.when);
  if (chosen) return book(state, chosen, deps);
  if (heard.choice) {
    return { state, replies: [{ text: `Please pick a number from 1 to ${state.offered.length}.` }] };
  }
  if (heard.when) return offer(state, heard.when, deps, 'Here are the closest free times');
  if (heard.intent === 'more') {
    const last = state.offered.at(-1);
    const from = last ? new Date(Date.parse(last.end)).toISOString() : deps.ports.now().toISOString();
    const to = new Date(Date.parse(from) + 14 * 86_400_000).toISOString();
    return offer(state, { from, to }, deps, 'Here are some other free times');
  }
  return {
    state,
    replies: [
      {
        text: 'Reply with 1, 2 or 3 to book one of those times, or tell me another time, like "tomorrow at 3".',
      },
    ],
  };
}

/** "Tuesday at 10" when Tuesday at 10 is on offer is a pick. */
function exactOffer(offered: Span[], when: TimeWish | undefined): Span | undefined {
  return when?.at ? offered.find((s) => Date.parse(s.start) === Date.parse(when.at!)) : undefined;
}

async function book(state: ConversationState, slot: Span, deps: TurnDeps): Promise<TurnResult> {
  const contactId = state.contactId ?? (await deps.ports.saveLead(state.session, state.lead, state.zone));
  const result = await deps.ports.book(state.session, {
    contactId,
    lead: state.lead,
    start: slot.start,
    zone: state.zone,
  });
  if ('taken' in result) {
    const others = result.taken.filter((s) => s.start !== slot.start).slice(0, OFFER_COUNT);
    const sorry = 'Sorry — that time was just taken. Here are the nearest free times';
    if (others.length > 0) {
      return {
        state: { ...state, contactId, offered: others },
        replies: [offerReply(others, state.zone, sorry)],
      };
    }
    return offer({ ...state, contactId }, undefined, deps, sorry);
  }
  const done: ConversationState = {
    ...state,
    contactId,
    step: 'booked',
    meeting: result.booked,
    offered: [],
  };
  const when = `${formatSlot(result.booked, state.zone)} (${zoneCity(state.zone)} time)`;
  return {
    state: done,
    replies: [
      {
        text: `You're booked for ${when}. The invitation is on its way to ${state.lead.email}${result.booked.joinUrl ? `, with the video link: ${result.booked.joinUrl}` : ''}.`,
      },
    ],
  };
}

export function booked(state: ConversationState): TurnResult {
  const when = state.meeting
    ? ` for ${formatSlot(state.meeting, state.zone)} (${zoneCity(state.zone)} time)`
    : '';
  return {
    state,
    replies: [
      {
        text: `You're all set${when}. The invitation email has the links to move or cancel it. Say "start over" to book another meeting.`,
      },
    ],
  };
}
