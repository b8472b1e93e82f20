import { describe, expect, it } from 'vitest';
import type { ContactDoc } from '../contacts/model.js';
import { withFooter } from './footer.js';
import { sendOutcome } from './rules.js';

const contact = (fields: Partial<ContactDoc> = {}) => ({ id: 'c', status: 'new', ...fields }) as ContactDoc;
const followUp = {
  templateId: 't',
  delayDays: 3,
  stopOn: ['replied', 'booked', 'unsubscribed', 'bounced'] as const,
};

describe('who gets a message, decided at send time', () => {
  it('skips a contact without an address, or one suppressed since the campaign started', () => {
    const base = { step: { ...followUp, stopOn: [...followUp.stopOn] }, stepNumber: 1, earlier: [] };
    expect(sendOutcome({ ...base, contact: contact(), to: null, suppression: undefined })).toEqual({
      send: false,
      status: 'skipped',
      reason: 'no email',
    });
    expect(
      sendOutcome({ ...base, contact: contact(), to: 'a@x.io', suppression: 'unsubscribed' }),
    ).toMatchObject({
      status: 'skipped',
      reason: 'suppressed: unsubscribed',
    });
    expect(sendOutcome({ ...base, contact: contact(), to: 'a@x.io', suppression: undefined })).toEqual({
      send: true,
    });
  });

  it('stops follow-ups for a contact who replied, booked or bounced — only by the rules the step keeps', () => {
    const step = { ...followUp, stopOn: [...followUp.stopOn] };
    const base = { step, stepNumber: 2, to: 'a@x.io', suppression: undefined };
    expect(sendOutcome({ ...base, contact: contact({ status: 'replied' }), earlier: [] })).toMatchObject({
      status: 'stopped',
      reason: 'replied',
    });
    expect(sendOutcome({ ...base, contact: contact({ status: 'meeting' }), earlier: [] })).toMatchObject({
      reason: 'booked',
    });
    // A meeting held or missed was booked all the same: no sales follow-up after it.
    for (const status of ['met', 'no-show'] as const)
      expect(sendOutcome({ ...base, contact: contact({ status }), earlier: [] })).toMatchObject({
        reason: 'booked',
      });
    expect(sendOutcome({ ...base, contact: contact(), earlier: [{ status: 'bounced' }] })).toMatchObject({
      reason: 'bounced',
    });
    const keepGoing = { ...step, stopOn: ['booked' as const] };
    expect(
      sendOutcome({ ...base, step: keepGoing, contact: contact({ status: 'replied' }), earlier: [] }),
    ).toEqual({
      send: true,
    });
    // The first step is never stopped by a reply to something else.
    expect(
      sendOutcome({ ...base, stepNumber: 1, contact: contact({ status: 'replied' }), earlier: [] }),
    ).toEqual({
      send: true,
    });
  });
});

describe('footer', () => {
  it('adds the postal address and unsubscribe link to both parts, escaped, with RFC 8058 headers', () => {
    const out = withFooter(
      { html: '<html><body><p>Hi</p></body></html>', text: 'Hi' },
      'Acme <Ltd>\nMain St 1',
      'https://app.example/api/unsubscribe/abc',
    );
    expect(out.html).toContain(
      'Acme &lt;Ltd&gt;<br>Main St 1<br><a href="https://app.example/api/unsubscribe/abc"',
    );
    expect(out.html.indexOf('Unsubscribe')).toBeLessThan(out.html.indexOf('</body>'));
    expect(out.text).toBe(
      'Hi\n\n--\nAcme <Ltd>\nMain St 1\nUnsubscribe: https://app.example/api/unsubscribe/abc\n',
    );
    expect(out.headers).toEqual({
      'List-Unsubscribe': '<https://app.example/api/unsubscribe/abc>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });
});
