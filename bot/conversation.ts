import { booked, offer, pick } from './offering.js';
import type { Lead, Session } from './ports.js';
import type { ConversationState, Step, TurnDeps, TurnResult } from './state.js';
import type { TimeWish, Understood } from './understanding.js';

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

const MAX_NAME = 100;
const MAX_COMPANY = 200;
const MAX_NEED = 1000;

/** A fresh conversation: what the booking link prefilled is not asked again. */
export function newConversation(session: Session, zone: string): ConversationState {
  const lead: Lead = {};
  if (session.name) lead.name = session.name.slice(0, MAX_NAME);
  if (session.email) lead.email = session.email;
  if (session.phone) lead.phone = session.phone;
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
