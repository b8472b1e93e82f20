import { ActionTypes, ActivityTypes } from '@microsoft/agents-activity';
import { MessageFactory, type Storage, type StoreItem, type TurnContext } from '@microsoft/agents-hosting';
import { isValidZone } from '../functions/_shared/scheduling/zone-clock.js';
import { greet, newConversation, turn } from './conversation.js';
import { isGreeting, MAX_MESSAGE } from './patterns.js';
import { SayError, type Session } from './ports.js';
import type { ConversationState, Reply, TurnDeps } from './state.js';
import type { TranscriptEntry, TranscriptStore } from './transcript.js';

/**
 * One turn of the agent: the conversation's state is read from Storage, the message runs through
 * the state machine, the new state is written back only if nobody wrote it meanwhile (eTag), the
 * exchange is added to the transcript, and the replies are sent. Which owner's calendar is booked
 * comes only from the booking link's signed token (channelData.bookingToken), never from ids the
 * client sends.
 */

export interface AgentDeps extends TurnDeps {
  storage: Storage;
  transcripts: TranscriptStore;
}

interface StoredConversation extends StoreItem {
  conversation: ConversationState;
}

export const NO_LINK =
  'Please open this chat from your booking link, so I know whose calendar to book you into.';
const BUSY = 'I was still answering your previous message — could you send that again?';
const BROKEN = 'Something went wrong on my side — please try again in a moment.';

/** The state's storage key, as the Agents SDK names conversation state. */
export const stateKey = (channelId: string, conversationId: string): string =>
  `${channelId}/conversations/${conversationId}`;

export async function runTurn(context: TurnContext, deps: AgentDeps): Promise<void> {
  const activity = context.activity;
  const conversationId = activity.conversation?.id;
  if (!conversationId) return;
  const channelId = activity.channelId ?? 'unknown';
  const key = stateKey(channelId, conversationId);
  const isMessage = activity.type === ActivityTypes.Message;
  const text = isMessage ? (activity.text ?? '').slice(0, MAX_MESSAGE) : '';
  const opens =
    isMessage ||
    activity.type === ActivityTypes.Event ||
    (activity.type === ActivityTypes.ConversationUpdate &&
      (activity.membersAdded ?? []).some((m) => m.id !== activity.recipient?.id));

  let replies: Reply[] = [];
  try {
    const stored = (await deps.storage.read([key]))[key] as StoredConversation | undefined;
    const token = bookingTokenOf(activity.channelData);
    let state = stored?.conversation;
    const session = token ? await deps.ports.openSession(token) : undefined;
    // Another booking link in the same conversation starts a new one for that link.
    if (state && session && !sameSession(state.session, session)) state = undefined;
    if (!state && !session) {
      if (opens) await send(context, [{ text: NO_LINK }]);
      return;
    }
    let next: ConversationState;
    if (!state) {
      if (!opens) return;
      // On WhatsApp and SMS the sender is their number: the lead keeps it.
      const from: Session =
        PHONE_CHANNELS.has(channelId) && activity.from?.id
          ? { ...session!, phone: activity.from.id }
          : session!;
      const zone = visitorZone(activity.localTimezone, from) ?? (await deps.ports.intro(from)).organizerZone;
      const greeting = await greet(newConversation(from, zone), deps);
      ({ state: next, replies } = greeting);
      if (text && !isGreeting(text)) {
        const first = await turn(next, text, deps);
        next = first.state;
        replies = [...replies, ...first.replies];
      }
    } else if (isMessage) {
      ({ state: next, replies } = await turn(state, text, deps));
    } else return;

    try {
      await deps.storage.write({ [key]: { conversation: next, eTag: stored?.eTag } });
    } catch {
      replies = [{ text: BUSY }];
    }
    await deps.transcripts
      .append(
        { ownerId: next.session.ownerId, channelId, conversationId, contactId: next.contactId },
        entries(text, replies, deps.ports.now()),
      )
      .catch(() => undefined);
  } catch (err) {
    replies = [{ text: err instanceof SayError ? err.message : BROKEN }];
    if (!(err instanceof SayError)) console.error(`bot turn failed: ${(err as Error)?.message ?? err}`);
  }
  await send(context, replies);
}

function entries(text: string, replies: Reply[], now: Date): TranscriptEntry[] {
  const at = now.toISOString();
  return [
    ...(text ? [{ from: 'visitor' as const, text, at }] : []),
    ...replies.map((r) => ({ from: 'bot' as const, text: r.text, at })),
  ];
}

async function send(context: TurnContext, replies: Reply[]): Promise<void> {
  for (const reply of replies) {
    await context.sendActivity(
      reply.choices?.length
        ? MessageFactory.suggestedActions(
            // SDK 1.8.1 makes a string's imBack value an object; Web Chat sends back a string value.
            reply.choices.map((c) => ({ type: ActionTypes.ImBack, title: c, value: c })),
            reply.text,
          )
        : MessageFactory.text(reply.text),
    );
  }
}

function bookingTokenOf(channelData: unknown): string | undefined {
  const token = (channelData as { bookingToken?: unknown } | undefined)?.bookingToken;
  return typeof token === 'string' && token.length > 0 && token.length < 4000 ? token : undefined;
}

const PHONE_CHANNELS = new Set(['whatsapp', 'sms']);

const sameSession = (a: Session, b: Session) =>
  a.ownerId === b.ownerId && a.meetingTypeId === b.meetingTypeId && a.contactId === b.contactId;

/** The zone the visitor's client reports, else the one their link carries. */
function visitorZone(local: string | undefined, session: Session): string | undefined {
  if (local && isValidZone(local)) return local;
  if (session.timeZone && isValidZone(session.timeZone)) return session.timeZone;
  return undefined;
}
