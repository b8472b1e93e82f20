import type { z } from 'zod';

/**
 * One storage queue: its name and the schema of its messages. A capability defines each queue
 * it consumes once (in its own queue.ts); the trigger (registerQueue) and every producer
 * (enqueue) take this definition, so the name and the message shape cannot drift apart.
 */
export interface QueueDefinition<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly schema: S;
}

export type QueueMessage<Q extends QueueDefinition> = z.infer<Q['schema']>;

export function defineQueue<S extends z.ZodType>(name: string, schema: S): QueueDefinition<S> {
  return { name, schema };
}

/** The queue the host moves a message to after its last failed try. */
export const poisonQueueName = (queue: QueueDefinition | string): string =>
  `${typeof queue === 'string' ? queue : queue.name}-poison`;

/**
 * W3C trace context carried inside a queue message (`_trace`), so one trace follows a request
 * from HTTP to the queue to the worker and its provider calls. Empty (and left out) when no
 * telemetry is configured.
 */
export const TRACE_FIELD = '_trace';
export type TraceCarrier = Record<string, string>;
