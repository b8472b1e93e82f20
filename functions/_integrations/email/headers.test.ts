import { describe, expect, it } from 'vitest';
import type { OutgoingEmail } from './email-provider.js';
import { displayName, headerValue, isHeaderName, sanitizeEmail } from './headers.js';

const email = (over: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  id: 'm1',
  ownerId: 'u1',
  from: { email: 'me@example.com', name: 'Me' },
  to: { email: 'ada@example.com', name: 'Ada' },
  subject: 'Hello',
  html: '<p>Hi</p>',
  text: 'Hi',
  headers: {},
  ...over,
});

describe('headerValue', () => {
  it('folds CR, LF and CRLF into one space so no second header can start', () => {
    expect(headerValue('Hello\r\nBcc: all@example.com')).toBe('Hello Bcc: all@example.com');
    expect(headerValue('a\nb\rc\r\n\r\nd')).toBe('a b c d');
  });

  it('folds other control characters and Unicode line separators too', () => {
    expect(headerValue('a\u0000b\u0085c\u2028d\u2029e\u001bf')).toBe('a b c d e f');
  });

  it('keeps ordinary text, accents and emoji as written', () => {
    expect(headerValue('Café — 30 min? 🙂')).toBe('Café — 30 min? 🙂');
  });
});

describe('displayName', () => {
  it('cannot smuggle an address or a header through a contact name', () => {
    expect(displayName('Ada <evil@example.com>\r\nBcc: x@example.com')).toBe(
      'Ada evil@example.com Bcc: x@example.com',
    );
  });
});

describe('isHeaderName', () => {
  it('accepts header names and refuses names with spaces, colons or line breaks', () => {
    expect(isHeaderName('List-Unsubscribe-Post')).toBe(true);
    expect(isHeaderName('X-Bad: injected')).toBe(false);
    expect(isHeaderName('X-Bad\r\nBcc')).toBe(false);
    expect(isHeaderName('')).toBe(false);
  });
});

describe('sanitizeEmail', () => {
  it('cleans the subject, every display name and every header value', () => {
    const clean = sanitizeEmail(
      email({
        subject: 'Quick\r\nBcc: all@example.com',
        from: { email: 'me@example.com', name: 'Me\nX-Evil: 1' },
        to: { email: 'ada@example.com\r\n', name: 'Ada\r\nCc: b@example.com' },
        replyTo: { email: 'reply@example.com', name: 'Re\rply' },
        headers: { 'List-Unsubscribe': '<https://u.example/x>\r\nBcc: all@example.com' },
      }),
    );
    expect(clean.subject).toBe('Quick Bcc: all@example.com');
    expect(clean.from.name).toBe('Me X-Evil: 1');
    expect(clean.to).toEqual({ email: 'ada@example.com', name: 'Ada Cc: b@example.com' });
    expect(clean.replyTo?.name).toBe('Re ply');
    expect(clean.headers).toEqual({ 'List-Unsubscribe': '<https://u.example/x> Bcc: all@example.com' });
  });

  it('drops malformed header names and headers that would override the envelope (Bcc, From…)', () => {
    const clean = sanitizeEmail(
      email({
        headers: { Bcc: 'all@example.com', 'X-A: b': 'c', FROM: 'x@example.com', 'X-Campaign': 'c1' },
      }),
    );
    expect(clean.headers).toEqual({ 'X-Campaign': 'c1' });
  });

  it('keeps attachment names on one line and without quotes or path separators', () => {
    const clean = sanitizeEmail(
      email({
        attachments: [
          { filename: 'a"\r\nb/../c.pdf', contentType: 'application/pdf', content: new Uint8Array() },
        ],
      }),
    );
    expect(clean.attachments?.[0]?.filename).toBe('a_ b_.._c.pdf');
  });
});
