import { ActionTypes, ActivityTypes } from '@microsoft/agents-activity';
import { MessageFactory, type TurnContext } from '@microsoft/agents-hosting';
import type { AssistantReply } from '../../bot/assistant-state.js';
import type { TeamsLinks } from './teams-link.js';

/**
 * The organizer's assistant in Teams, through /api/messages: only for activities Bot Service
 * vouched for (an anonymous caller could claim any Teams user id), from Teams, without a booking
 * link. "link CODE" maps the Teams user to the owner who got the code on /settings/assistant;
 * a mapped user's messages go to the organizer conversation; anyone else gets the visitor's bot.
 */

export interface TeamsAssistantDeps {
  links: TeamsLinks;
  now(): Date;
  /** The app's address: links in Teams are absolute. */
  baseUrl: string;
  run(ownerId: string, conversationId: string, text: string): Promise<AssistantReply[]>;
  /** Keeps the chat the code was sent in as the owner's Teams chat notifications channel. */
  linkChat(ownerId: string, activity: TurnContext['activity']): Promise<void>;
}

const LINK = /^\s*link\s+([A-Za-z0-9-]{8,12})\s*$/i;

/** True when the turn was the organizer's (answered here); false to run the visitor's bot. */
export async function organizerTeamsTurn(
  context: TurnContext,
  vouched: boolean,
  deps: TeamsAssistantDeps,
): Promise<boolean> {
  const activity = context.activity;
  const teamsUser = activity.from?.aadObjectId;
  const channelData = activity.channelData as { bookingToken?: unknown } | undefined;
  if (!vouched || activity.channelId !== 'msteams' || !teamsUser || channelData?.bookingToken) return false;
  if (activity.type !== ActivityTypes.Message || !activity.conversation?.id) return false;
  const text = activity.text ?? '';
  const code = LINK.exec(text)?.[1];
  // The organizer's data is answered only in their own chat with the bot, never in a channel or group.
  const personal = (activity.conversation.conversationType ?? 'personal') === 'personal';
  if (code && !personal) {
    await context.sendActivity(
      'Link Momentum Meet in your own chat with me, not in a channel or group chat.',
    );
    return true;
  }
  if (code) {
    const owner = await deps.links.redeem(code, teamsUser, deps.now());
    if (owner) await deps.linkChat(owner, activity);
    await context.sendActivity(
      owner
        ? 'Linked — I am your Momentum Meet assistant here now, and I will message you here about your meetings (choose which under Notifications). Try "what\'s on tomorrow" or "help".'
        : 'That code is not valid or has expired. Get a new one in Momentum Meet (Assistant settings or Notifications → Teams chat).',
    );
    return true;
  }
  if (!personal) return false;
  const owner = await deps.links.ownerOf(teamsUser);
  if (!owner) return false;
  const replies = await deps.run(owner, `teams-${activity.conversation.id}`.slice(0, 200), text);
  for (const reply of replies) {
    const links = (reply.links ?? []).map((l) => `${l.label}: ${deps.baseUrl}${l.href}`);
    const body = [reply.text, ...links].join('\n');
    await context.sendActivity(
      reply.choices?.length
        ? MessageFactory.suggestedActions(
            reply.choices.map((c) => ({ type: ActionTypes.ImBack, title: c, value: c })),
            body,
          )
        : MessageFactory.text(body),
    );
  }
  return true;
}
