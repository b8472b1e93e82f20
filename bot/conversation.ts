import { zoneCity } from '../functions/_shared/scheduling/zone-clock.js';
import { formatSlot, OFFER_COUNT, pickOffer } from './offer.js';
import type { BookedMeeting, BotPorts, Lead, Session, Span } from './ports.js';
import type { TimeWish, Understanding, Understood } from './understanding.js';

/**
 * The visitor's conversation as an explicit state machine:
 *
 *   name → email → company → need → pick ⇄ (other times / a time they name) → booked
 *
 * Each step asks one thing and re-asks politely until it has a valid answer; a field given
 * early ("I'm Jane, jane@acme.com") is kept and its step skipped. After the need the lead is
 * saved as a contact and three free times are offered in the visitor's zone; a pick books
 * through the one claim path, and a time taken meanwhile offers the nearest others. "Start
 * over" resets from any step.
 */

export type Step = 'name' | 'email' | 'company' | 'need' | 'pick' | 'booked';

export interface ConversationState {
  step: Step;
  session: Session;
  /** The visitor's IANA zone: what times are read and shown in. */
  zone: string;
  lead: Lead;
  contactId?: string;
  offered: Span[];
  meeting?: BookedMeeting;
}

export interface TurnDeps {
  ports: BotPorts;
  understanding: Understanding;
}

export interface TurnResult {
  state: ConversationState;
  replies: Reply[];
}

/** A message, with the offered times as buttons where a channel shows them. */
export interface Reply {
  text: string;
  choices?: string[];
}

const MAX_NAME = 100;
const MAX_COMPANY = 200;
const MAX_NEED = 1000;

/** A fresh conversation: what the booking link prefilled is not asked again. */
export function newConversation(session: Session, zone: string): ConversationState {
  const lead: Lead = {};
  if (session.name) lead.name = session.name.slice(0, MAX_NAME);
  if (session.email) lead.email = session.email;
  return { step: nextStep(lead), session, zone, lead, offered: [] };
}

function nextStep(lead: Lead): Step {
  if (!lead.name) return 'name';
  if (!lead.email) return 'email';
  if (lead.company === undefined) return 'company';
  if (!lead.need) return 'need';
  return 'pick';
}

const QUESTIONS: Record<'name' | 'email' | 'company' | 'need', string> = {
  name: 'What is your name?',
  email: 'What is your email address? The invitation goes there.',
  company: 'Which company are you with? (Say "none" if it is just you.)',
  need: 'What would you like to talk about?',
};

/** The greeting that opens a conversation (or follows "start over"). */
export async function greet(state: ConversationState, deps: TurnDeps): Promise<TurnResult> {
  const intro = await deps.ports.intro(state.session);
  const hello = state.lead.name ? `Hi ${state.lead.name}!` : 'Hi!';
  const text = `${hello} I can book you a ${intro.durationMinutes}-minute ${intro.meetingType} with ${intro.host}.`;
  const next = await ask(state, deps);
  return { state: next.state, replies: [{ text }, ...next.replies] };
}

/** One message from the visitor. */
export async function turn(state: ConversationState, message: string, deps: TurnDeps): Promise<TurnResult> {
  const heard = await deps.understanding.understand(message, {
    zone: state.zone,
    now: deps.ports.now(),
    ownerId: state.session.ownerId,
  });
  if (heard.intent === 'restart') {
    const fresh = newConversation(state.session, state.zone);
    const greeting = await greet(fresh, deps);
    return { state: greeting.state, replies: [{ text: "Let's start over." }, ...greeting.replies] };
  }
  if (state.step === 'booked') return booked(state);
  if (heard.intent === 'help') {
    const again = await ask(state, deps);
    return {
      state: again.state,
      replies: [
        { text: 'I book a meeting for you: a few questions, then I offer free times.' },
        ...again.replies,
      ],
    };
  }
  if (state.step === 'pick') return pick(state, heard, deps);
  return capture(state, heard, deps);
}

