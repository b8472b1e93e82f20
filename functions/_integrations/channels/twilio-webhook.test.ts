import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isTwilioSignatureValid, parseTwilioStatus } from './twilio-webhook.js';

const authToken = '12345678901234567890123456789012';
const url = 'https://app.example/api/webhooks/twilio/status?owner=o1';
const params = {
  AccountSid: 'AC0123',
  MessageSid: 'SM0123',
  MessageStatus: 'undelivered',
  ErrorCode: '30003',
  To: '+447911123456',
  From: '+14155552671',
};

/** Twilio's documented scheme, written out here so the test does not trust the SDK it checks. */
function sign(token: string, fullUrl: string, fields: Record<string, string>): string {
  const data = Object.keys(fields)
    .sort()
    .reduce((acc, key) => acc + key + fields[key], fullUrl);
  return createHmac('sha1', token).update(data).digest('base64');
}

describe('Twilio status callback', () => {
  it('accepts a callback signed with the account auth token over the URL and sorted fields', () => {
    const signature = sign(authToken, url, params);
    expect(isTwilioSignatureValid({ authToken, signature, url, params })).toBe(true);
  });

  it('refuses a changed field, another URL, another token, or no signature', () => {
    const signature = sign(authToken, url, params);
    expect(
      isTwilioSignatureValid({
        authToken,
        signature,
        url,
        params: { ...params, MessageStatus: 'delivered' },
      }),
    ).toBe(false);
    expect(isTwilioSignatureValid({ authToken, signature, url: url.replace('o1', 'o2'), params })).toBe(
      false,
    );
    expect(isTwilioSignatureValid({ authToken: 'x'.repeat(32), signature, url, params })).toBe(false);
    expect(isTwilioSignatureValid({ authToken, signature: undefined, url, params })).toBe(false);
  });

  it('reads the status a person sees in the log: undelivered with Twilio error 30003', () => {
    expect(parseTwilioStatus(params)).toEqual({
      messageSid: 'SM0123',
      status: 'undelivered',
      to: '+447911123456',
      errorCode: 30003,
    });
    expect(parseTwilioStatus({ MessageSid: 'SM1', MessageStatus: 'delivered', To: '+1' })).toEqual({
      messageSid: 'SM1',
      status: 'delivered',
      to: '+1',
    });
    expect(parseTwilioStatus({ MessageSid: 'SM1', MessageStatus: 'exploded' })).toBeUndefined();
  });
});
