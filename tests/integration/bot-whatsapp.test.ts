import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWhatsApp, startFakeWhatsApp } from '../fakes/whatsapp-server.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { openEveryDay } from './support/seed.js';

/**
 * A person writes to the organizer's WhatsApp Business number: the bot answers on WhatsApp (free
 * text, the person just wrote), captures them as a lead and books a meeting through the same claim
 * path as the booking page. Meta's redelivery of a message is answered once.
 */
const APP_SECRET = 'meta-app-secret-for-bot-tests';
let wa: FakeWhatsApp;
let app: TestApp;
let olga: Session;
const LENA = '447911123456';

beforeAll(async () => {
  wa = await startFakeWhatsApp();
  useEmulators({
    WHATSAPP_GRAPH_URL: wa.url,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'verify-token-for-bot-tests',
  });
  app = await startTestApp();
  olga = await app.signIn('olga@example.com', 'Olga Organizer');
  await openEveryDay(olga, { timeZone: 'UTC' });
  const connected = await olga.fetch('/api/notifications/channels/whatsapp', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      phoneNumberId: wa.phoneNumberId,
      accessToken: wa.accessToken,
      template: { name: 'meeting_update', language: 'en' },
    }),
  });
  expect(connected.status).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await wa?.close();
});

/** Meta's webhook for one text message from Lena, signed with the app secret. */
async function lenaWrites(id: string, text: string) {
  const raw = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { phone_number_id: wa.phoneNumberId },
              contacts: [{ wa_id: LENA, profile: { name: 'Lena Park' } }],
              messages: [{ from: LENA, id, timestamp: '1767261700', type: 'text', text: { body: text } }],
            },
          },
        ],
      },
    ],
  });
  // Meta opens the 24-hour window when she writes: answers go as free text.
  wa.windowOpen.add(LENA);
  const before = wa.accepted.length;
  const res = await app.anonymous.fetch('/api/webhooks/whatsapp', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`,
    },
    body: raw,
  });
  expect(res.status).toBe(200);
  // What the bot answered, as Lena's phone shows it.
  return wa.accepted.slice(before).map((m) => {
    expect(m.body).toMatchObject({ to: `+${LENA}`, type: 'text' });
    return m.body.text!.body;
  });
}

describe('the bot on WhatsApp', () => {
  it('answers a message to the business number, captures the lead and books — each message answered once', async () => {
    const hello = await lenaWrites('wamid.l1', 'Hi, I would like to talk about your product');
    expect(hello.join('\n')).toMatch(/Intro call with Olga/);
    // Meta delivers the same message again: no second answer.
    expect(await lenaWrites('wamid.l1', 'Hi, I would like to talk about your product')).toEqual([]);

    // The profile name is taken; the bot asks for what it still needs, one thing at a time.
    let answer = hello.at(-1)!;
    const replies: Record<string, string> = {
      email: 'lena.park@example.com',
      company: 'Parkside Analytics',
      talk: 'Pricing for a team of 12',
      name: 'Lena Park',
    };
    let offer = '';
    for (let i = 2; i < 8 && !offer; i++) {
      const key = Object.keys(replies).find((k) => new RegExp(k, 'i').test(answer));
      expect(key, `an answer for: ${answer}`).toBeDefined();
      const said = await lenaWrites(`wamid.l${i}`, replies[key!]!);
      answer = said.at(-1)!;
      if (/^1\. /m.test(said.join('\n'))) offer = said.join('\n');
    }
    // Three times, as one numbered list a phone shows.
    expect(offer).toMatch(/^1\. .+\n2\. .+\n3\. .+$/m);
    expect(offer.match(/^1\. /gm)).toHaveLength(1);
    const done = await lenaWrites('wamid.l9', '1');
    expect(done.join('\n')).toMatch(/^You're booked for .* lena\.park@example\.com/);

    const meetings = (await (await olga.fetch('/api/meetings')).json()).items;
    expect(meetings).toEqual([
      expect.objectContaining({
        status: 'booked',
        contact: { name: 'Lena Park', email: 'lena.park@example.com' },
      }),
    ]);
    const contacts = (await (await olga.fetch('/api/contacts?search=lena')).json()).items;
    // The number she wrote from is on her contact: the organizer can call or text her back.
    expect(contacts).toEqual([
      expect.objectContaining({ email: 'lena.park@example.com', phone: `+${LENA}`, source: 'bot' }),
    ]);
  });
});
