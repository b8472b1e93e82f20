import type { HttpRequest } from '@azure/functions';
import { isTwilioSignatureValid, parseTwilioStatus } from '../_integrations/channels/twilio-webhook.js';
import {
  isWhatsAppSignatureValid,
  parseWhatsAppWebhook,
  verifySubscription,
} from '../_integrations/channels/whatsapp-webhook.js';
import { getConfig } from '../_shared/config.js';
import { AppError, notFound } from '../_shared/errors.js';
import { json, noContent, param, parseJson, parseQuery, withPublic, withUser } from '../_shared/http.js';
import { registerHttp, registerTimer } from '../_shared/registry.js';
import { verifyToken } from '../_shared/signed-token.js';
import { enqueue } from '../_shared/storage.js';
import { audited } from '../audit/audit.js';
import { hostOf } from '../booking/deps.js';
import { createCosmosContactStore } from '../contacts/cosmos-contact-store.js';
import { notifyQueue } from '../notify/queue.js';
import { cosmosSuppressionStore } from '../suppressions/cosmos-suppression-store.js';
import {
  deleteChannelConnection,
  getChannelConnection,
  isConnectionName,
  listChannelConnections,
  openConnection,
  putChannelConnection,
} from './connections.js';
import { conversationHook } from './conversation.js';
import { cosmosRecordStore, listRecords } from './cosmos-records.js';
import {
  cosmosChannelConnectionStore,
  cosmosPreferenceStore,
  cosmosWhatsAppWindows,
} from './cosmos-stores.js';
import { connectionDeps, reminderDeps } from './deps.js';
import {
  applyAcsEvents,
  applyTwilioCallback,
  applyWhatsAppEvents,
  GRID_VALIDATION,
  type GridEvent,
} from './inbound.js';
import { retryNotification, sendTest } from './notifications.js';
import {
  getContactConsent,
  getNotificationPreferences,
  putContactConsent,
  putNotificationPreferences,
} from './preferences.js';
import { toRecordDto } from './records.js';
import { runReminders } from './reminders.js';
import {
  ChannelTestInput,
  type ConnectionName,
  ContactConsentInput,
  NotificationLogQuery,
  NotificationPreferences,
} from './schema.js';

/** The notifications log: every notice on every channel with its steps; filter by channel, status, meeting, contact. */
registerHttp('notifications', {
  route: 'notifications',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) => {
    const page = await listRecords(user.userId, parseQuery(NotificationLogQuery, req));
    return json(200, { items: page.docs.map(toRecordDto), continuationToken: page.continuationToken });
  }),
});

/** Sends a failed notice again (on the channels it has not gone on yet). */
registerHttp('notifications-retry', {
  route: 'notifications/{id}/retry',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) =>
    json(
      202,
      await retryNotification(user.userId, param(req, 'id'), {
        records: cosmosRecordStore,
        enqueue: (message) => enqueue(notifyQueue, message).then(() => undefined),
      }),
    ),
  ),
});

/** Which events reach the organizer on which channels, their phone, and the reminders before each meeting. */
registerHttp('notifications-preferences', {
  route: 'notifications/preferences',
  methods: ['GET', 'PUT'],
  handler: withUser(async ({ req, user }) => {
    if (req.method === 'PUT') {
      const input = await parseJson(NotificationPreferences, req);
      return json(
        200,
        await audited(user, 'settings.notifications', 'notification preferences', () =>
          putNotificationPreferences(user.userId, input, cosmosPreferenceStore, new Date()),
        ),
      );
    }
    return json(200, await getNotificationPreferences(user.userId, cosmosPreferenceStore));
  }),
});

