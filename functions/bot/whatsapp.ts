import type { AgentDeps } from '../../bot/agent.js';
import type { NotificationChannel } from '../_integrations/channels/channel.js';
import { escapeHtml } from '../_shared/text/html.js';
import { hostOf } from '../booking/deps.js';
import { bookingToken } from '../booking/tokens.js';
import type { IncomingChatMessage } from '../notifications/conversation.js';
import { StorageConflictError } from './cosmos-storage.js';
import { chatText, runLocalTurn } from './local-turn.js';

/**
 * WhatsApp (or SMS) messages to the organizer's business number, answered by the bot: each incoming
 * message is one turn of a conversation keyed by the sender's number, opened with a booking link
 * for the organizer's default meeting type (minted here, as the booking page's widget would carry
 * one), and the bot's replies go back on the same channel as free text — the person just wrote, so
 * Meta's 24-hour window is open. A message Meta or Twilio delivers twice is answered once.
 */

export interface ChatReplyDeps {
  agent(): AgentDeps;
  /** The owner's channel to answer on (their WhatsApp or SMS connection), if they have one. */
  channel(ownerId: string, kind: IncomingChatMessage['channel']): Promise<NotificationChannel | undefined>;
  now(): Date;
}

export async function answerChatMessage(message: IncomingChatMessage, deps: ChatReplyDeps): Promise<number> {
  const channel = await deps.channel(message.ownerId, message.channel);
  if (!channel) return 0;
  const agent = deps.agent();
  try {
    // Create-only: a second delivery of the same message finds it and stops here.
    await agent.storage.write({ [`${message.channel}/seen/${message.messageId}`]: { at: message.at } });
  } catch (err) {
    if (err instanceof StorageConflictError) return 0;
    throw err;
  }
  const { token } = bookingToken(
    { ownerId: message.ownerId, contactId: '', meetingTypeId: '', name: message.name ?? '', email: '' },
    deps.now(),
  );
  const said = await runLocalTurn(
    {
      id: message.messageId,
      channelId: message.channel,
      conversation: { id: `${message.ownerId}:${message.from}` },
      from: { id: message.from, name: message.name ?? message.from },
      text: message.text,
      channelData: { bookingToken: token },
    },
    agent,
  );
  const host = await hostOf(message.ownerId);
  let sent = 0;
  for (const [i, reply] of said.entries()) {
    const text = chatText(reply);
    if (!text) continue;
    const result = await channel.send({
      id: `chat-${message.messageId}-${i}`,
      ownerId: message.ownerId,
      from: host,
      to: { name: message.name ?? message.from, phone: message.from },
      subject: '',
      text,
      html: escapeHtml(text).replaceAll('\n', '<br>'),
      serviceWindowOpen: true,
    });
    if (result.status === 'sent') sent++;
  }
  return sent;
}
