import { type DequeuedMessageItem, QueueClient } from '@azure/storage-queue';
import type { Registration } from '../functions/_shared/registry.js';
import { type Logger, makeContext } from './host.js';

export interface QueueRunnerOptions {
  connectionString: string;
  log: Logger;
  /** Tries before a message moves to `<queue>-poison` (host.json `maxDequeueCount`, default 5). */
  maxDequeueCount?: number;
  batchSize?: number;
  /**
   * A new batch is fetched once this many or fewer of the queue's messages are still running
   * (host.json `newBatchThreshold`, default half a batch), so one slow message does not hold up
   * the next batch.
   */
  newBatchThreshold?: number;
  /** How long a received message stays hidden; renewed while the function runs. */
  leaseSeconds?: number;
  /** Longest pause between polls of an empty queue (the host backs off the same way). */
  maxPollMs?: number;
}

type QueueRegistration = Extract<Registration, { kind: 'queue' }>;

/**
 * Polls Azurite for each queue trigger like the Functions host: fetches up to `batchSize`
 * messages and the next batch once no more than `newBatchThreshold` are still running, hides a
 * message while its function runs, deletes it on success, makes it visible again on failure, and
 * after `maxDequeueCount` tries moves it to `<queue>-poison`.
 */
export function startQueueTriggers(registrations: readonly Registration[], options: QueueRunnerOptions) {
  const {
    connectionString,
    log,
    maxDequeueCount = 5,
    batchSize = 4,
    newBatchThreshold = Math.floor(batchSize / 2),
    leaseSeconds = 60,
    maxPollMs = 2000,
  } = options;
  let stopping = false;
  const inFlight = new Set<Promise<void>>();
  const sleepers = new Set<() => void>();
  // A pause between polls that stop() cuts short, so Ctrl-C does not wait out the back-off.
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  const loops: Promise<void>[] = [];

  const queueRegs = registrations.filter((r): r is QueueRegistration => r.kind === 'queue');
  for (const reg of queueRegs) {
    const queue = new QueueClient(connectionString, reg.options.queueName);
    const poison = new QueueClient(connectionString, `${reg.options.queueName}-poison`);
    loops.push(pollLoop(reg, queue, poison));
  }

  async function pollLoop(reg: QueueRegistration, queue: QueueClient, poison: QueueClient) {
    await queue.createIfNotExists();
    const running = new Set<Promise<void>>();
    let idleMs = 100;
    while (!stopping) {
      let messages: DequeuedMessageItem[] = [];
      try {
        const res = await queue.receiveMessages({
          numberOfMessages: batchSize,
          visibilityTimeout: leaseSeconds,
        });
        messages = res.receivedMessageItems;
      } catch (err) {
        if (!stopping)
          log(`[${reg.name}] could not poll queue ${reg.options.queueName}: ${(err as Error).message}`);
      }
      if (messages.length === 0) {
        await idle(idleMs);
        idleMs = Math.min(idleMs * 2, maxPollMs);
        continue;
      }
      idleMs = 100;
      for (const m of messages) {
        const run = track(runOne(reg, queue, poison, m));
        running.add(run);
        void run.finally(() => running.delete(run));
      }
      while (running.size > newBatchThreshold) await Promise.race(running);
    }
  }

  function track(p: Promise<void>): Promise<void> {
    inFlight.add(p);
    return p.finally(() => inFlight.delete(p));
  }

  async function runOne(
    reg: QueueRegistration,
    queue: QueueClient,
    poison: QueueClient,
    m: DequeuedMessageItem,
  ) {
    let popReceipt = m.popReceipt;
    const renew = setInterval(
      async () => {
        try {
          popReceipt = (await queue.updateMessage(m.messageId, popReceipt, undefined, leaseSeconds))
            .popReceipt!;
        } catch {
          // The message was deleted or its lease lost; the next delete or update will say so.
        }
      },
      (leaseSeconds * 1000) / 2,
    );
    const started = performance.now();
    const ctx = makeContext(reg.name, { trigger: { type: 'queueTrigger', name: 'message' } }, log, {
      triggerMetadata: {
        id: m.messageId,
        dequeueCount: m.dequeueCount,
        insertionTime: m.insertedOn.toISOString(),
        expirationTime: m.expiresOn.toISOString(),
        nextVisibleTime: m.nextVisibleOn.toISOString(),
        popReceipt: m.popReceipt,
      },
    });
    try {
      await reg.options.handler(decode(m.messageText), ctx);
      clearInterval(renew);
      await queue.deleteMessage(m.messageId, popReceipt);
      log(
        `Executed '${reg.name}' (Succeeded, try ${m.dequeueCount}, ${(performance.now() - started).toFixed(0)} ms)`,
      );
    } catch (err) {
      clearInterval(renew);
      const ms = (performance.now() - started).toFixed(0);
      log(
        `Executed '${reg.name}' (Failed, try ${m.dequeueCount}/${maxDequeueCount}, ${ms} ms): ${(err as Error).message}`,
      );
      try {
        if (m.dequeueCount >= maxDequeueCount) {
          await poison.createIfNotExists();
          await poison.sendMessage(m.messageText);
          await queue.deleteMessage(m.messageId, popReceipt);
          log(
            `Moved message ${m.messageId} to ${reg.options.queueName}-poison after ${m.dequeueCount} tries`,
          );
        } else {
          await queue.updateMessage(m.messageId, popReceipt, undefined, 0);
        }
      } catch (moveErr) {
        log(`[${reg.name}] could not release message ${m.messageId}: ${(moveErr as Error).message}`);
      }
    }
  }

  return {
    /** Stops polling and waits for running functions to finish (up to `graceMs`). */
    async stop(graceMs = 10_000): Promise<void> {
      stopping = true;
      for (const wake of sleepers) wake();
      await Promise.race([Promise.all([...loops, ...inFlight]), sleep(graceMs)]);
    },
  };
}

/** The host hands a queue trigger the parsed JSON when the (base64) message holds JSON. */
function decode(text: string): unknown {
  const raw = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64').toString('utf8') : text;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
