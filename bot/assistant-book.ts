import type { AssistantContact } from './assistant-ports.js';
import {
  type AssistantDeps,
  type AssistantResult,
  type AssistantState,
  type BookOffer,
  contactLink,
  formatSpan,
  MEETINGS_LINK,
  timesReply,
  YES_NO,
} from './assistant-state.js';
import { OFFER_COUNT, pickOffer } from './offer.js';
import type { PartOfDay, TimeWish } from './understanding.js';

/**
 * "Find 30 minutes with Jane next week": Jane among the owner's contacts (several → which one;
 * none → says so), three free times of that length in the window from the same slot search the
 * booking page uses, a pick, a confirmation, then the organizer's booking through the one claim
 * path (a time taken meanwhile offers the nearest others).
 */

const CANDIDATES = 5;
const DEFAULT_DAYS = 7;

export async function findWith(
  state: AssistantState,
  request: { who: string; durationMinutes?: number | undefined; when?: TimeWish | undefined },
  deps: AssistantDeps,
): Promise<AssistantResult> {
  const now = deps.ports.now();
  const from = request.when?.from ?? now.toISOString();
  const to = request.when?.to ?? new Date(now.getTime() + DEFAULT_DAYS * 86_400_000).toISOString();
  const found = await deps.ports.findContacts(state.ownerId, request.who, CANDIDATES + 1);
  const who = request.who.slice(0, 80);
  if (found.length === 0) {
    return {
      state: { ...state, pending: undefined },
      replies: [
        {
          text: `I couldn't find "${who}" in your contacts. Check the spelling, or add them on the Contacts page first.`,
          links: [{ label: 'Contacts', href: '/contacts' }],
        },
      ],
    };
  }
  const exact = found.filter((c) => c.name.toLowerCase() === request.who.toLowerCase());
  const only = found.length === 1 ? found[0] : exact.length === 1 ? exact[0] : undefined;
  if (only) return offerTimes(state, only, { durationMinutes: request.durationMinutes, from, to }, deps);
  const candidates = found.slice(0, CANDIDATES);
  const lines = candidates.map((c, i) => `${i + 1}. ${describe(c)}`);
  return {
    state: {
      ...state,
      pending: { kind: 'contact', candidates, durationMinutes: request.durationMinutes, from, to },
    },
    replies: [
      {
        text: `Which ${who} do you mean?\n${lines.join('\n')}${found.length > CANDIDATES ? '\n(More match — add a surname or company to narrow it down.)' : ''}`,
        choices: lines,
      },
    ],
  };
}

const describe = (c: AssistantContact) =>
  [c.name, c.company && `(${c.company})`, c.email && `— ${c.email}`].filter(Boolean).join(' ');

export async function offerTimes(
  state: AssistantState,
  contact: AssistantContact,
  search: {
    durationMinutes?: number | undefined;
    from: string;
    to: string;
    at?: string | undefined;
    partOfDay?: PartOfDay | undefined;
  },
  deps: AssistantDeps,
): Promise<AssistantResult> {
  if (!contact.email) {
    return {
      state: { ...state, pending: undefined },
      replies: [
        {
          text: `${contact.name} has no email address, so there is nowhere to send the invitation. Add one on their contact page, then ask me again.`,
          links: [contactLink(contact)],
        },
      ],
    };
  }
  const found = await deps.ports.freeSlots(state.ownerId, search);
  const times = pickOffer(
    found.slots,
    {
      from: search.from,
      to: search.to,
      ...(search.at && { at: search.at }),
      ...(search.partOfDay && { partOfDay: search.partOfDay }),
    },
    state.zone,
  );
  const length =
    search.durationMinutes && search.durationMinutes !== found.durationMinutes
      ? ` You have no ${search.durationMinutes}-minute meeting type, so these are for your ${found.durationMinutes}-minute ${found.meetingType}.`
      : '';
  if (times.length === 0) {
    return {
      state: { ...state, pending: undefined },
      replies: [
        {
          text: `You have no free ${found.durationMinutes}-minute time then.${length} Try another window, like "find ${found.durationMinutes} minutes with ${contact.name} the week after next".`,
        },
      ],
    };
  }
  const offer: BookOffer = {
    contact,
    meetingTypeId: found.meetingTypeId,
    meetingType: found.meetingType,
    durationMinutes: found.durationMinutes,
    offered: times,
  };
  const reply = timesReply(
    `Free times for a ${found.durationMinutes}-minute ${found.meetingType} with ${contact.name}`,
    times,
    state.zone,
  );
  return {
    state: { ...state, pending: { ...offer, kind: 'time' } },
    replies: [{ ...reply, text: length ? `${length.trim()}\n${reply.text}` : reply.text }],
  };
}

/** A picked time: asked to confirm before anything is booked. */
export function confirmBook(state: AssistantState, offer: BookOffer, choice: number): AssistantResult {
  const slot = offer.offered[choice - 1];
  if (!slot) {
    return {
      state: { ...state, pending: { ...offer, kind: 'time' } },
      replies: [
        {
          text: `Please pick a number from 1 to ${offer.offered.length}.`,
          choices: timesReply('', offer.offered, state.zone).choices!,
        },
      ],
    };
  }
  return {
    state: { ...state, pending: { ...offer, kind: 'confirm-book', slot } },
    replies: [
      {
        text: `Book ${formatSpan(slot, state.zone)} with ${offer.contact.name}? yes/no`,
        choices: YES_NO,
      },
    ],
  };
}

export async function book(
  state: AssistantState,
  offer: BookOffer & { slot: { start: string; end: string } },
  deps: AssistantDeps,
): Promise<AssistantResult> {
  const result = await deps.ports.book(state.ownerId, {
    contactId: offer.contact.id,
    meetingTypeId: offer.meetingTypeId,
    start: offer.slot.start,
  });
  if ('taken' in result) {
    const others = result.taken.filter((s) => s.start !== offer.slot.start).slice(0, OFFER_COUNT);
    if (others.length === 0) {
      return {
        state: { ...state, pending: undefined },
        replies: [
          {
            text: 'Sorry — that time was just taken, and nothing near it is free. Ask me for another window.',
          },
        ],
      };
    }
    const reply = timesReply('Sorry — that time was just taken. The nearest free times', others, state.zone);
    return {
      state: { ...state, pending: { ...stripSlot(offer), kind: 'time', offered: others } },
      replies: [reply],
    };
  }
  const meeting = result.booked;
  return {
    state: { ...state, pending: undefined },
    replies: [
      {
        text: `Booked: ${offer.meetingType} with ${offer.contact.name}, ${formatSpan(meeting, state.zone)}. The invitation is on its way to ${offer.contact.email}.`,
        links: [MEETINGS_LINK, contactLink(offer.contact)],
      },
    ],
  };
}

function stripSlot(offer: BookOffer & { slot?: unknown }): BookOffer {
  const { slot: _slot, ...rest } = offer;
  return rest;
}