/** A contact's consent to SMS / WhatsApp (with time and source) and their opt-outs. */
registerHttp('notifications-consent', {
  route: 'notifications/consent/{contactId}',
  methods: ['GET', 'PUT'],
  handler: withUser(async ({ req, user }) => {
    const contact = await createCosmosContactStore().read(user.userId, param(req, 'contactId'));
    if (!contact) throw notFound('That contact');
    const person = { id: contact.id, email: contact.email || undefined, phone: contact.phone || undefined };
    const deps = { store: cosmosPreferenceStore, suppressions: cosmosSuppressionStore };
    if (req.method === 'PUT') {
      const input = await parseJson(ContactConsentInput, req);
      return json(
        200,
        await putContactConsent(user.userId, person, input, {
          ...deps,
          now: new Date(),
          by: user.userDetails || 'you',
        }),
      );
    }
    return json(200, await getContactConsent(user.userId, person, deps));
  }),
});

/** The owner's channel connections (secrets never returned: only which are kept). */
registerHttp('notifications-channels', {
  route: 'notifications/channels',
  methods: ['GET'],
  handler: withUser(async ({ user }) =>
    json(200, await listChannelConnections(user.userId, connectionDeps())),
  ),
});

const connectionName = (req: HttpRequest): ConnectionName => {
  const name = param(req, 'name');
  if (!isConnectionName(name)) throw notFound(`A channel called "${name}"`);
  return name;
};

/** One connection: read it, set it up (or replace it) with its secrets, or remove it. */
registerHttp('notifications-channel', {
  route: 'notifications/channels/{name}',
  methods: ['GET', 'PUT', 'DELETE'],
  handler: withUser(async ({ req, user }) => {
    const name = connectionName(req);
    const deps = connectionDeps();
    if (req.method === 'PUT') {
      if (name === 'teams-chat')
        throw new AppError(
          'VALIDATION',
          'Teams chat is linked from Teams: get a code (POST /api/bot/teams-link) and send it to the bot there.',
          [{ path: 'name', message: 'linked from Teams, not saved here' }],
        );
      let body: unknown;
      try {
        body = await req.json();
      } catch {
        throw new AppError('VALIDATION', 'The request body must be JSON.');
      }
      return json(
        200,
        await audited(user, 'channel.connect', name, () =>
          putChannelConnection(user.userId, name, body, deps),
        ),
      );
    }
    if (req.method === 'DELETE') {
      await audited(user, 'channel.disconnect', name, () => deleteChannelConnection(user.userId, name, deps));
      return noContent();
    }
    return json(200, await getChannelConnection(user.userId, name, deps));
  }),
});

/** "Send test": a short message through the connection now; the outcome is kept on it and in the log. */
registerHttp('notifications-channel-test', {
  route: 'notifications/channels/{name}/test',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const name = connectionName(req);
    const input = await parseJson(ChannelTestInput, req);
    const host = await hostOf(user.userId);
    const prefs = await getNotificationPreferences(user.userId, cosmosPreferenceStore);
    const phone = input.phone ?? prefs.phone ?? undefined;
    return json(
      200,
      await sendTest(
        user.userId,
        name,
        { ...host, phone },
        { ...connectionDeps(), records: cosmosRecordStore },
      ),
    );
  }),
});

/** Every 5 minutes: reminders that are due go to the notify queue, once each. */
registerTimer('notification-reminders', {
  schedule: '0 */5 * * * *',
  handler: async (_timer, ctx) => {
    const { queued } = await runReminders(reminderDeps());
    if (queued) ctx.log(`Queued ${queued} meeting reminder(s)`);
  },
});

const inboundDeps = () => ({
  records: cosmosRecordStore,
  suppressions: cosmosSuppressionStore,
  conversation: conversationHook(),
  now: new Date(),
  wroteOnWhatsApp: cosmosWhatsAppWindows.wrote,
});

/**
 * Twilio's status callback for one owner's SMS connection (the StatusCallback our sends name), and
 * the number's incoming-message webhook: `X-Twilio-Signature` is checked with that owner's auth
 * token over the address Twilio was given (APP_BASE_URL…), not the one this request arrived at.
 */
