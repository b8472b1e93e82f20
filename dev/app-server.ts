import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { PRINCIPAL_HEADER } from '../functions/_shared/auth.js';
import type { createDevAuth } from './dev-auth.js';
import type { ApiRequest, ApiResponse } from './host.js';
import { applyRouteRules, type SwaConfig, usesNavigationFallback } from './swa-rules.js';

/** Static Web Apps caps request bodies at 100 MB; the API's own limits are lower. */
const MAX_BODY_BYTES = 100 * 1024 * 1024;

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface AppServerOptions {
  swaConfig: SwaConfig;
  auth: ReturnType<typeof createDevAuth>;
  dispatch: (req: ApiRequest) => Promise<ApiResponse>;
  /** Vite's dev middleware, or undefined to serve the built SPA from `staticDir`. */
  spa?: Middleware;
  staticDir?: string;
}

/**
 * One origin, like Static Web Apps: `/.auth/*` sign-in, route rules and roles from
 * staticwebapp.config.json, `/api/*` to the Functions host with `x-ms-client-principal`,
 * everything else to the SPA.
 */
export function createAppServer(options: AppServerOptions): Server {
  const { swaConfig, auth, dispatch } = options;
  // Node closes an idle kept-alive connection after 5 s; a client busy for longer (a browser tab
  // in the background, a test building a large file) then sends its next request on a socket the
  // server already closed and gets ECONNRESET. Keep idle connections as long as browsers do.
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('Request failed:', err);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const method = (req.method ?? 'GET').toUpperCase();
    // Never trust a principal the browser sends; only the platform sets this header.
    delete req.headers[PRINCIPAL_HEADER];
    const globalHeaders = { ...(swaConfig.globalHeaders ?? {}) };
    // Vite's dev client injects inline scripts; the built SPA gets the full policy.
    if (options.spa) delete globalHeaders['content-security-policy'];

    const principal = auth.principalHeader(req);
    const session = auth.sessionFrom(req);
    const roles = session ? session.principal.userRoles : ['anonymous'];
    const decision = applyRouteRules(swaConfig, method, url.pathname, roles);
    if (decision.action === 'respond') {
      const headers: Record<string, string> = { ...globalHeaders, 'cache-control': 'no-store' };
      if (decision.location) headers.location = decision.location;
      if (url.pathname.startsWith('/api/')) {
        headers['content-type'] = 'application/json';
        res.writeHead(decision.status, headers);
        const code =
          decision.status === 401 ? 'UNAUTHENTICATED' : decision.status === 403 ? 'FORBIDDEN' : 'ROUTE_RULE';
        return void res.end(JSON.stringify({ error: { code, message: decision.reason } }));
      }
      res.writeHead(decision.status, headers);
      return void res.end(decision.location ? '' : decision.reason);
    }
    // Rules apply to /.auth too: that is how a provider is switched off.
    if (url.pathname.startsWith('/.auth/')) return auth.handle(req, res, url);
    const pathname = decision.rewrite ?? url.pathname;
    const routeHeaders = { ...decision.headers };
    // The same for a route's own policy (the embeddable booking page's).
    if (options.spa) delete routeHeaders['content-security-policy'];

    if (pathname.startsWith('/api/') || pathname === '/api') {
      const body = await readBody(req);
      if (body === 'too-large') {
        res.writeHead(413, { 'content-type': 'application/json' });
        return void res.end(
          JSON.stringify({
            error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request is larger than 100 MB.' },
          }),
        );
      }
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers[key] = value;
        else if (Array.isArray(value)) headers[key] = value.join(', ');
      }
      if (principal) headers[PRINCIPAL_HEADER] = principal;
      // As Static Web Apps does: the caller's address reaches the function (per-client rate limits).
      headers['x-forwarded-for'] = req.socket.remoteAddress ?? 'unknown';
      const apiUrl = new URL(url.href);
      apiUrl.pathname = pathname;
      const response = await dispatch({ method, url: apiUrl, headers, body });
      res.writeHead(response.status, { ...globalHeaders, ...routeHeaders, ...response.headers });
      return void res.end(Buffer.from(response.body));
    }

    for (const [key, value] of Object.entries({ ...globalHeaders, ...routeHeaders }))
      res.setHeader(key, value);
    if (options.spa) {
      return options.spa(req, res, () => {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not found');
      });
    }
    serveStatic(res, options.staticDir ?? 'web/dist', pathname, usesNavigationFallback(swaConfig, pathname));
  }

  function serveStatic(res: ServerResponse, root: string, pathname: string, fallback: boolean): void {
    const resolved = path.resolve(root, `.${decodeURIComponent(pathname)}`);
    const inside = resolved.startsWith(path.resolve(root));
    let file = inside && existsSync(resolved) && statSync(resolved).isFile() ? resolved : undefined;
    if (!file && fallback)
      file = path.resolve(root, (swaConfig.navigationFallback?.rewrite ?? '/index.html').slice(1));
    if (!file || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('Not found');
    }
    res.writeHead(200, { 'content-type': contentType(file) });
    createReadStream(file).pipe(res);
  }
}

async function readBody(req: IncomingMessage): Promise<Uint8Array | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return 'too-large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};
const contentType = (file: string) => TYPES[path.extname(file)] ?? 'application/octet-stream';
