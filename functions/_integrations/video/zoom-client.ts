import { AppError } from '../../_shared/errors.js';
import type { VideoSettings } from './video-provider.js';

/**
 * Zoom's REST API v2 with a Server-to-Server OAuth app: the token (account_credentials grant,
 * Basic client id:secret) is cached per app and replaced before it expires or once after a 401;
 * a 429 is waited out for Retry-After, a bounded number of times. Every failure is a 503 AppError
 * in Zoom's own words, and never carries the client secret.
 */

/** A token is replaced this long before Zoom says it expires (tokens live one hour). */
const TOKEN_MARGIN_MS = 5 * 60_000;
/** 429s retried per call, and the longest Retry-After waited for; beyond, the caller is told. */
const RATE_LIMIT_RETRIES = 2;
const RATE_LIMIT_MAX_WAIT_MS = 10_000;

export interface ZoomDeps {
  fetch?: typeof fetch;
  /** Milliseconds since the epoch; injected so token expiry can be tested. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Token {
  value: string;
  expiresAt: number;
}

// Tokens are per app, shared by every provider instance in the process (CONVENTIONS §3): a new
// token per booking would cost a round trip and count against Zoom's token rate limit.
const tokenCache = new Map<string, Promise<Token>>();

/** Tests start each case with no cached token. */
export function clearZoomTokensForTests(): void {
  tokenCache.clear();
}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

function baseUrl(name: string, value: string): string {
  const url = new URL(value);
  if (url.protocol !== 'https:' && !isLoopback(url)) throw new Error(`${name} must be an https address`);
  return url.href.replace(/\/+$/, '');
}

/** Zoom's error body is `{ code, message }` on the API and `{ error, reason }` on the OAuth server. */
export async function zoomReason(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { code?: number; message?: string; reason?: string; error?: string };
    return [body.message ?? body.reason ?? body.error, body.code && `code ${body.code}`]
      .filter(Boolean)
      .join(', ');
  } catch {
    return text.slice(0, 200);
  }
}

/** Retry-After as seconds or as a date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface ZoomClient {
  /** One API call (`path` under /v2); `what` completes "Zoom could not …" in errors. */
  request(method: string, path: string, what: string, body?: unknown): Promise<Response>;
  /** The error to throw for a refusal, in Zoom's words. */
  fail(what: string, detail: string, next?: string): AppError;
}

export function createZoomClient(settings: VideoSettings, deps: ZoomDeps = {}): ZoomClient {
  const { ZOOM_ACCOUNT_ID: accountId, ZOOM_CLIENT_ID: clientId, ZOOM_CLIENT_SECRET: secret } = settings;
  if (!accountId || !clientId || !secret)
    throw new Error('Zoom needs ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET');
  const api = `${baseUrl('ZOOM_API_URL', settings.ZOOM_API_URL ?? 'https://api.zoom.us')}/v2`;
  const oauth = baseUrl('ZOOM_OAUTH_URL', settings.ZOOM_OAUTH_URL ?? 'https://zoom.us');
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const cacheKey = `${oauth}\n${accountId}\n${clientId}`;
  // Nothing we show may carry the secret, even if a server echoed it back.
  const clean = (text: string) => text.split(secret).join('***');
  const fail = (what: string, detail: string, next = 'try again in a minute') =>
    new AppError('UNAVAILABLE', clean(`Zoom could not ${what}: ${detail}. Please ${next}.`));

  async function call(url: string, init: RequestInit, what: string): Promise<Response> {
    try {
      return await doFetch(url, init);
    } catch (err) {
      throw fail(what, `Zoom did not answer (${(err as Error).message})`);
    }
  }

  async function requestToken(): Promise<Token> {
    const url = `${oauth}/oauth/token?${new URLSearchParams({ grant_type: 'account_credentials', account_id: accountId! })}`;
    const basic = Buffer.from(`${clientId}:${secret}`).toString('base64');
    const res = await call(url, { method: 'POST', headers: { authorization: `Basic ${basic}` } }, 'sign in');
    if (!res.ok)
      throw fail(
        'sign in',
        `${res.status} ${await zoomReason(res)}`,
        'check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET against the Zoom app, and that the app is activated',
      );
    const body = (await res.json()) as { access_token: string; expires_in: number };
    return { value: body.access_token, expiresAt: now() + body.expires_in * 1000 };
  }

  /** A live token; `stale` is one Zoom just refused, so a newer one is fetched. */
  async function token(stale?: string): Promise<string> {
    const current = tokenCache.get(cacheKey);
    if (current) {
      const t = await current.catch(() => undefined);
      if (t && t.value !== stale && t.expiresAt - TOKEN_MARGIN_MS > now()) return t.value;
      if (tokenCache.get(cacheKey) !== current) return token(stale); // refreshed meanwhile
    }
    const next = requestToken();
    tokenCache.set(cacheKey, next);
    next.catch(() => tokenCache.get(cacheKey) === next && tokenCache.delete(cacheKey));
    return (await next).value;
  }

  /** One API call: a refused token is replaced once, a 429 waited out a bounded number of times. */
  async function zoom(method: string, path: string, what: string, body?: unknown): Promise<Response> {
    let bearer = await token();
    let renewed = false;
    for (let throttled = 0; ; ) {
      const res = await call(
        `${api}${path}`,
        {
          method,
          headers: {
            authorization: `Bearer ${bearer}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        },
        what,
      );
      if (res.status === 401 && !renewed) {
        await res.body?.cancel();
        renewed = true;
        bearer = await token(bearer);
        continue;
      }
      if (res.status === 429) {
        const wait = retryAfterMs(res.headers.get('retry-after'), now()) ?? 1000 * 2 ** throttled;
        if (throttled < RATE_LIMIT_RETRIES && wait <= RATE_LIMIT_MAX_WAIT_MS) {
          await res.body?.cancel();
          throttled++;
          await sleep(wait);
          continue;
        }
        throw fail(what, `Zoom's rate limit was reached (${await zoomReason(res)})`, 'try again later');
      }
      return res;
    }
  }

  return { request: zoom, fail };
}