/** Lead steps: take what the message gives (any field), then ask for what is still missing. */
async function capture(state: ConversationState, heard: Understood, deps: TurnDeps): Promise<TurnResult> {
  const lead = { ...state.lead };
  // Before the lead is saved, a new address replaces the one given ("sorry, it's jane@acme.io").
  const corrected = heard.email !== undefined && lead.email !== undefined && heard.email !== lead.email;
  if (heard.email) lead.email = heard.email;
  if (heard.phone && !lead.phone) lead.phone = heard.phone;
  if (heard.name && !lead.name) lead.name = heard.name.slice(0, MAX_NAME);
  const answer = heard.text;
  const step = state.step;
  if (step === 'company' && !heard.email && !heard.phone) {
    if (heard.intent === 'skip') lead.company = '';
    else if (answer && heard.intent !== 'greet') lead.company = companyIn(answer).slice(0, MAX_COMPANY);
  }
  if (
    step === 'need' &&
    !corrected &&
    answer.length >= 2 &&
    heard.intent !== 'greet' &&
    heard.intent !== 'skip'
  ) {
    lead.need = answer.slice(0, MAX_NEED);
  }
  const next = { ...state, lead, step: nextStep(lead) };
  if (corrected && next.step === step) {
    const question = QUESTIONS[step as keyof typeof QUESTIONS];
    return { state: next, replies: [{ text: `Got it — I'll use ${lead.email}. ${question}` }] };
  }
  if (next.step === step || (next.step === 'email' && heard.invalidEmail)) {
    const text =
      heard.intent === 'greet'
        ? `Hello! ${QUESTIONS[step as keyof typeof QUESTIONS]}`
        : reask(next.step, heard);
    return { state: next, replies: [{ text }] };
  }
  // "A demo — next Tuesday afternoon would suit": the first offer is in that wish.
  return ask(next, deps, step === 'need' ? heard.when : undefined);
}

/** "I'm with Acme" → "Acme": the company, not the sentence around it. */
function companyIn(answer: string): string {
  const company = answer
    .replace(/^(?:i'?m|i am|we'?re|we are|i work)?\s*(?:with|at|from|for)\s+/i, '')
    .replace(/^(?:(?:my|our) company is|it'?s|the company is)\s+/i, '')
    .replace(/!+$/, '')
    .trim();
  return company || answer;
}

function reask(step: Step, heard: Understood): string {
  switch (step) {
    case 'name':
      return "Sorry, I didn't catch your name — what should I call you?";
    case 'email':
      return heard.invalidEmail
        ? `"${heard.invalidEmail.slice(0, 80)}" doesn't look like an email address — could you check it? (like jane@company.com)`
        : 'I need your email address to send the invitation — what is it?';
    case 'company':
      return 'Which company are you with? Say "none" if you would rather not say.';
    default:
      return 'Could you tell me in a few words what you would like to talk about?';
  }
}

/** Asks the current step's question; once the lead is complete, saves it and offers times. */
async function ask(state: ConversationState, deps: TurnDeps, wish?: TimeWish): Promise<TurnResult> {
  if (state.step !== 'pick') {
    if (state.step === 'booked') return booked(state);
    return { state, replies: [{ text: QUESTIONS[state.step] }] };
  }
  const contactId = state.contactId ?? (await deps.ports.saveLead(state.session, state.lead, state.zone));
  if (wish) {
    const wished = await offer(
      { ...state, contactId },
      wish,
      deps,
      'Thanks! Here are the free times closest to that',
    );
    if (wished.state.offered.length > 0) return wished;
  }
  return offer({ ...state, contactId }, undefined, deps, 'Thanks! Here are the next free times');
}

async function offer(
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
async function pick(state: ConversationState, heard: Understood, deps: TurnDeps): Promise<TurnResult> {
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

function booked(state: ConversationState): TurnResult {
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
