import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryResult, Notification, NotificationChannel, Recipient } from './channel.js';

/**
 * The one contract every notification channel passes (CONVENTIONS §6). Each channel's test runs it
 * with the channel as the registry builds it (sendOnce over a ledger) and its vendor's SDK or HTTP
 * API pointed at a local server in the vendor's shapes, so the same promises hold whichever
 * channel a person chose: it reaches whom it says it can, a notice arrives once, a refusal says why
 * (so the next channel can be tried), a throttle says when to try again, and no reason leaks a secret.
 */

export interface ChannelHarness {
  /** The channel as registered: sendOnce(createXChannel(config), ledger). */
  channel: NotificationChannel;
  /** Someone this channel can reach, and someone it cannot (no phone for SMS, …). */
  reachable: Recipient;
  unreachable?: Recipient;
  /** Everything the vendor accepted so far, each as the text of its request (JSON, form…). */
  accepted(): string[];
  /**
   * A recipient the vendor refuses for good, and what the reason must name. A channel whose
   * destination is its configuration (a Teams webhook) gives a channel with a destination that is gone.
   */
  refused: { to: Recipient; reason: RegExp; channel?: NotificationChannel };
  /** Makes the vendor answer the next send with its rate-limit answer (429 and this Retry-After). */
  throttleNext(retryAfterSeconds: number): void;
  /**
   * False when the vendor's rate-limit answer carries no Retry-After (Meta's 130429): the channel
   * must still say when to try again, from what the vendor documents.
   */
  tellsRetryAfter?: boolean;
  /** Makes the vendor answer the next send with a server error (5xx). */
  failNext(): void;
  /** The same channel with a wrong secret, and that secret: it must say so without showing it. */
  withWrongSecret: { channel: NotificationChannel; secret: string; reason: RegExp };
  /** Every secret the channel was configured with. */
  secrets: string[];
  close?(): Promise<void>;
}

let counter = 0;
/** A distinct meeting confirmation each call; its links carry the id, so what arrived can be found. */
export function sampleNotification(to: Recipient, over: Partial<Notification> = {}): Notification {
  counter += 1;
  const id = `contract-${Date.now().toString(36)}-${counter}`;
  const manage = `https://momentum.example/m/${id}`;
  return {
    id,
    ownerId: 'owner-contract',
    from: { name: 'Hana Host', email: 'hana@momentum.example' },
    to,
    subject: 'Confirmed: Intro call with Hana Host — Tue 10 Mar 2026, 14:00–14:30 (London time)',
    text: [
      'Your Intro call with Hana Host is booked.',
      '',
      'When: Tue 10 Mar 2026, 14:00–14:30 (London time)',
      'With: Hana Host',
      `Join: https://meet.jit.si/momentum-${id}`,
      '',
      `Need to reschedule or cancel? ${manage}`,
    ].join('\n'),
    html: '<p>Your Intro call with Hana Host is booked.</p>',
    details: {
      headline: 'Your Intro call with Hana Host is booked.',
      facts: [
        { label: 'When', value: 'Tue 10 Mar 2026, 14:00–14:30 (London time)' },
        { label: 'With', value: 'Hana Host' },
      ],
      links: [
        { label: 'Join', url: `https://meet.jit.si/momentum-${id}` },
        { label: 'Reschedule or cancel', url: manage },
      ],
    },
    ...over,
  };
}

const reasonOf = (r: DeliveryResult) => ('reason' in r ? r.reason : '');

export function runChannelContract(name: string, setup: () => Promise<ChannelHarness>): void {
  describe(`${name} channel (contract)`, () => {
    let h: ChannelHarness;
    const arrived = (n: Notification) => h.accepted().filter((body) => body.includes(n.id));
    const reasons: string[] = [];
    beforeAll(async () => {
      h = await setup();
    });
    afterAll(async () => {
      await h?.close?.();
    });

    it('says whom it can reach', () => {
      expect(h.channel.canReach(h.reachable)).toBe(true);
      if (h.unreachable) expect(h.channel.canReach(h.unreachable)).toBe(false);
    });

    it('sends a notice: it arrives once, with the time and the link to act on', async () => {
      const n = sampleNotification(h.reachable);
      expect(await h.channel.send(n)).toMatchObject({ status: 'sent' });
      const got = arrived(n);
      expect(got).toHaveLength(1);
      expect(got[0]).toContain('14:00');
    });

    it('sends the same notification id once: a redelivered queue message is "already-sent"', async () => {
      const n = sampleNotification(h.reachable);
      expect((await h.channel.send(n)).status).toBe('sent');
      expect(await h.channel.send({ ...n, text: `${n.text}\n(again)` })).toEqual({ status: 'already-sent' });
      expect(arrived(n)).toHaveLength(1);
    });

    it('reports a recipient the vendor refuses for good as rejected, naming why, and sends nothing', async () => {
      const n = sampleNotification(h.refused.to);
      const result = await (h.refused.channel ?? h.channel).send(n);
      expect(result.status).toBe('rejected');
      expect(reasonOf(result)).toMatch(h.refused.reason);
      reasons.push(reasonOf(result));
      expect(arrived(n)).toHaveLength(0);
    });

    it('asks to try again after Retry-After when throttled, and sends on the next try', async () => {
      const n = sampleNotification(h.reachable);
      h.throttleNext(7);
      const first = await h.channel.send(n);
      expect(first.status).toBe('retry');
      const wait = first.status === 'retry' ? first.retryAfterSeconds : undefined;
      if (h.tellsRetryAfter === false) expect(wait).toBeGreaterThan(0);
      else expect(wait).toBe(7);
      reasons.push(reasonOf(first));
      expect(arrived(n)).toHaveLength(0);
      expect((await h.channel.send(n)).status).toBe('sent');
      expect(arrived(n)).toHaveLength(1);
    });

    it('asks to try again when the vendor has a server error', async () => {
      const n = sampleNotification(h.reachable);
      h.failNext();
      const result = await h.channel.send(n);
      expect(result.status).toBe('retry');
      reasons.push(reasonOf(result));
      expect((await h.channel.send(n)).status).toBe('sent');
    });

    it('says the credentials were refused without ever showing a secret', async () => {
      const n = sampleNotification(h.reachable);
      const { channel, secret, reason } = h.withWrongSecret;
      const result = await channel.send(n).catch((err: Error) => ({
        status: 'thrown',
        reason: `${err.message}\n${err.stack}\n${JSON.stringify(err)}`,
      }));
      expect(['rejected', 'retry']).toContain(result.status);
      expect(reasonOf(result as DeliveryResult)).toMatch(reason);
      reasons.push(reasonOf(result as DeliveryResult));
      for (const r of reasons) {
        expect(r.length).toBeGreaterThan(0);
        for (const s of [secret, ...h.secrets]) expect(r).not.toContain(s);
      }
    });
  });
}
