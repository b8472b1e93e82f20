import { RestError } from '@azure/storage-queue';
import { listRegistrations } from '../_shared/registry.js';
import { enqueue, getQueue } from '../_shared/storage.js';
import type { JobsDeps, PoisonQueuePort } from './jobs.js';

/** Poison queues in Azure Storage (Azurite locally). */
export const storagePoisonQueues: PoisonQueuePort = {
  async peek(queue, max) {
    try {
      const { peekedMessageItems } = await (await getQueue(queue)).peekMessages({ numberOfMessages: max });
      return peekedMessageItems.map((m) => ({
        id: m.messageId,
        text: m.messageText,
        insertedOn: m.insertedOn,
        dequeueCount: m.dequeueCount,
      }));
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 404) return [];
      throw err;
    }
  },
  async receive(queue, max, leaseSeconds) {
    const { receivedMessageItems } = await (await getQueue(queue)).receiveMessages({
      numberOfMessages: max,
      visibilityTimeout: leaseSeconds,
    });
    return receivedMessageItems.map((m) => ({
      id: m.messageId,
      text: m.messageText,
      insertedOn: m.insertedOn,
      dequeueCount: m.dequeueCount,
      popReceipt: m.popReceipt,
    }));
  },
  async release(queue, message) {
    await (await getQueue(queue)).updateMessage(message.id, message.popReceipt, undefined, 0);
  },
  async delete(queue, message) {
    await (await getQueue(queue)).deleteMessage(message.id, message.popReceipt);
  },
};

export const jobsDeps = (): JobsDeps => ({
  queues: () => listRegistrations().flatMap((r) => (r.kind === 'queue' ? [r.queue] : [])),
  poison: storagePoisonQueues,
  enqueue: (definition, message) => enqueue(definition, message as never),
});
