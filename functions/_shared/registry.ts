import { createRequire } from 'node:module';
import type {
  HttpFunctionOptions,
  HttpHandler,
  StorageQueueFunctionOptions,
  StorageQueueHandler,
  TimerFunctionOptions,
  TimerHandler,
} from '@azure/functions';
import azureFunctions from '@azure/functions';

/**
 * One table of every function in the app. Each `functions/<capability>/function.ts` registers
 * here; the Azure host receives the same registrations through `app.*`, and the local host in
 * dev/ reads this table (outside the real host @azure/functions registers nothing).
 */
export type Registration =
  | { kind: 'http'; name: string; options: HttpFunctionOptions & { route: string; methods: HttpMethod[] } }
  | { kind: 'queue'; name: string; options: StorageQueueFunctionOptions }
  | { kind: 'timer'; name: string; options: TimerFunctionOptions };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

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

export function registerHttp(
  name: string,
  options: { route: string; methods: HttpMethod[]; handler: HttpHandler },
): void {
  const full = { ...options, authLevel: 'anonymous' as const };
  registrations.push({ kind: 'http', name, options: full });
  if (azure) azureFunctions.app.http(name, full);
}

export function registerQueue(
  name: string,
  options: { queueName: string; handler: StorageQueueHandler },
): void {
  const full = { ...options, connection: 'AzureWebJobsStorage' };
  registrations.push({ kind: 'queue', name, options: full });
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
