import type { EmailProvider } from '../email/email-provider.js';
import { getEmailProvider } from '../email/registry.js';
import type { NotificationChannel } from './channel.js';
import { createEmailChannel } from './email.js';
import { createMemorySentLedger, type SentLedger, sendOnce } from './sent-ledger.js';
import { createSlackChannel } from './slack.js';
import { createAcsSmsChannel } from './sms-acs.js';
import { createTwilioSmsChannel } from './sms-twilio.js';
import { createTeamsChannel } from './teams.js';
import { createTeamsChatChannel } from './teams-chat.js';
import { createWhatsAppChannel } from './whatsapp.js';

/**
 * Every notification channel, by name: a factory taking that channel's configuration (for the
 * vendor channels, an owner's connection with its secrets already opened — sealed at rest with
 * _shared/secret-box.ts like calendar credentials). The only place a channel is chosen.
 *
 * - `email`: the configured email provider (outbox by default). No connection needed.
 * - `sms-twilio`: { accountSid, authToken, from | messagingServiceSid, statusCallbackUrl? }.
 * - `sms-acs`: { endpoint, accessKey | credential (managed identity), from }.
 * - `whatsapp`: { phoneNumberId, accessToken, template: { name, language } }.
 * - `slack`: { botToken, channel } or { webhookUrl }.
 * - `teams`: { webhookUrl } (a Workflows webhook of the channel).
 * - `teams-chat`: { serviceUrl, conversationId, token } (the organizer's chat with the bot).
 */
export const channelFactories = {
  email: (config: { provider: EmailProvider }) => createEmailChannel(config.provider),
  'sms-twilio': createTwilioSmsChannel,
  'sms-acs': createAcsSmsChannel,
  whatsapp: createWhatsAppChannel,
  slack: createSlackChannel,
  teams: createTeamsChannel,
  'teams-chat': createTeamsChatChannel,
} satisfies Record<string, (config: never) => NotificationChannel>;

export type ChannelName = keyof typeof channelFactories;
export type ChannelConfig<N extends ChannelName> = Parameters<(typeof channelFactories)[N]>[0];

// The default when no ledger is given (tests, one-off sends): it stops a repeat on this instance
// only. notify passes the durable one — the delivery records in Cosmos (notifications/records.ts).
const processLedger = createMemorySentLedger();

/** The channel `name` with this configuration, sending each notification id once. */
export function createChannel<N extends ChannelName>(
  name: N,
  config: ChannelConfig<N>,
  ledger: SentLedger = processLedger,
): NotificationChannel {
  const factory = channelFactories[name] as (c: ChannelConfig<N>) => NotificationChannel;
  return sendOnce(factory(config), ledger);
}

/**
 * The channel that needs no connection: email through the configured provider. notify and the
 * calendar alerts use it; the outbox already keeps each id once.
 */
export const getChannel = (_name: 'email'): NotificationChannel => createEmailChannel(getEmailProvider());
