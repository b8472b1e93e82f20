import type { NotificationChannel } from '../_integrations/channels/channel.js';
import { channelFactories } from '../_integrations/channels/registry.js';
import { notFound } from '../_shared/errors.js';
import { openSecret, type SealedSecret, type SecretKey, sealSecret } from '../_shared/secret-box.js';
import {
  type ChannelConnectionDto,
  ChannelConnectionInput,
  CONNECTION_NAMES,
  type ConnectionName,
} from './schema.js';

/**
 * Each owner's channel connections — Twilio or ACS number, WhatsApp phone number id + token +
 * template, Slack bot token + channel or webhook, Teams webhook, the organizer's Teams chat with the
 * bot — one document per channel (id:
 * its name). The secrets are sealed like calendar passwords (secret-box.ts, bound to this owner's
 * connection) and never leave the server: the API says which secrets are kept, not what they are.
 */

export interface ChannelConnectionDoc {
  id: ConnectionName;
  ownerId: string;
  name: ConnectionName;
  /** What may be shown: the sending number, phone number id, template, Slack channel. */
  settings: Record<string, unknown>;
  /** The secret fields as JSON, sealed. */
  secret: SealedSecret;
  secretNames: string[];
  lastTest: ChannelConnectionDto['lastTest'];
  createdAt: string;
  updatedAt: string;
  _etag?: string;
}

export interface ChannelConnectionStore {
  list(ownerId: string): Promise<ChannelConnectionDoc[]>;
  find(ownerId: string, name: ConnectionName): Promise<ChannelConnectionDoc | undefined>;
  upsert(doc: ChannelConnectionDoc): Promise<ChannelConnectionDoc>;
  remove(ownerId: string, name: ConnectionName): Promise<void>;
  /** The owner whose WhatsApp connection sends from this phone number id (the webhook names only it). */
  ownerOfWhatsAppNumber(phoneNumberId: string): Promise<string | undefined>;
}

/** Fields that are secrets, per connection: everything else is a setting the SPA may show. */
const SECRET_FIELDS: Record<ConnectionName, string[]> = {
  'sms-twilio': ['authToken'],
  'sms-acs': ['accessKey'],
  whatsapp: ['accessToken'],
  slack: ['botToken', 'webhookUrl'],
  teams: ['webhookUrl'],
  // Not secret, but of no use to the SPA: only the name of who linked it is shown.
  'teams-chat': ['serviceUrl', 'conversationId', 'tenantId'],
};

/** Where each vendor's API is (production defaults; tests point them at local servers) and our callback base. */
export interface ChannelEndpoints {
  twilioApiUrl?: string | undefined;
  whatsAppApiUrl?: string | undefined;
  slackApiUrl?: string | undefined;
  /** Twilio's StatusCallback for this owner: APP_BASE_URL/api/webhooks/twilio/{owner}. */
  twilioStatusCallback(ownerId: string): string;
  /** The Event Grid webhook an owner subscribes their ACS resource's SMS events to (carries a signed token). */
  acsEventsUrl?(ownerId: string): string;
  /** A Bot Service token for the bot's app (Teams chat), null when the bot runs without one (locally). */
  botToken?(): Promise<string | null>;
}

export interface ConnectionDeps {
  store: ChannelConnectionStore;
  now(): Date;
  endpoints: ChannelEndpoints;
  keys?: SecretKey[] | undefined;
}

const boundTo = (ownerId: string, name: string) => `channel-connection/${ownerId}/${name}`;

export const isConnectionName = (name: string): name is ConnectionName =>
  (CONNECTION_NAMES as readonly string[]).includes(name);

/** Where the owner points the vendor's callbacks for this connection (shown so they can paste it). */
function callbackUrl(doc: ChannelConnectionDoc, endpoints?: ChannelEndpoints): string | null {
  if (!endpoints) return null;
  if (doc.name === 'sms-twilio') return endpoints.twilioStatusCallback(doc.ownerId);
  if (doc.name === 'sms-acs') return endpoints.acsEventsUrl?.(doc.ownerId) ?? null;
  return null;
}