registerHttp('webhooks-twilio', {
  route: 'webhooks/twilio/{owner}',
  methods: ['POST'],
  access: 'signature',
  handler: withPublic(async (req) => {
    const owner = param(req, 'owner');
    const raw = await req.text();
    const params = Object.fromEntries(new URLSearchParams(raw));
    const connection = await cosmosChannelConnectionStore.find(owner, 'sms-twilio');
    const url = connectionDeps().endpoints.twilioStatusCallback(owner);
    let authToken = '';
    try {
      authToken = connection ? String(openConnection(connection).authToken ?? '') : '';
    } catch {
      authToken = '';
    }
    // An unknown owner is refused like a bad signature: whether one exists is not told.
    const signature = req.headers.get('x-twilio-signature') ?? undefined;
    if (!authToken || !isTwilioSignatureValid({ authToken, signature, url, params }))
      throw new AppError('FORBIDDEN', 'The request is not signed by Twilio for this account.');
    await applyTwilioCallback(owner, params, parseTwilioStatus(params), inboundDeps());
    // Empty TwiML: no automatic reply to an incoming text.
    return { status: 200, headers: { 'content-type': 'text/xml' }, body: '<Response></Response>' };
  }),
});

/**
 * The WhatsApp Cloud API webhook: GET is Meta's subscription check (verify token → challenge);
 * POST carries delivery statuses and incoming messages, signed over the raw body with the app
 * secret (X-Hub-Signature-256).
 */
registerHttp('webhooks-whatsapp', {
  route: 'webhooks/whatsapp',
  methods: ['GET', 'POST'],
  access: 'signature',
  handler: withPublic(async (req) => {
    const config = getConfig();
    if (req.method === 'GET') {
      const checked = config.WHATSAPP_VERIFY_TOKEN
        ? verifySubscription(req.query, config.WHATSAPP_VERIFY_TOKEN)
        : { status: 403 as const };
      if (checked.status !== 200) throw new AppError('FORBIDDEN', 'Wrong verify token.');
      return { status: 200, headers: { 'content-type': 'text/plain' }, body: checked.body };
    }
    const raw = new Uint8Array(await req.arrayBuffer());
    if (
      !config.WHATSAPP_APP_SECRET ||
      !isWhatsAppSignatureValid(
        raw,
        req.headers.get('x-hub-signature-256') ?? undefined,
        config.WHATSAPP_APP_SECRET,
      )
    )
      throw new AppError('FORBIDDEN', 'The request is not signed with the app secret.');
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      throw new AppError('VALIDATION', 'The webhook body must be JSON.');
    }
    const outcome = await applyWhatsAppEvents(
      parseWhatsAppWebhook(body),
      (id) => cosmosChannelConnectionStore.ownerOfWhatsAppNumber(id),
      inboundDeps(),
    );
    return json(200, outcome);
  }),
});

/**
 * ACS SMS events through the owner's Event Grid subscription (delivery reports, incoming texts).
 * Event Grid cannot sign a webhook call, so the address carries a token we signed for this owner
 * (shown as the sms-acs connection's callbackUrl); the subscription's validation handshake is
 * answered only at such an address.
 */
registerHttp('webhooks-acs', {
  route: 'webhooks/acs/{token}',
  methods: ['POST'],
  access: 'signature',
  handler: withPublic(async (req) => {
    const now = new Date();
    const token = verifyToken<{ k?: string; o?: string }>(param(req, 'token'), now);
    if (token.k !== 'acs-events' || !token.o) throw new AppError('FORBIDDEN', 'Not an ACS events address.');
    let events: GridEvent[];
    try {
      const parsed = (await req.json()) as GridEvent[] | GridEvent;
      events = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      throw new AppError('VALIDATION', 'Event Grid posts a JSON array of events.');
    }
    const validation = events.find((e) => (e.eventType ?? e.type) === GRID_VALIDATION);
    if (validation) return json(200, { validationResponse: validation.data?.validationCode });
    return json(200, await applyAcsEvents(token.o, events, { ...inboundDeps(), now }));
  }),
});
