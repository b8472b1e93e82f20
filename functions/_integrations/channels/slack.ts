import { ErrorCode, LogLevel, type WebAPICallError, WebClient } from '@slack/web-api';
import { retryAfterSeconds } from '../email/concurrency.js';
import type { DeliveryResult, Notification, NotificationChannel } from './channel.js';

/**
 * Slack: a Block Kit message with the meeting's details and buttons for its links, posted either
 * with a bot token (`chat.postMessage` through @slack/web-api, to the connection's channel or the
 * recipient's `slackChannel`) or to an incoming-webhook URL (the simpler setup: one channel, no
 * app to install). The SDK's own retries are off and a rate limit is rejected, not waited out: a
 * 429 goes back to the queue as 'retry' with Slack's Retry-After, so no worker sleeps for it.
 */

export type SlackConfig =
  | {
      botToken: string;
      /** Channel id (C…) or #name the notices go to; the bot must be invited there. */
      channel: string;
      /** Another Web API base than https://slack.com/api/: tests point it at a local server. */
      apiUrl?: string | undefined;
    }
  | {
      /** An incoming webhook (https://hooks.slack.com/services/…): itself the secret. */
      webhookUrl: string;
      fetch?: typeof fetch;
    };

/** What Slack's error names mean to the person reading the notification log. */
const MEANINGS: Record<string, string> = {
  channel_not_found: 'the Slack channel does not exist or the app cannot see it',
  not_in_channel: 'the Slack app is not in that channel — invite it with /invite',
  is_archived: 'the Slack channel is archived',
  channel_is_archived: 'the Slack channel is archived',
  invalid_auth: 'Slack refused the bot token — reconnect Slack',
  not_authed: 'Slack refused the bot token — reconnect Slack',
  account_inactive: 'Slack refused the bot token — reconnect Slack',
  token_revoked: 'Slack refused the bot token — reconnect Slack',
  no_service: 'the Slack webhook was removed — reconnect Slack',
  invalid_token: 'Slack refused the webhook — reconnect Slack',
  action_prohibited: 'a Slack admin blocks posting there',
};

const mrkdwn = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Block Kit for the notice: a header, the facts as fields, the links as buttons (the first primary). */
export function slackBlocks(n: Notification): unknown[] {
  const d = n.details;
  if (!d) return [{ type: 'section', text: { type: 'mrkdwn', text: cut(mrkdwn(n.text), 3000) } }];
  return [
    // Slack caps a header at 150 characters, section fields at 10 of 2,000, a button label at 75.
    { type: 'header', text: { type: 'plain_text', text: cut(d.headline, 150), emoji: true } },
    ...(d.facts.length
      ? [
          {
            type: 'section',
            fields: d.facts.slice(0, 10).map((f) => ({
              type: 'mrkdwn',
              text: cut(`*${mrkdwn(f.label)}*\n${mrkdwn(f.value)}`, 2000),
            })),
          },
        ]
      : []),
    ...(d.links.length
      ? [
          {
            type: 'actions',
            elements: d.links.slice(0, 25).map((l, i) => ({
              type: 'button',
              action_id: `link-${i}`,
              text: { type: 'plain_text', text: cut(l.label, 75) },
              url: l.url,
              ...(i === 0 ? { style: 'primary' } : {}),
            })),
          },
        ]
      : []),
  ];
}

export function createSlackChannel(config: SlackConfig): NotificationChannel {
  return 'webhookUrl' in config ? webhookChannel(config) : botChannel(config);
}

function botChannel(config: Extract<SlackConfig, { botToken: string }>): NotificationChannel {
  const client = new WebClient(config.botToken, {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    logLevel: LogLevel.ERROR,
  });
  const clean = (text: string) => text.split(config.botToken).join('***');
  return {
    name: 'slack',
    canReach: (to) => Boolean(to.slackChannel ?? config.channel),
    async send(n) {
      try {
        const res = await client.chat.postMessage({
          channel: n.to.slackChannel ?? config.channel,
          text: n.details?.headline ?? n.subject, // the notification and screen-reader text
          blocks: slackBlocks(n) as never,
          unfurl_links: false,
        });
        return { status: 'sent', providerMessageId: `${res.channel}/${res.ts}` };
      } catch (err) {
        return fromSdkError(err as WebAPICallError, clean);
      }
    },
  };
}

function fromSdkError(err: WebAPICallError, clean: (t: string) => string): DeliveryResult {
  switch (err.code) {
    case ErrorCode.RateLimitedError:
      return { status: 'retry', reason: 'Slack rate limit reached', retryAfterSeconds: err.retryAfter };
    case ErrorCode.PlatformError: {
      const name = String(err.data.error);
      return {
        status: 'rejected',
        reason: `Slack refused the message (${name})${MEANINGS[name] ? `: ${MEANINGS[name]}` : ''}`,
      };
    }
    case ErrorCode.HTTPError:
      return { status: 'retry', reason: `Slack answered ${err.statusCode}` };
    case ErrorCode.RequestError:
      return {
        status: 'retry',
        reason: clean(`Slack could not be reached (${err.original?.message ?? err.message})`),
      };
    default:
      return {
        status: 'retry',
        reason: clean(`Slack could not take the message (${(err as Error).message})`),
      };
  }
}

function webhookChannel(config: Extract<SlackConfig, { webhookUrl: string }>): NotificationChannel {
  const doFetch = config.fetch ?? fetch;
  return {
    name: 'slack',
    canReach: () => true,
    async send(n) {
      let res: Response;
      try {
        res = await doFetch(config.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            text: n.details?.headline ?? n.subject,
            blocks: slackBlocks(n),
            unfurl_links: false,
          }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        // The URL is the secret: never in a reason.
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
        return { status: 'retry', reason: `Slack could not be reached (${cause})` };
      }
      const said = (await res.text()).trim().slice(0, 100);
      if (res.ok) return { status: 'sent' };
      if (res.status === 429)
        return {
          status: 'retry',
          reason: 'Slack rate limit reached',
          retryAfterSeconds: retryAfterSeconds(res.headers.get('retry-after') ?? undefined),
        };
      if (res.status >= 500) return { status: 'retry', reason: `Slack answered ${res.status}` };
      const name = /^[a-z_]+$/.test(said) ? said : String(res.status);
      return {
        status: 'rejected',
        reason: `Slack refused the message (${name})${MEANINGS[name] ? `: ${MEANINGS[name]}` : ''}`,
      };
    },
  };
}
