/**
 * THE CONVERSATION SEAM. A contact's incoming WhatsApp (or SMS) message that is not an opt-out is
 * handed here. The bot capability will consume it (answer, book, capture a lead) by installing its
 * hook with `setConversationHook` at start-up; until then the default hook only counts them.
 *
 * Meta and Twilio retry a webhook they think failed, so one message can arrive twice: a hook
 * treats `messageId` as the idempotency key.
 */

export interface IncomingChatMessage {
  ownerId: string;
  channel: 'whatsapp' | 'sms';
  /** The sender's number in E.164. */
  from: string;
  /** Their profile name, when the channel gives one (WhatsApp does). */
  name?: string | undefined;
  text: string;
  /** The provider's id of the message (a wamid, a Twilio SMS SID). */
  messageId: string;
  /** When they sent it (UTC ISO). */
  at: string;
}

export interface ConversationHook {
  receive(message: IncomingChatMessage): Promise<void>;
}

let received = 0;

/** Until a hook is installed (the bot's, at start-up): nothing answers, and the message text is not logged (it is the contact's). */
const unhandled: ConversationHook = {
  async receive() {
    received++;
  },
};

let current: ConversationHook = unhandled;

export function setConversationHook(hook: ConversationHook): void {
  current = hook;
}

export function conversationHook(): ConversationHook {
  return current;
}

/** How many messages reached the default hook (nothing consumed them yet). */
export const unhandledConversationMessages = (): number => received;
