import { createSign, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import azureFunctions from '@azure/functions';
import { resetConfigForTests } from '../../../functions/_shared/config.js';
import { listRegistrations } from '../../../functions/_shared/registry.js';
import { resetBotAdapterForTests } from '../../../functions/bot/adapter.js';

export const BOT_APP_ID = '5f0c9a3e-0000-4000-8000-00000000a551';
const TENANT = '72f988bf-0000-4000-8000-0000000000aa';

export interface BotService {
  /** Posts an activity to /api/messages as Bot Service does: with its signed token for the bot. */
  post(activity: Record<string, unknown>): Promise<azureFunctions.HttpResponseInit>;
  /** Stops vouching: the bot is anonymous again (no app id), as on this machine by default. */
  close(): Promise<void>;
}

/**
 * The bot configured with an app id (BOT_APP_ID, BOT_TENANT_ID, BOT_AUTHORITY) and Entra's signing
 * keys served locally, so activities can carry a Bot Service token the adapter verifies. The
 * activity goes straight to the registered handler (the test app's host reads settings at start).
 */
export async function startBotService(): Promise<BotService> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
  const server = createServer((req, res) => {
    if (req.url === `/${TENANT}/discovery/v2.0/keys`) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, { BOT_APP_ID, BOT_TENANT_ID: TENANT, BOT_AUTHORITY: authority });
  resetConfigForTests();
  resetBotAdapterForTests();
  const sign = (claims: Record<string, unknown>) => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const body = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'test-key' })}.${b64(claims)}`;
    return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url')}`;
  };
  const handler = listRegistrations().find((r) => r.name === 'bot-messages')!.options as {
    handler: azureFunctions.HttpHandler;
  };
  return {
    async post(activity) {
      const now = Math.floor(Date.now() / 1000);
      const token = sign({
        aud: BOT_APP_ID,
        iss: `${authority}/${TENANT}/v2.0`,
        tid: TENANT,
        iat: now,
        nbf: now,
        exp: now + 3600,
      });
      return handler.handler(
        new azureFunctions.HttpRequest({
          method: 'POST',
          url: 'http://localhost/api/messages',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: { string: JSON.stringify(activity) },
        }),
        new azureFunctions.InvocationContext({ functionName: 'bot-messages' }),
      );
    },
    async close() {
      for (const name of ['BOT_APP_ID', 'BOT_TENANT_ID', 'BOT_AUTHORITY']) delete process.env[name];
      resetConfigForTests();
      resetBotAdapterForTests();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
