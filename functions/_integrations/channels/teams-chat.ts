import { Activity } from '@microsoft/agents-activity';
import { ConnectorClient, HttpError } from '@microsoft/agents-hosting';
import { retryAfterSeconds } from '../email/concurrency.js';
import type { NotificationChannel } from './channel.js';
import { teamsMessage } from './teams.js';

/**
 * Teams chat: a message to the organizer in their own chat with the Momentum Meet bot — sent
 * proactively through Bot Service's Bot Connector API (`POST {serviceUrl}/v3/conversations/{id}/
 * activities`, the Agents SDK's ConnectorClient) to the conversation they linked by sending the
 * bot their link code (functions/bot/teams-link.ts). The message is the channel post's Adaptive
 * Card (teams.ts). The destination is the linked chat, so it reaches whoever the notice is for.
 */

export interface TeamsChatConfig {
  /** Where Bot Service said this conversation lives (a Teams activity's serviceUrl). */
  serviceUrl: string;
  conversationId: string;
  /**
   * A Bot Service token for the bot's app (`https://api.botframework.com`), or null when the bot
   * runs without an app id — only on this machine, to a local channel.
   */
  token(): Promise<string | null>;
}

/** Bot Framework's error body: `{ error: { code, message } }`. */
const codeOf = (err: HttpError): string | undefined =>
  (err.response?.data as { error?: { code?: string } } | undefined)?.error?.code;

export function createTeamsChatChannel(config: TeamsChatConfig): NotificationChannel {
  return {
    name: 'teams-chat',
    canReach: () => true,
    async send(n) {
      let token: string | null;
      try {
        token = await config.token();
      } catch (err) {
        return { status: 'retry', reason: `No Bot Service token for the bot (${(err as Error).name})` };
      }
      const client = ConnectorClient.createClientWithToken(config.serviceUrl, token as string);
      try {
        const sent = await client.sendToConversation(
          config.conversationId,
          // A bot's attachment has no contentUrl (the webhook's message carries it as null).
          Activity.fromObject({
            type: 'message',
            summary: n.subject,
            attachments: teamsMessage(n).attachments.map(({ contentUrl: _url, ...card }) => card),
          }),
        );
        return { status: 'sent', providerMessageId: sent?.id };
      } catch (err) {
        if (!(err instanceof HttpError)) {
          const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
          return { status: 'retry', reason: `Teams could not be reached (${cause})` };
        }
        const code = codeOf(err);
        const what = code ? `${err.status} ${code}` : String(err.status);
        if (err.status === 429)
          return {
            status: 'retry',
            reason: `Teams is throttling the bot (${what})`,
            retryAfterSeconds: retryAfterSeconds(err.response?.headers?.get?.('retry-after') ?? undefined),
          };
        if (err.status >= 500) return { status: 'retry', reason: `Teams answered ${what}` };
        if (err.status === 401)
          return { status: 'rejected', reason: `Bot Service refused the bot's credentials (${what})` };
        if (err.status === 403 || err.status === 404)
          return {
            status: 'rejected',
            reason: `Teams no longer lets the bot write to this chat (${what}): the app was removed — link Teams chat again.`,
          };
        return { status: 'rejected', reason: `Teams refused the message (${what})` };
      }
    },
  };
}
