import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { OAuth2Client } from 'google-auth-library';
import { getConfig } from '../../_shared/config.js';
import type { CalendarCredentials } from './calendar-provider.js';
import { CalendarConnectionExpiredError } from './calendar-provider.js';

/**
 * What every Google call shares: the OAuth client built from the app's settings, the Calendar API
 * client (rootUrl set on the service — the global google.options({rootUrl}) is ignored), and one
 * way to call it: refreshed tokens handed back, a 401 answered by one refresh, rate limits waited
 * out within bounds, and errors a person can act on.
 */

/** A refresh refused with invalid_grant: the organizer removed access, or the grant lapsed. */
export class GoogleConnectionExpiredError extends CalendarConnectionExpiredError {
  override readonly name = 'GoogleConnectionExpiredError';
  constructor() {
    super(
      'The Google Calendar connection has expired or its access was removed in Google — reconnect Google Calendar on the Calendars page.',
    );
  }
}

/** Any other answer from Google that is not a success, with its status and Google's reason. */
export class GoogleCalendarError extends Error {
  override readonly name = 'GoogleCalendarError';
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly reason: string | undefined,
  ) {
    super(message);
  }
}

export const oauthClient = (credentials?: CalendarCredentials): OAuth2Client => {
  const config = getConfig();
  const client = new OAuth2Client({
    clientId: config.GOOGLE_CLIENT_ID,
    clientSecret: config.GOOGLE_CLIENT_SECRET,
    endpoints: {
      oauth2AuthBaseUrl: config.GOOGLE_OAUTH_AUTH_URL,
      oauth2TokenUrl: config.GOOGLE_OAUTH_TOKEN_URL,
      oauth2RevokeUrl: config.GOOGLE_OAUTH_REVOKE_URL,
    },
  });
  if (credentials)
    client.setCredentials({
      access_token: credentials.accessToken,
      refresh_token: credentials.refreshToken,
      expiry_date: credentials.expiresAt ? Date.parse(credentials.expiresAt) : undefined,
    });
  return client;
};

let api: { rootUrl: string; client: calendar_v3.Calendar } | undefined;

/** One Calendar API client per process; each call brings its connection's auth. */
export function calendarApi(): calendar_v3.Calendar {
  const { GOOGLE_API_ROOT_URL: rootUrl } = getConfig();
  // Retries are ours (callGoogle): googleapis' own ignore Retry-After and skip POST/PATCH.
  if (api?.rootUrl !== rootUrl) api = { rootUrl, client: calendar({ version: 'v3', rootUrl, retry: false }) };
  return api.client;
}

interface HttpFailure {
  status?: number;
  response?: { status?: number; data?: unknown; headers?: Headers | Record<string, string> };
}
const failure = (err: unknown) => (err ?? {}) as HttpFailure;
export const statusOf = (err: unknown): number | undefined =>
  err instanceof GoogleCalendarError ? err.status : (failure(err).response?.status ?? failure(err).status);

function googleReason(err: unknown): { reason?: string; message?: string; oauthError?: string } {
  const data = failure(err).response?.data as
    | { error?: string | { message?: string; errors?: { reason?: string }[] } }
    | undefined;
  if (typeof data?.error === 'string') return { oauthError: data.error };
  return { reason: data?.error?.errors?.[0]?.reason, message: data?.error?.message };
}

function retryAfterMs(err: unknown): number | undefined {
  const headers = failure(err).response?.headers;
  // gaxios 7 answers with fetch Headers (not always this realm's class, so no instanceof).
  const value =
    typeof headers?.get === 'function'
      ? (headers as Headers).get('retry-after')
      : (headers as Record<string, string> | undefined)?.['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds * 1000 : Math.max(0, Date.parse(value) - Date.now());
}

// Google asks to back off on 429 and on 403 rate limits; 5xx are transient. Every call we make is
// safe to repeat (creates carry our own event id), so all of them may be retried.
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);
const MAX_ATTEMPTS = 4;
/** A Retry-After longer than this fails the call instead of holding a request open. */
const MAX_WAIT_MS = 20_000;

function retryDelay(err: unknown, attempt: number): number | undefined {
  const status = statusOf(err);
  const limited =
    status === 429 || (status === 403 && RATE_LIMIT_REASONS.has(googleReason(err).reason ?? ''));
  if (!(limited || (status !== undefined && status >= 500)) || attempt >= MAX_ATTEMPTS) return undefined;
  const wait = retryAfterMs(err) ?? 500 * 2 ** (attempt - 1) + Math.random() * 250;
  return wait <= MAX_WAIT_MS ? wait : undefined;
}

function readable(err: unknown): Error {
  const status = statusOf(err);
  if (status === undefined) return err instanceof Error ? err : new Error(String(err));
  const { reason, message } = googleReason(err);
  if (status === 401) return new GoogleConnectionExpiredError();
  if (status === 403 && (reason === 'insufficientPermissions' || /scope/i.test(message ?? '')))
    return new GoogleCalendarError(
      'Google Calendar did not allow this: the connection lacks a permission — reconnect Google Calendar and allow every calendar permission asked for.',
      status,
      reason,
    );
  if (status === 429 || RATE_LIMIT_REASONS.has(reason ?? ''))
    return new GoogleCalendarError(
      'Google Calendar is limiting requests right now — try again in a minute.',
      status,
      reason,
    );
  return new GoogleCalendarError(
    `Google Calendar answered ${status}: ${message ?? 'no details'}.`,
    status,
    reason,
  );
}

/**
 * Calls Google for one connection. New tokens (a refresh before expiry, or after a 401) are passed
 * to `onCredentials` before the result is returned, so the connection keeps them.
 */
export function googleCaller(
  auth: OAuth2Client,
  onCredentials?: (next: CalendarCredentials) => Promise<void>,
) {
  let saved = auth.credentials.access_token;
  async function keepTokens() {
    const { access_token, refresh_token, expiry_date } = auth.credentials;
    if (!access_token || access_token === saved) return;
    saved = access_token;
    await onCredentials?.({
      accessToken: access_token,
      refreshToken: refresh_token ?? '',
      expiresAt: new Date(expiry_date ?? Date.now()).toISOString(),
    });
  }
  return async function callGoogle<T>(op: () => Promise<{ data: T }>): Promise<T> {
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      try {
        const { data } = await op();
        await keepTokens();
        return data;
      } catch (err) {
        await keepTokens();
        const { oauthError } = googleReason(err);
        if (oauthError === 'invalid_grant') throw new GoogleConnectionExpiredError();
        if (oauthError)
          throw new GoogleCalendarError(
            `Google refused Momentum Meet's OAuth client (${oauthError}) — check GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET.`,
            statusOf(err),
            oauthError,
          );
        if (statusOf(err) === 401 && !refreshed && auth.credentials.refresh_token) {
          // The stored expiry was wrong (or the token was revoked server-side): refresh once.
          refreshed = true;
          auth.setCredentials({ ...auth.credentials, expiry_date: 1 });
          continue;
        }
        const wait = retryDelay(err, attempt);
        if (wait === undefined) throw readable(err);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  };
}
