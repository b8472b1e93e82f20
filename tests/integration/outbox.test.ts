import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DeliveredEmail,
  runEmailProviderContract,
  sampleEmail,
} from '../../functions/_integrations/email/contract.test-support.js';
import { createOutboxEmail } from '../../functions/_integrations/email/outbox.js';
import { cosmosOutboxStore, type OutboxDoc } from '../../functions/outbox/store.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { ownerOf } from './support/seed.js';

/** The outbox provider against the local Cosmos API server, and the Outbox pages' API. */
let app: TestApp;
beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
});
afterAll(() => app.close());

const asDelivered = (doc: OutboxDoc): DeliveredEmail => ({
  from: doc.from,
  to: doc.to,
  ...(doc.replyTo ? { replyTo: doc.replyTo } : {}),
  subject: doc.subject,
  html: doc.html,
  text: doc.text,
  headers: Object.fromEntries(Object.entries(doc.headers).map(([k, v]) => [k.toLowerCase(), v])),
  attachments: doc.attachments.map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    content: Buffer.from(a.contentBase64 ?? '', 'base64'),
  })),
});

runEmailProviderContract('outbox', async () => ({
  provider: createOutboxEmail(cosmosOutboxStore),
  delivered: async (email) => {
    const doc = await cosmosOutboxStore.find(email.ownerId, email.id);
    return doc && asDelivered(doc);
  },
  rejectedAddress: 'not-an-address',
}));

describe('outbox on Cosmos', () => {
  it('keeps one copy when the same email is sent twice (a retried send), the first as it was', async () => {
    const provider = createOutboxEmail(cosmosOutboxStore);
    const email = sampleEmail({ ownerId: 'owner-twice', subject: 'First try' });
    expect((await provider.send([email]))[0]?.status).toBe('sent');
    expect((await provider.send([{ ...email, subject: 'Second try' }]))[0]?.status).toBe('sent');
    const page = await cosmosOutboxStore.list('owner-twice', { limit: 10 });
    expect(page.docs.map((d) => [d.id, d.subject])).toEqual([[email.id, 'First try']]);
  });
});

describe('GET /api/outbox', () => {
  let alice: Session;
  let bob: Session;
  const sent: string[] = [];
  beforeAll(async () => {
    alice = await app.signIn('outbox-alice@example.com', 'Alice');
    bob = await app.signIn('outbox-bob@example.com', 'Bob');
    const ownerId = await ownerOf(alice);
    for (let i = 0; i < 3; i++) {
      const email = sampleEmail({
        ownerId,
        subject: `Email ${i}`,
        headers: { 'List-Unsubscribe': `<https://m.example/u/${i}>` },
        attachments: [{ filename: 'invite.ics', contentType: 'text/calendar', content: new Uint8Array(12) }],
      });
      const at = new Date(Date.UTC(2026, 10, 3, 9, i));
      await createOutboxEmail(cosmosOutboxStore, () => at).send([email]);
      sent.push(email.id);
    }
  });

  it("lists only the owner's emails, newest first, a page at a time", async () => {
    const first = await alice.fetch('/api/outbox?limit=2');
    expect(first.status).toBe(200);
    const page1 = await first.json();
    expect(page1.items.map((e: { subject: string }) => e.subject)).toEqual(['Email 2', 'Email 1']);
    expect(page1.items[0]).toEqual({
      id: sent[2],
      from: 'Sam Sender <sam@momentum.example>',
      to: expect.stringMatching(/^Ada Lovelace <ada\.\d+@example\.com>$/),
      subject: 'Email 2',
      campaignId: 'camp-1',
      sentAt: '2026-11-03T09:02:00.000Z',
    });
    expect(page1.continuationToken).toEqual(expect.any(String));
    const page2 = await (
      await alice.fetch(
        `/api/outbox?limit=2&continuationToken=${encodeURIComponent(page1.continuationToken)}`,
      )
    ).json();
    expect(page2.items.map((e: { subject: string }) => e.subject)).toEqual(['Email 0']);
    expect(page2.continuationToken).toBeNull();
    expect((await (await bob.fetch('/api/outbox')).json()).items).toEqual([]);
  });

  it('shows one email in full to its owner, and 404 to anyone else', async () => {
    const res = await alice.fetch(`/api/outbox/${sent[0]}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: sent[0],
      subject: 'Email 0',
      replyTo: '"Sam (replies)" <replies@momentum.example>',
      html: expect.stringContaining('<p>Hi Ada,</p>'),
      text: expect.stringContaining('Pick a time'),
      headers: { 'List-Unsubscribe': '<https://m.example/u/0>' },
      attachments: [{ filename: 'invite.ics', contentType: 'text/calendar', size: 12 }],
    });
    expect((await bob.fetch(`/api/outbox/${sent[0]}`)).status).toBe(404);
  });

  it('refuses a page size out of range', async () => {
    expect((await alice.fetch('/api/outbox?limit=1000')).status).toBe(400);
  });
});
