import { timingSafeEqual } from 'node:crypto';
import { getConfig } from '../_shared/config.js';
import { AppError } from '../_shared/errors.js';
import { json, param, withPublic } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { pipelineDeps } from '../leads/deps.js';
import { cosmosSuppressionStore } from '../suppressions/cosmos-suppression-store.js';
import { applyReply } from './inbound.js';
import { applySendGridEvents, type SendGridEvent, verifySendGrid } from './sendgrid-events.js';

/** SendGrid's Event Webhook: signed (ECDSA over timestamp + raw body); delivery, opens, clicks, bounces. */
registerHttp('webhooks-sendgrid', {
  route: 'webhooks/sendgrid',
  methods: ['POST'],
  access: 'signature',
  handler: withPublic(async (req) => {
    const raw = await req.text();
    const now = new Date();
    verifySendGrid(
      getConfig().SENDGRID_WEBHOOK_PUBLIC_KEY,
      raw,
      req.headers.get('x-twilio-email-event-webhook-signature'),
      req.headers.get('x-twilio-email-event-webhook-timestamp'),
      now,
    );
    let events: SendGridEvent[];
    try {
      events = JSON.parse(raw) as SendGridEvent[];
    } catch {
      throw new AppError('VALIDATION', 'The events must be a JSON array.');
    }
    if (!Array.isArray(events)) throw new AppError('VALIDATION', 'The events must be a JSON array.');
    return json(200, await applySendGridEvents(events, cosmosSuppressionStore, now));
  }),
});

/** SendGrid Inbound Parse: replies to outreach, secured by a secret in the URL. */
registerHttp('webhooks-inbound', {
  route: 'webhooks/inbound/{secret}',
  methods: ['POST'],
  access: 'signature',
  handler: withPublic(async (req) => {
    const secret = getConfig().INBOUND_PARSE_SECRET;
    const given = Buffer.from(param(req, 'secret'));
    if (
      !secret ||
      given.length !== Buffer.byteLength(secret) ||
      !timingSafeEqual(given, Buffer.from(secret))
    ) {
      throw new AppError('FORBIDDEN', 'Unknown inbound address.');
    }
    const form = await req.formData().catch(() => {
      throw new AppError('VALIDATION', 'Inbound Parse posts multipart/form-data.');
    });
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    // The envelope names every address the mail was delivered to (To may hide Bcc'd ones).
    let recipients = field('to');
    try {
      recipients += ` ${((JSON.parse(field('envelope') || '{}') as { to?: string[] }).to ?? []).join(' ')}`;
    } catch {
      // a malformed envelope: the To header alone
    }
    const outcome = await applyReply(
      { to: recipients, from: field('from'), subject: field('subject') },
      pipelineDeps(),
      new Date(),
    );
    // 200 either way: SendGrid retries anything else, and an unknown reply is not an error.
    return json(200, { outcome });
  }),
});
