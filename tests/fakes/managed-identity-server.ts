import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for App Service's managed identity endpoint — what `IDENTITY_ENDPOINT` and
 * `IDENTITY_HEADER` point MSAL at inside a Function App: `GET {endpoint}?api-version=2019-08-01&
 * resource=…&client_id=…` with the `X-IDENTITY-HEADER` secret → `{ access_token, expires_on,
 * resource, token_type, client_id }`; a wrong header → 401. Each token names the resource it is for.
 */
export interface FakeManagedIdentity {
  endpoint: string;
  header: string;
  /** The token it hands out for a resource. */
  tokenFor(resource: string): string;
  /** Every request: the resource and the user-assigned identity's client id asked for. */
  requests: { resource: string | null; clientId: string | null }[];
  close(): Promise<void>;
}

export async function startFakeManagedIdentity(): Promise<FakeManagedIdentity> {
  const header = randomBytes(16).toString('hex');
  const salt = randomBytes(8).toString('hex');
  const tokenFor = (resource: string) => `mi.${Buffer.from(`${resource}:${salt}`).toString('base64url')}`;
  const requests: FakeManagedIdentity['requests'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers['x-identity-header'] !== header)
      return send(401, {
        error: 'unauthorized',
        error_description: 'The identity header is missing or wrong.',
      });
    const resource = url.searchParams.get('resource');
    requests.push({ resource, clientId: url.searchParams.get('client_id') });
    if (!resource) return send(400, { error: 'invalid_request', error_description: 'resource is required.' });
    send(200, {
      access_token: tokenFor(resource),
      expires_on: String(Math.floor(Date.now() / 1000) + 3600),
      resource,
      token_type: 'Bearer',
      client_id: url.searchParams.get('client_id') ?? '',
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`,
    header,
    tokenFor,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
