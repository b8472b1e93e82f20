import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { inject } from 'vitest';
import { createAppServer } from '../../../dev/app-server.js';
import { createDevAuth } from '../../../dev/dev-auth.js';
import { createHttpDispatcher, loadFunctions } from '../../../dev/host.js';
import { loadSwaConfig } from '../../../dev/swa-rules.js';
import { resetConfigForTests } from '../../../functions/_shared/config.js';
import { resetCosmosForTests } from '../../../functions/_shared/cosmos/client.js';
import { resetSecretKeysForTests } from '../../../functions/_shared/secret-box.js';
import { resetSigningKeysForTests } from '../../../functions/_shared/signed-token.js';
import { resetStorageForTests } from '../../../functions/_shared/storage.js';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * Points this test file at the shared emulators, with a database of its own so files never see
 * each other's data. Settings are read once per process, so they are reset here.
 */
export function useEmulators(settings: Record<string, string> = {}): { database: string } {
  const database = `test-${randomUUID().slice(0, 8)}`;
  Object.assign(process.env, {
    COSMOS_ENDPOINT: inject('cosmosEndpoint'),
    COSMOS_KEY: inject('cosmosKey'),
    COSMOS_DISABLE_ENDPOINT_DISCOVERY: 'true',
    COSMOS_DATABASE: database,
    AzureWebJobsStorage: inject('storageConnectionString'),
    SIGNING_KEYS: `test:${randomBytes(32).toString('base64')}`,
    CREDENTIAL_KEYS: `test:${randomBytes(32).toString('base64')}`,
    ...settings,
  });
  resetConfigForTests();
  resetSigningKeysForTests();
  resetSecretKeysForTests();
  resetCosmosForTests();
  resetStorageForTests();
  return { database };
}

export interface TestApp {
  url: string;
  /** Signs in through the dev sign-in page and returns a fetch bound to that session. */
  signIn(email: string, name?: string): Promise<Session>;
  anonymous: Session;
  /** Every line the functions logged, as the host would write them. */
  logs: readonly string[];
  close(): Promise<void>;
}

/** A fetch Response whose JSON is typed by the caller (tests assert its shape). */
// biome-ignore lint/suspicious/noExplicitAny: the assertions check the shape
export type JsonResponse = Omit<Response, 'json'> & { json<T = any>(): Promise<T> };

export interface Session {
  fetch(pathname: string, init?: RequestInit): Promise<JsonResponse>;
  cookie: string;
}

/**
 * The app as a browser meets it: the same server `npm start` runs (route rules, dev sign-in,
 * `x-ms-client-principal`) in front of the real function registrations — without the SPA.
 */
export async function startTestApp(): Promise<TestApp> {
  const logs: string[] = [];
  const registrations = await loadFunctions(path.join(root, 'functions'));
  const dispatch = createHttpDispatcher(registrations, (line) => logs.push(line));
  const server = createAppServer({
    swaConfig: loadSwaConfig(path.join(root, 'staticwebapp.config.json')),
    auth: createDevAuth(randomBytes(32)),
    dispatch,
    staticDir: path.join(root, 'web/dist'),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const session = (cookie: string): Session => ({
    cookie,
    fetch: (pathname, init = {}) =>
      fetch(url + pathname, {
        redirect: 'manual',
        ...init,
        headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string>) },
      }) as Promise<JsonResponse>,
  });

  return {
    url,
    anonymous: session(''),
    logs,
    async signIn(email, name = email.split('@')[0]!) {
      const res = await fetch(`${url}/.auth/login/dev`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email, name, post_login_redirect_uri: '/contacts' }),
      });
      const cookie = res.headers.get('set-cookie')?.split(';')[0];
      if (res.status !== 302 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
      return session(cookie);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
