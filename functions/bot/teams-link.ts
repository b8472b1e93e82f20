import type { TurnContext } from '@microsoft/agents-hosting';
import { AppError } from '../_shared/errors.js';
import { signToken, verifyToken } from '../_shared/signed-token.js';
import { type ConnectionDeps, putChannelConnection } from '../notifications/connections.js';
import type { TeamsLinkCode } from './schema.js';

/**
 * Linking the organizer's Teams chat with the bot, so notices can reach them there (the
 * `teams-chat` channel). Teams does not tell the bot who a user is in Momentum Meet, so the
 * organizer proves it: Notifications → Teams chat gives a short-lived signed code; they send
 * "link <code>" to the bot in Teams (a deep link pre-fills it); the bot keeps where that chat
 * lives (its serviceUrl and conversation id) as the owner's `teams-chat` connection.
 */

const KIND = 'teams-chat-link';
export const LINK_CODE_MINUTES = 15;

export function teamsLinkCode(ownerId: string, now: Date, botAppId: string | undefined): TeamsLinkCode {
  const exp = Math.floor(now.getTime() / 1000) + LINK_CODE_MINUTES * 60;
  const command = `link ${signToken({ k: KIND, o: ownerId, exp })}`;
  return {
    command,
    expiresAt: new Date(exp * 1000).toISOString(),
    deepLink: botAppId
      ? `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(botAppId)}&message=${encodeURIComponent(command)}`
      : null,
  };
}

const LINK = /^\s*link\s+(\S+)\s*$/i;

/**
 * A "link <code>" message in a one-to-one Teams chat: links it and answers; anything else is left
 * to the conversation (false). A wrong or expired code is answered, never linked.
 */
export async function linkTeamsChat(context: TurnContext, deps: ConnectionDeps): Promise<boolean> {
  const activity = context.activity;
  const match = activity.type === 'message' ? LINK.exec(activity.text ?? '') : null;
  if (activity.channelId !== 'msteams' || !match) return false;
  if (activity.conversation?.conversationType && activity.conversation.conversationType !== 'personal') {
    await context.sendActivity(
      'Link Momentum Meet in your own chat with me, not in a channel or group chat.',
    );
    return true;
  }
  let ownerId: string;
  try {
    const payload = verifyToken<{ k?: string; o?: string }>(match[1]!, deps.now());
    if (payload.k !== KIND || !payload.o) throw new AppError('UNAUTHENTICATED', 'not a link code');
    ownerId = payload.o;
  } catch {
    await context.sendActivity(
      'That code is not right or has expired. Get a new one in Momentum Meet → Notifications → Teams chat, and send it here within 15 minutes.',
    );
    return true;
  }
  const tenantId = activity.conversation?.tenantId;
  await putChannelConnection(
    ownerId,
    'teams-chat',
    {
      serviceUrl: activity.serviceUrl,
      conversationId: activity.conversation!.id,
      ...(tenantId ? { tenantId } : {}),
      userName: (activity.from?.name ?? '').slice(0, 200) || 'you',
    },
    deps,
  );
  await context.sendActivity(
    'Linked. I will message you here about your meetings — choose which in Momentum Meet → Notifications (the Teams chat column).',
  );
  return true;
}
