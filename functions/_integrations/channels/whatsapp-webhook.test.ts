import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isWhatsAppSignatureValid, parseWhatsAppWebhook, verifySubscription } from './whatsapp-webhook.js';

const appSecret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const sign = (raw: string | Buffer, secret = appSecret) =>
  `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

// As Meta sends it: non-ASCII escaped, so the raw bytes differ from JSON.stringify(JSON.parse(raw)).
const raw = String.raw`{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Zo\u00eb"},"wa_id":"447911123456"}],"messages":[{"from":"447911123456","id":"wamid.IN1","timestamp":"1773151200","text":{"body":"Can we move it to 15:00? \ud83d\ude42"},"type":"text"}],"statuses":[{"id":"wamid.OUT1","status":"delivered","timestamp":"1773151201","recipient_id":"447911123456"},{"id":"wamid.OUT2","status":"failed","timestamp":"1773151202","recipient_id":"447911123999","errors":[{"code":131026,"title":"Message undeliverable","error_data":{"details":"Message Undeliverable."}}]},{"id":"wamid.OUT3","status":"deleted","timestamp":"1773151203","recipient_id":"1"}]},"field":"messages"}]}]}`;

describe('WhatsApp webhook', () => {
  it('answers Meta’s subscription check with the challenge only for our verify token', () => {
    const q = (token: string, mode = 'subscribe') =>
      new URLSearchParams({ 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': '1158201444' });
    expect(verifySubscription(q('our-verify-token'), 'our-verify-token')).toEqual({
      status: 200,
      body: '1158201444',
    });
    expect(verifySubscription(q('guess'), 'our-verify-token')).toEqual({ status: 403 });
    expect(verifySubscription(q('our-verify-token', 'unsubscribe'), 'our-verify-token')).toEqual({
      status: 403,
    });
  });

  it('accepts the signature over the raw bytes, and refuses a re-serialised body, a changed byte or another secret', () => {
    const header = sign(raw);
    expect(isWhatsAppSignatureValid(raw, header, appSecret)).toBe(true);
    expect(
      isWhatsAppSignatureValid(
        Buffer.from(raw),
        header.toUpperCase().replace('SHA256=', 'sha256='),
        appSecret,
      ),
    ).toBe(true);
    expect(isWhatsAppSignatureValid(JSON.stringify(JSON.parse(raw)), header, appSecret)).toBe(false);
    expect(isWhatsAppSignatureValid(raw.replace('15:00', '16:00'), header, appSecret)).toBe(false);
    expect(isWhatsAppSignatureValid(raw, sign(raw, 'another-secret'), appSecret)).toBe(false);
    expect(isWhatsAppSignatureValid(raw, undefined, appSecret)).toBe(false);
    expect(isWhatsAppSignatureValid(raw, 'sha256=abc', appSecret)).toBe(false);
    expect(isWhatsAppSignatureValid(raw, header, '')).toBe(false);
  });

  it('turns the body into a reply to hand to the conversation and delivery statuses for the log', () => {
    expect(parseWhatsAppWebhook(JSON.parse(raw))).toEqual([
      {
        kind: 'message',
        phoneNumberId: '106540352242922',
        from: '447911123456',
        name: 'Zoë',
        messageId: 'wamid.IN1',
        timestamp: 1773151200,
        type: 'text',
        text: 'Can we move it to 15:00? 🙂',
      },
      {
        kind: 'status',
        phoneNumberId: '106540352242922',
        messageId: 'wamid.OUT1',
        recipient: '447911123456',
        status: 'delivered',
        timestamp: 1773151201,
      },
      {
        kind: 'status',
        phoneNumberId: '106540352242922',
        messageId: 'wamid.OUT2',
        recipient: '447911123999',
        status: 'failed',
        timestamp: 1773151202,
        errors: [{ code: 131026, title: 'Message undeliverable', details: 'Message Undeliverable.' }],
      },
    ]);
  });

  it('ignores bodies that are not WhatsApp message changes', () => {
    expect(parseWhatsAppWebhook({ object: 'page', entry: [] })).toEqual([]);
    expect(parseWhatsAppWebhook(null)).toEqual([]);
    expect(
      parseWhatsAppWebhook({
        object: 'whatsapp_business_account',
        entry: [{ changes: [{ field: 'account_update', value: {} }] }],
      }),
    ).toEqual([]);
  });
});