export function toConnectionDto(
  doc: ChannelConnectionDoc,
  endpoints?: ChannelEndpoints,
): ChannelConnectionDto {
  return {
    name: doc.name,
    settings: doc.settings,
    callbackUrl: callbackUrl(doc, endpoints),
    secrets: doc.secretNames,
    lastTest: doc.lastTest,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export async function listChannelConnections(ownerId: string, deps: ConnectionDeps) {
  return { items: (await deps.store.list(ownerId)).map((d) => toConnectionDto(d, deps.endpoints)) };
}

export async function getChannelConnection(ownerId: string, name: ConnectionName, deps: ConnectionDeps) {
  const doc = await deps.store.find(ownerId, name);
  if (!doc) throw notFound(`The ${name} connection`);
  return toConnectionDto(doc, deps.endpoints);
}

/** Saves (or replaces) the connection; the body is checked against that channel's shape (400 naming the field). */
export async function putChannelConnection(
  ownerId: string,
  name: ConnectionName,
  body: unknown,
  deps: ConnectionDeps,
): Promise<ChannelConnectionDto> {
  const input = ChannelConnectionInput[name].parse(body) as Record<string, unknown>;
  const secretNames = SECRET_FIELDS[name].filter((f) => input[f] !== undefined);
  const secret = Object.fromEntries(secretNames.map((f) => [f, input[f]]));
  const settings = Object.fromEntries(
    Object.entries(input).filter(([k]) => !SECRET_FIELDS[name].includes(k)),
  );
  const existing = await deps.store.find(ownerId, name);
  const at = deps.now().toISOString();
  const doc = await deps.store.upsert({
    id: name,
    ownerId,
    name,
    settings,
    secret: sealSecret(JSON.stringify(secret), boundTo(ownerId, name), deps.keys),
    secretNames,
    lastTest: null,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  });
  return toConnectionDto(doc, deps.endpoints);
}

export async function deleteChannelConnection(ownerId: string, name: ConnectionName, deps: ConnectionDeps) {
  if (!(await deps.store.find(ownerId, name))) throw notFound(`The ${name} connection`);
  await deps.store.remove(ownerId, name);
}

/** The settings and opened secrets of a connection: only for building its channel, never returned. */
export function openConnection(doc: ChannelConnectionDoc, keys?: SecretKey[]): Record<string, unknown> {
  const secret = JSON.parse(openSecret(doc.secret, boundTo(doc.ownerId, doc.name), keys)) as Record<
    string,
    string
  >;
  return { ...doc.settings, ...secret };
}

/** The channel a stored connection sends through (unwrapped: the caller adds the ledger). */
export function channelOfConnection(
  doc: ChannelConnectionDoc,
  deps: Pick<ConnectionDeps, 'endpoints' | 'keys'>,
): NotificationChannel {
  const config = openConnection(doc, deps.keys);
  const e = deps.endpoints;
  switch (doc.name) {
    case 'sms-twilio':
      return channelFactories['sms-twilio']({
        ...(config as { accountSid: string; authToken: string; from?: string; messagingServiceSid?: string }),
        statusCallbackUrl: e.twilioStatusCallback(doc.ownerId),
        apiUrl: e.twilioApiUrl,
      });
    case 'sms-acs':
      return channelFactories['sms-acs'](config as { endpoint: string; accessKey: string; from: string });
    case 'whatsapp':
      return channelFactories.whatsapp({
        ...(config as {
          phoneNumberId: string;
          accessToken: string;
          template: { name: string; language: string };
        }),
        apiUrl: e.whatsAppApiUrl,
      });
    case 'slack':
      return channelFactories.slack(
        'webhookUrl' in config
          ? { webhookUrl: config.webhookUrl as string }
          : { botToken: config.botToken as string, channel: config.channel as string, apiUrl: e.slackApiUrl },
      );
    case 'teams':
      return channelFactories.teams({ webhookUrl: config.webhookUrl as string });
    case 'teams-chat':
      return channelFactories['teams-chat']({
        serviceUrl: config.serviceUrl as string,
        conversationId: config.conversationId as string,
        token: e.botToken ?? (async () => null),
      });
  }
}
