import { describe, expect, it } from 'vitest';
import { createMemoryOutboxStore } from '../../../tests/fakes/outbox-store.js';
import { getOutboxEmail } from '../../outbox/outbox.js';
import { sampleEmail } from './contract.test-support.js';
import { createOutboxEmail, OUTBOX_ATTACHMENT_BYTES } from './outbox.js';

const at = new Date('2026-11-03T10:00:00Z');

describe('outbox email provider', () => {
  it('shows the email as it would have gone out: addresses, campaign from the campaign: category, time sent', async () => {
    const store = createMemoryOutboxStore();
    const email = sampleEmail({
      from: { email: 'sam@momentum.example', name: 'Lovelace, Sam' },
      categories: ['outreach', 'campaign:camp-42'],
    });
    expect(await createOutboxEmail(store, () => at).send([email])).toEqual([
      { id: email.id, status: 'sent', providerMessageId: email.id },
    ]);
    const dto = await getOutboxEmail(email.ownerId, email.id, { store });
    expect(dto).toMatchObject({
      from: '"Lovelace, Sam" <sam@momentum.example>',
      to: `Ada Lovelace <${email.to.email}>`,
      replyTo: '"Sam (replies)" <replies@momentum.example>',
      campaignId: 'camp-42',
      sentAt: '2026-11-03T10:00:00.000Z',
    });
  });

  it('keeps attachment bytes up to the cap, and only the name, type and size beyond it', async () => {
    const store = createMemoryOutboxStore();
    const small = { filename: 'a.txt', contentType: 'text/plain', content: new Uint8Array(10).fill(65) };
    const big = {
      filename: 'deck.pdf',
      contentType: 'application/pdf',
      content: new Uint8Array(OUTBOX_ATTACHMENT_BYTES),
    };
    const email = sampleEmail({ attachments: [small, big] });
    await createOutboxEmail(store, () => at).send([email]);
    expect(store.docs[0]?.attachments).toEqual([
      { filename: 'a.txt', contentType: 'text/plain', size: 10, contentBase64: 'QUFBQUFBQUFBQQ==' },
      {
        filename: 'deck.pdf',
        contentType: 'application/pdf',
        size: OUTBOX_ATTACHMENT_BYTES,
        contentBase64: null,
      },
    ]);
    expect((await getOutboxEmail(email.ownerId, email.id, { store })).attachments).toEqual([
      { filename: 'a.txt', contentType: 'text/plain', size: 10 },
      { filename: 'deck.pdf', contentType: 'application/pdf', size: OUTBOX_ATTACHMENT_BYTES },
    ]);
  });

  it('refuses an invalid address like a real provider would, and keeps nothing for it', async () => {
    const store = createMemoryOutboxStore();
    const [result] = await createOutboxEmail(store).send([sampleEmail({ replyTo: { email: 'replies@' } })]);
    expect(result).toMatchObject({
      status: 'rejected',
      reason: 'The reply-to address "replies@" is not a valid email address.',
    });
    expect(store.docs).toEqual([]);
  });

  it("answers another owner's email id as not found", async () => {
    const store = createMemoryOutboxStore();
    const email = sampleEmail({ ownerId: 'alice' });
    await createOutboxEmail(store).send([email]);
    await expect(getOutboxEmail('bob', email.id, { store })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
