import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailAddress, EmailProvider, OutgoingEmail } from './email-provider.js';

/**
 * The one contract every email provider passes (CONVENTIONS §6): each provider's test runs it
 * with the provider wired to something that shows what arrived — the outbox's own store, a local
 * SendGrid API, a local SMTP server — so the same promises hold whichever provider is configured.
 */

/** An email as the receiving side saw it. Header names are lower case. */
export interface DeliveredEmail {
  from: EmailAddress;
  to: EmailAddress;
  replyTo?: EmailAddress;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: Uint8Array }[];
}

export interface ContractHarness {
  provider: EmailProvider;
  /** What arrived for this email (found by our id), or undefined when nothing did. */
  delivered(email: OutgoingEmail): Promise<DeliveredEmail | undefined>;
  /** An address this provider refuses for good. */
  rejectedAddress: string;
  /** Makes the next send be throttled; absent when the provider never throttles (the outbox). */
  throttleNext?(retryAfterSeconds: number): void;
  /** Whether a throttled answer says when to try again (SendGrid's Retry-After; SMTP has none). */
  tellsRetryAfter?: boolean;
  close?(): Promise<void>;
}

let counter = 0;
/** A distinct email each call, with everything a campaign email carries. */
export function sampleEmail(over: Partial<OutgoingEmail> = {}): OutgoingEmail {
  counter += 1;
  const id = `contract-${Date.now().toString(36)}-${counter}`;
  return {
    id,
    ownerId: 'owner-contract',
    from: { email: 'sam@momentum.example', name: 'Sam Sender' },
    replyTo: { email: 'replies@momentum.example', name: 'Sam (replies)' },
    to: { email: `ada.${counter}@example.com`, name: 'Ada Lovelace' },
    subject: `Café next week? 🙂 #${counter}`,
    html: `<p>Hi Ada,</p><p>Pick a time: <a href="https://momentum.example/book/${id}">book</a></p>`,
    text: `Hi Ada,\n\nPick a time: https://momentum.example/book/${id}\n`,
    headers: {},
    categories: ['campaign:camp-1'],
    ...over,
  };
}

export function runEmailProviderContract(name: string, setup: () => Promise<ContractHarness>): void {
  describe(`${name} email provider (contract)`, () => {
    let h: ContractHarness;
    beforeAll(async () => {
      h = await setup();
    });
    afterAll(async () => {
      await h?.close?.();
    });

    it('sends one email: the recipient gets its sender, reply-to, subject and both bodies', async () => {
      const email = sampleEmail();
      const [result] = await h.provider.send([email]);
      expect(result).toMatchObject({ id: email.id, status: 'sent' });
      const got = await h.delivered(email);
      expect(got?.from).toEqual(email.from);
      expect(got?.to).toEqual(email.to);
      expect(got?.replyTo).toEqual(email.replyTo);
      expect(got?.subject).toBe(email.subject);
      if (h.provider.wasSent) {
        expect(await h.provider.wasSent(email)).toBe(true);
        expect(await h.provider.wasSent({ ...email, id: `${email.id}-never` })).toBe(false);
      }
    });

    it('sends a batch: one result per email, in order, each delivered to its own recipient', async () => {
      const batch = [sampleEmail(), sampleEmail(), sampleEmail()];
      const results = await h.provider.send(batch);
      expect(results.map((r) => [r.id, r.status])).toEqual(batch.map((e) => [e.id, 'sent']));
      for (const email of batch) expect((await h.delivered(email))?.to.email).toBe(email.to.email);
    });

    it('refuses an address for good without holding up the rest of the batch', async () => {
      const good = sampleEmail();
      const bad = sampleEmail({ to: { email: h.rejectedAddress, name: 'Nobody' } });
      const [badResult, goodResult] = await h.provider.send([bad, good]);
      expect(badResult).toMatchObject({ id: bad.id, status: 'rejected' });
      expect(badResult?.status === 'rejected' && badResult.reason.length).toBeGreaterThan(0);
      expect(goodResult).toMatchObject({ id: good.id, status: 'sent' });
      expect(await h.delivered(bad)).toBeUndefined();
      expect(await h.delivered(good)).toBeDefined();
    });

    it('asks to try a throttled email again later, and sends it when tried again', async (ctx) => {
      // The outbox never throttles: nothing to promise there.
      if (!h.throttleNext) return ctx.skip();
      const email = sampleEmail();
      h.throttleNext(7);
      const [first] = await h.provider.send([email]);
      expect(first).toMatchObject({ id: email.id, status: 'retry' });
      if (h.tellsRetryAfter) expect(first).toMatchObject({ retryAfterSeconds: 7 });
      expect(await h.delivered(email)).toBeUndefined();
      const [second] = await h.provider.send([email]);
      expect(second).toMatchObject({ id: email.id, status: 'sent' });
      expect(await h.delivered(email)).toBeDefined();
    });

    it('carries List-Unsubscribe and List-Unsubscribe-Post (one-click unsubscribe) intact', async () => {
      const unsubscribe =
        '<https://momentum.example/u/tok-123>, <mailto:unsubscribe@momentum.example?subject=tok-123>';
      const email = sampleEmail({
        headers: { 'List-Unsubscribe': unsubscribe, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
      expect((await h.provider.send([email]))[0]?.status).toBe('sent');
      const got = await h.delivered(email);
      expect(got?.headers['list-unsubscribe']).toBe(unsubscribe);
      expect(got?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    });

    it('does not let a line break in the subject, a name or a header value add a header', async () => {
      const email = sampleEmail({
        subject: 'Quick question\r\nBcc: everyone@evil.example',
        to: { email: 'grace@example.com', name: 'Grace\r\nCc: cc@evil.example' },
        headers: { 'X-Momentum-Note': 'fine\r\nX-Injected: yes' },
      });
      expect((await h.provider.send([email]))[0]?.status).toBe('sent');
      const got = await h.delivered(email);
      expect(got?.subject).toBe('Quick question Bcc: everyone@evil.example');
      expect(got?.to).toEqual({ email: 'grace@example.com', name: 'Grace Cc: cc@evil.example' });
      expect(got?.headers['x-momentum-note']).toBe('fine X-Injected: yes');
      expect(Object.keys(got?.headers ?? {})).not.toContain('bcc');
      expect(Object.keys(got?.headers ?? {})).not.toContain('cc');
      expect(Object.keys(got?.headers ?? {})).not.toContain('x-injected');
    });

    it('delivers the HTML and the plain-text version', async () => {
      const email = sampleEmail();
      await h.provider.send([email]);
      const got = await h.delivered(email);
      expect(got?.html.trim()).toBe(email.html);
      expect(got?.text.trim()).toBe(email.text.trim());
    });

    it('delivers an attachment byte for byte, with its name and type', async () => {
      const content = new Uint8Array(3000).map((_, i) => (i * 31) % 256);
      const email = sampleEmail({
        attachments: [{ filename: 'invite.ics', contentType: 'text/calendar', content }],
      });
      expect((await h.provider.send([email]))[0]?.status).toBe('sent');
      const [attachment] = (await h.delivered(email))?.attachments ?? [];
      expect(attachment?.filename).toBe('invite.ics');
      expect(attachment?.contentType).toBe('text/calendar');
      expect(Buffer.from(attachment?.content ?? []).equals(Buffer.from(content))).toBe(true);
    });
  });
}
