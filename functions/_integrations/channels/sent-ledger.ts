import type { DeliveryResult, Notification, NotificationChannel } from './channel.js';

/**
 * Sends once per notification id. SMS, WhatsApp, Slack and Teams have no idempotency key of their
 * own (Twilio's Messages API, Graph and chat.postMessage all send a second copy of a repeated
 * request), so a redelivered queue message would text the person twice. Each send claims its id
 * in a ledger first; a claim that went out is kept. One that was refused or must be retried is
 * released: a refusal costs nothing to hear again, and one caused by the connection (a revoked
 * token) must not outlive the owner's fix.
 */
export interface SentLedger {
  /**
   * 'claimed': go ahead; 'sent': it went before; 'in-flight': another worker holds it. The
   * notification and channel are given so a durable ledger can keep them as the delivery record.
   */
  claim(key: string, notification: Notification, channel: string): Promise<'claimed' | 'sent' | 'in-flight'>;
  /** `result` is what the channel said (absent when the send threw). */
  settle(key: string, outcome: 'sent' | 'released', result?: DeliveryResult): Promise<void>;
}

/** Entries kept by the in-memory ledger before the oldest are forgotten. */
const MEMORY_LEDGER_LIMIT = 50_000;

/**
 * The ledger in this process's memory: enough for one worker and for tests. A durable one (the
 * delivery records the notifications log reads, in Cosmos) implements the same two calls.
 */
export function createMemorySentLedger(limit = MEMORY_LEDGER_LIMIT): SentLedger {
  const entries = new Map<string, 'in-flight' | 'sent'>();
  return {
    async claim(key) {
      const held = entries.get(key);
      if (held) return held;
      entries.set(key, 'in-flight');
      // Map keeps insertion order: the first key is the oldest.
      if (entries.size > limit) entries.delete(entries.keys().next().value!);
      return 'claimed';
    },
    async settle(key, outcome) {
      if (outcome === 'released') entries.delete(key);
      else entries.set(key, outcome);
    },
  };
}

/** The channel, sending each notification id at most once (per owner and channel). */
export function sendOnce(channel: NotificationChannel, ledger: SentLedger): NotificationChannel {
  return {
    name: channel.name,
    canReach: (to) => channel.canReach(to),
    async send(n): Promise<DeliveryResult> {
      const key = `${channel.name}:${n.ownerId}:${n.id}`;
      const claim = await ledger.claim(key, n, channel.name);
      if (claim === 'sent') return { status: 'already-sent' };
      if (claim === 'in-flight')
        return { status: 'retry', reason: 'This notification is being sent by another worker.' };
      let result: DeliveryResult;
      try {
        result = await channel.send(n);
      } catch (err) {
        await ledger.settle(key, 'released', {
          status: 'retry',
          reason: `The ${channel.name} channel failed: ${(err as Error).message}`,
        });
        throw err;
      }
      await ledger.settle(
        key,
        result.status === 'sent' || result.status === 'already-sent' ? 'sent' : 'released',
        result,
      );
      return result;
    },
  };
}
