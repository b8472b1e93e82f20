import type { BookedMeeting, BotPorts, Lead, Session, Span } from './ports.js';
import type { Understanding } from './understanding.js';

/** What a conversation keeps between turns, and what a turn gives back. */

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
