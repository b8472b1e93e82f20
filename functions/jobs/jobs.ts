import { notFound } from '../_shared/errors.js';
import { poisonQueueName, type QueueDefinition } from '../_shared/queue.js';
import { labelFor } from './labels.js';
import type { FailedJobDto, FailedJobList } from './schema.js';

/** A message as a peek sees it. */
export interface QueuedMessage {
  id: string;
  text: string;
  insertedOn: Date;
  dequeueCount: number;
}

/** A received message: hidden until its lease ends, and deletable with its pop receipt. */
export interface LeasedMessage extends QueuedMessage {
  popReceipt: string;
}

/** The few storage-queue operations a poison queue needs (Azurite / Azure Storage in deps.ts, a fake in tests). */
export interface PoisonQueuePort {
  /** Up to `max` messages from the front, touching nothing (a missing queue has none). */
  peek(queue: string, max: number): Promise<QueuedMessage[]>;
  /** Up to `max` visible messages, hidden for `leaseSeconds`. */
  receive(queue: string, max: number, leaseSeconds: number): Promise<LeasedMessage[]>;
  /** Makes a received message visible again at once. */
  release(queue: string, message: LeasedMessage): Promise<void>;
  delete(queue: string, message: LeasedMessage): Promise<void>;
}

export interface JobsDeps {
  /** Every queue a function consumes (read from the registrations table). */
  queues: () => readonly QueueDefinition[];
  poison: PoisonQueuePort;
  /** Sends a message on a queue through its definition (storage.ts `enqueue`). */
  enqueue: (definition: QueueDefinition, message: unknown) => Promise<void>;
}

/**
 * A peek reaches at most 32 messages (the service's limit for one call) and cannot page; going
 * further means receiving, which hides other owners' messages and counts a try against them.
 * So each poison queue is read with one peek, and the list says when it may be partial.
 */
export const PEEK_LIMIT = 32;
/** How long a retry holds the messages it receives while looking for its own. */
const LEASE_SECONDS = 30;
/** How many messages a retry receives at most while looking for its own (≤ 32 per call). */
const RECEIVE_LIMIT = 200;

/** Messages are base64 JSON as the Functions host writes them (host.json `messageEncoding`); plain JSON is read too. */
export function decodeMessage(text: string): unknown {
  const raw = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64').toString('utf8') : text;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** The message parsed by its queue's schema if it is the owner's; anything else (another owner, a malformed message) is not theirs. */
function ownMessage(
  definition: QueueDefinition,
  text: string,
  ownerId: string,
): Record<string, unknown> | null {
  const parsed = definition.schema.safeParse(decodeMessage(text));
  if (!parsed.success || typeof parsed.data !== 'object' || parsed.data === null) return null;
  const message = parsed.data as Record<string, unknown>;
  return message.ownerId === ownerId ? message : null;
}

function uniqueQueues(deps: JobsDeps): QueueDefinition[] {
  const byName = new Map<string, QueueDefinition>();
  for (const queue of deps.queues()) if (!byName.has(queue.name)) byName.set(queue.name, queue);
  return [...byName.values()];
}

/** The owner's jobs that failed every try, newest failure first, from every queue's poison twin. */
export async function listFailedJobs(ownerId: string, deps: JobsDeps): Promise<FailedJobList> {
  let partial = false;
  const perQueue = await Promise.all(
    uniqueQueues(deps).map(async (definition) => {
      const peeked = await deps.poison.peek(poisonQueueName(definition), PEEK_LIMIT);
      if (peeked.length >= PEEK_LIMIT) partial = true;
      const label = labelFor(definition.name);
      return peeked.flatMap((m): FailedJobDto[] => {
        const message = ownMessage(definition, m.text, ownerId);
        if (!message) return [];
        return [
          {
            id: m.id,
            queue: definition.name,
            kind: label.kind,
            what: label.describe(message as never),
            failedAt: m.insertedOn.toISOString(),
            dequeueCount: m.dequeueCount,
          },
        ];
      });
    }),
  );
  const items = perQueue
    .flat()
    .sort((a, b) => b.failedAt.localeCompare(a.failedAt) || a.id.localeCompare(b.id));
  return { items, partial };
}

const failedJobNotFound = () => notFound('The failed job');

/**
 * Puts the owner's failed message back on its queue: sent again through the queue's definition,
 * then deleted from the poison queue. Another owner's message, one already retried, or one the
 * list cannot see is a 404. Ownership is checked on a peek first, so asking for someone else's
 * job touches nothing; to delete, the message must be received (the only way to a pop receipt),
 * and the messages ahead of it are held for that moment and released at once.
 */
export async function retryFailedJob(
  ownerId: string,
  queue: string,
  id: string,
  deps: JobsDeps,
): Promise<void> {
  const definition = uniqueQueues(deps).find((q) => q.name === queue);
  if (!definition) throw failedJobNotFound();
  const poison = poisonQueueName(definition);
  const peeked = await deps.poison.peek(poison, PEEK_LIMIT);
  const position = peeked.findIndex((m) => m.id === id);
  if (position < 0 || !ownMessage(definition, peeked[position]!.text, ownerId)) throw failedJobNotFound();

  const held: LeasedMessage[] = [];
  let target: LeasedMessage | undefined;
  try {
    // Queues are close to first-in first-out: the message is usually within its peeked position.
    let want = position + 1;
    while (!target && held.length < RECEIVE_LIMIT) {
      const batch = await deps.poison.receive(poison, Math.min(want, PEEK_LIMIT), LEASE_SECONDS);
      if (batch.length === 0) break;
      for (const m of batch) {
        if (m.id === id && !target) target = m;
        else held.push(m);
      }
      want = PEEK_LIMIT;
    }
    if (!target) throw failedJobNotFound();
    const message = ownMessage(definition, target.text, ownerId);
    if (!message) throw failedJobNotFound();
    await deps.enqueue(definition, message);
    await deps.poison.delete(poison, target);
    target = undefined;
  } finally {
    // Whatever was received and not moved is visible again at once (a failed release ends with its lease).
    const release = target ? [...held, target] : held;
    await Promise.allSettled(release.map((m) => deps.poison.release(poison, m)));
  }
}
