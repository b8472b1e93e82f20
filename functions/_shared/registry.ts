import { createRequire } from 'node:module';
import type {
  HttpFunctionOptions,
  HttpHandler,
  InvocationContext,
  StorageQueueFunctionOptions,
  StorageQueueHandler,
  TimerFunctionOptions,
  TimerHandler,
} from '@azure/functions';
import azureFunctions from '@azure/functions';
import type { QueueDefinition, QueueMessage } from './queue.js';
import { inMessageTrace, startTelemetry } from './telemetry.js';

/**
 * One table of every function in the app. Each `functions/<capability>/function.ts` registers
 * here; the Azure host receives the same registrations through `app.*`, and the local host in
 * dev/ reads this table (outside the real host @azure/functions registers nothing).
 */
export type Registration =
  | {
      kind: 'http';
      name: string;
      options: HttpFunctionOptions & { route: string; methods: HttpMethod[] };
      /** How callers authenticate: a signed-in user unless the registration says otherwise. */
      access: HttpAccess;
    }
  | {
      kind: 'queue';
      name: string;
      options: StorageQueueFunctionOptions;
      /** The queue's definition, so its failed messages can be read back with its own schema. */
      queue: QueueDefinition;
    }
  | { kind: 'timer'; name: string; options: TimerFunctionOptions };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * `user`: the Static Web Apps principal (withUser). A public route names what protects it instead:
 * `open` (nothing to protect: health), `signed-token` (an HMAC link), `signature` (a verified
 * webhook), `bot-jwt` (Bot Service token). The route sweep test calls every `user` route without
 * a principal and expects 401.
 */
export type HttpAccess = 'user' | 'open' | 'signed-token' | 'signature' | 'bot-jwt';

const registrations: Registration[] = [];

function inAzureHost(): boolean {
  try {
    // The Functions worker injects this module into require(); it exists nowhere else.
    createRequire(import.meta.url)('@azure/functions-core');
    return true;
  } catch {
    return false;
  }
}
const azure = inAzureHost();

// Telemetry starts when the host loads the app: every function registers through this module
// (a no-op without an Application Insights connection string).
startTelemetry().catch((err: Error) => console.error(`Telemetry did not start: ${err.message}`));

export function registerHttp(
  name: string,
  options: { route: string; methods: HttpMethod[]; handler: HttpHandler; access?: HttpAccess },
): void {
  const { access = 'user', ...rest } = options;
  const full = { ...rest, authLevel: 'anonymous' as const };
  registrations.push({ kind: 'http', name, options: full, access });
  if (azure) azureFunctions.app.http(name, full);
}

/**
 * A queue trigger over a queue definition: the handler receives the message parsed by the
 * queue's schema. A message that does not fit throws, so after its tries it lands in
 * `<queue>-poison` rather than being half-handled.
 */
export function registerQueue<Q extends QueueDefinition>(
  name: string,
  queue: Q,
  handler: (message: QueueMessage<Q>, ctx: InvocationContext) => Promise<void>,
): void {
  const parsing: StorageQueueHandler = (message, ctx) =>
    inMessageTrace(queue.name, message, () => handler(queue.schema.parse(message) as QueueMessage<Q>, ctx));
  const full = { queueName: queue.name, handler: parsing, connection: 'AzureWebJobsStorage' };
  registrations.push({ kind: 'queue', name, options: full, queue });
  if (azure) azureFunctions.app.storageQueue(name, full);
}

export function registerTimer(name: string, options: { schedule: string; handler: TimerHandler }): void {
  registrations.push({ kind: 'timer', name, options });
  if (azure) azureFunctions.app.timer(name, options);
}

export function listRegistrations(): readonly Registration[] {
  return registrations;
}

export type { HttpHandler, StorageQueueHandler, TimerHandler };
