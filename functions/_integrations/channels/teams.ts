import { retryAfterSeconds } from '../email/concurrency.js';
import type { Notification, NotificationChannel } from './channel.js';

/**
 * Teams: an Adaptive Card posted to a channel's Workflows webhook ("When a Teams webhook request is
 * received" in Power Automate, the successor of Office 365 connectors' incoming webhooks; an old
 * connector URL takes the same message). The URL is the only credential — its `sig` — so it never
 * appears in a reason. The organizer's own chat with the bot is teams-chat.ts.
 */

export interface TeamsConfig {
  webhookUrl: string;
  fetch?: typeof fetch;
}

/** Adaptive Card 1.4: the version Teams renders in channel posts from a webhook. */
export const ADAPTIVE_CARD_VERSION = '1.4';

export function teamsMessage(n: Notification) {
  const d = n.details;
  const body = d
    ? [
        { type: 'TextBlock', text: d.headline, weight: 'Bolder', size: 'Medium', wrap: true },
        ...(d.facts.length
          ? [{ type: 'FactSet', facts: d.facts.map((f) => ({ title: f.label, value: f.value })) }]
          : []),
      ]
    : [
        { type: 'TextBlock', text: n.subject, weight: 'Bolder', size: 'Medium', wrap: true },
        { type: 'TextBlock', text: n.text, wrap: true },
      ];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: ADAPTIVE_CARD_VERSION,
          body,
          ...(d?.links.length
            ? { actions: d.links.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })) }
            : {}),
        },
      },
    ],
  };
}

export function createTeamsChannel(config: TeamsConfig): NotificationChannel {
  const doFetch = config.fetch ?? fetch;
  return {
    name: 'teams',
    // The destination is the connection's channel, whoever the notice is about.
    canReach: () => true,
    async send(n) {
      let res: Response;
      try {
        res = await doFetch(config.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(teamsMessage(n)),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
        return { status: 'retry', reason: `Teams could not be reached (${cause})` };
      }
      const text = await res.text();
      if (res.ok) return { status: 'sent' };
      let code: string | undefined;
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
      } catch {}
      const what = code ? `${res.status} ${code}` : String(res.status);
      if (res.status === 429)
        return {
          status: 'retry',
          reason: `Teams is throttling the webhook (${what})`,
          retryAfterSeconds: retryAfterSeconds(res.headers.get('retry-after') ?? undefined),
        };
      if (res.status >= 500) return { status: 'retry', reason: `Teams answered ${what}` };
      if (res.status === 401 || res.status === 403 || res.status === 404 || res.status === 410)
        return {
          status: 'rejected',
          reason: `Teams refused the webhook (${what}): the workflow was removed or its URL changed — reconnect Teams.`,
        };
      return { status: 'rejected', reason: `Teams refused the message (${what})` };
    },
  };
}
