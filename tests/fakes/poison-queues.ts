import type { LeasedMessage, PoisonQueuePort, QueuedMessage } from '../../functions/jobs/jobs.js';

interface Stored extends QueuedMessage {
  popReceipt: string | null;
  hiddenUntil: number;
}

/**
 * Storage queues in memory, as the service behaves for the calls a poison queue needs: peek
 * leaves messages alone, receive hides them and counts a dequeue, a stale pop receipt is refused.
 */
export function fakePoisonQueues(now = () => Date.now()) {
  const queues = new Map<string, Stored[]>();
  let next = 0;
  const list = (queue: string) => {
    const messages = queues.get(queue) ?? [];
    queues.set(queue, messages);
    return messages;
  };
  const visible = (queue: string) => list(queue).filter((m) => m.hiddenUntil <= now());
  const leased = (queue: string, message: LeasedMessage) => {
    const stored = list(queue).find((m) => m.id === message.id);
    if (!stored || stored.popReceipt !== message.popReceipt) throw new Error('pop receipt does not match');
    return stored;
  };
  const port: PoisonQueuePort = {
    async peek(queue, max) {
      return visible(queue)
        .slice(0, max)
        .map(({ id, text, insertedOn, dequeueCount }) => ({ id, text, insertedOn, dequeueCount }));
    },
    async receive(queue, max, leaseSeconds) {
      return visible(queue)
        .slice(0, max)
        .map((m) => {
          m.dequeueCount += 1;
          m.popReceipt = `r${++next}`;
          m.hiddenUntil = now() + leaseSeconds * 1000;
          return {
            id: m.id,
            text: m.text,
            insertedOn: m.insertedOn,
            dequeueCount: m.dequeueCount,
            popReceipt: m.popReceipt,
          };
        });
    },
    async release(queue, message) {
      const stored = leased(queue, message);
      stored.hiddenUntil = 0;
      stored.popReceipt = null;
    },
    async delete(queue, message) {
      leased(queue, message);
      queues.set(
        queue,
        list(queue).filter((m) => m.id !== message.id),
      );
    },
  };
  return {
    port,
    /** Puts a message at the back of a queue, base64 JSON as the host writes it; returns its id. */
    add(queue: string, body: unknown, insertedOn = new Date(now())): string {
      const id = `m${++next}`;
      const text = typeof body === 'string' ? body : Buffer.from(JSON.stringify(body)).toString('base64');
      list(queue).push({ id, text, insertedOn, dequeueCount: 0, popReceipt: null, hiddenUntil: 0 });
      return id;
    },
    /** Everything in a queue, hidden or not, with its state. */
    contents: (queue: string) => list(queue).map((m) => ({ ...m })),
  };
}
