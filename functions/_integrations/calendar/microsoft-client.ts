import {
  AuthenticationHandler,
  AuthenticationHandlerOptions,
  Client,
  type Context,
  GraphError,
  type GraphRequest,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { getConfig } from '../../_shared/config.js';
import { CalendarConnectionExpiredError, type CalendarCredentials } from './calendar-provider.js';

/**
 * What every Microsoft call shares: the Entra token endpoint (plain form POSTs to the documented
 * v2.0 endpoint — see README, Design choices), one Graph client per process with each call bringing
 * its connection's token, and one way to call Graph: tokens refreshed before they lapse and once
 * on a 401 (handed back through `onCredentials`), 429/503 waited out within bounds, and errors a
 * person can act on.
 */

/** A refresh refused with invalid_grant: access was removed, the password changed, or the grant lapsed. */
export class MicrosoftConnectionExpiredError extends CalendarConnectionExpiredError {
  override readonly name = 'MicrosoftConnectionExpiredError';
  constructor() {
    super(
      'The Microsoft 365 calendar connection has expired or its access was removed — reconnect Microsoft 365 (Outlook) on the Calendars page.',
    );
  }
}

/** Any other answer from Microsoft that is not a success, with its status and Graph's error code. */
export class MicrosoftCalendarError extends Error {
  override readonly name = 'MicrosoftCalendarError';
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

type Fetch = typeof fetch;
let fetchOverride: Fetch | undefined;
/**
 * Tests send Graph and sign-in calls through a fetch that trusts their local https server's CA,
 * rather than a process-wide NODE_EXTRA_CA_CERTS. Production uses the global fetch.
 */
export function useMicrosoftFetchForTests(f: Fetch | undefined): void {
  fetchOverride = f;
}
const microsoftFetch: Fetch = (input, init) => (fetchOverride ?? fetch)(input, init);

export const MICROSOFT_CALENDAR_SCOPES = ['Calendars.ReadWrite', 'User.Read'] as const;
/** offline_access buys the refresh token; openid + email say which account was connected. */
export const MICROSOFT_SCOPE = ['offline_access', ...MICROSOFT_CALENDAR_SCOPES, 'openid', 'email'].join(' ');

const loginBase = () => {
  const { MICROSOFT_LOGIN_URL, MICROSOFT_TENANT } = getConfig();
  return `${MICROSOFT_LOGIN_URL.replace(/\/$/, '')}/${encodeURIComponent(MICROSOFT_TENANT)}/oauth2/v2.0`;
};
export const microsoftAuthorizeEndpoint = () => `${loginBase()}/authorize`;

export interface MicrosoftTokenAnswer {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  scope?: string;
  id_token?: string;
}

/** A refusal from the token endpoint: Entra's `error` (invalid_grant…) and its AADSTS description. */
export class MicrosoftTokenError extends Error {
  override readonly name = 'MicrosoftTokenError';
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

/** POST to /{tenant}/oauth2/v2.0/token with the app's client credentials. */
export async function microsoftToken(form: Record<string, string>): Promise<MicrosoftTokenAnswer> {
  const { MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET } = getConfig();
  if (!MICROSOFT_CLIENT_ID || !MICROSOFT_CLIENT_SECRET)
    throw new MicrosoftCalendarError(
      'Microsoft 365 is not configured: set MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET.',
      undefined,
      'not_configured',
    );
  const response = await microsoftFetch(`${loginBase()}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: MICROSOFT_CLIENT_ID,
      client_secret: MICROSOFT_CLIENT_SECRET,
      ...form,
    }).toString(),
  });
  const body = (await response.json().catch(() => ({}))) as Partial<MicrosoftTokenAnswer> & {
    error?: string;
    error_description?: string;
  };
  if (!response.ok || !body.access_token)
    throw new MicrosoftTokenError(
      response.status,
      body.error ?? 'no_answer',
      body.error_description ?? `HTTP ${response.status}`,
    );
  return body as MicrosoftTokenAnswer;
}

/** Refresh a little before the stated expiry, so a token never lapses mid-call. */
const EXPIRY_MARGIN_MS = 2 * 60_000;

/** One connection's tokens: refreshed when due (one refresh at a time), kept through onCredentials. */
export function tokenKeeper(
  credentials: CalendarCredentials,
  onCredentials?: (next: CalendarCredentials) => Promise<void>,
) {
  let current = {
    accessToken: credentials.accessToken ?? '',
    refreshToken: credentials.refreshToken ?? '',
    expiresAt: credentials.expiresAt ?? new Date(0).toISOString(),
  };
  let inFlight: Promise<void> | undefined;

  async function refreshNow(): Promise<void> {
    let answer: MicrosoftTokenAnswer;
    try {
      answer = await microsoftToken({
        grant_type: 'refresh_token',
        refresh_token: current.refreshToken,
        scope: MICROSOFT_SCOPE,
      });
    } catch (err) {
      if (
        err instanceof MicrosoftTokenError &&
        (err.error === 'invalid_grant' || err.error === 'interaction_required')
      )
        throw new MicrosoftConnectionExpiredError();
      if (err instanceof MicrosoftTokenError)
        throw new MicrosoftCalendarError(
          `Microsoft refused Momentum Meet's app (${err.error}) — check MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET and MICROSOFT_TENANT.`,
          err.status,
          err.error,
        );
      throw err;
    }
    current = {
      accessToken: answer.access_token,
      // Entra rotates refresh tokens: keep the new one, or the old one when none came.
      refreshToken: answer.refresh_token ?? current.refreshToken,
      expiresAt: new Date(Date.now() + answer.expires_in * 1000).toISOString(),
    };
    await onCredentials?.({ ...current });
  }

  return {
    token: () => current.accessToken,
    /** Refreshes when the token is due, or always when `force` (after a 401). */
    async ensure(force = false): Promise<void> {
      const due = !current.accessToken || Date.parse(current.expiresAt) - EXPIRY_MARGIN_MS <= Date.now();
      if (!force && !due) return;
      inFlight ??= refreshNow().finally(() => {
        inFlight = undefined;
      });
      await inFlight;
    },
  };
}
export type TokenKeeper = ReturnType<typeof tokenKeeper>;

/** The last link of the chain: the request goes out through microsoftFetch (see above). */
const fetchHandler: Middleware = {
  async execute(context: Context) {
    context.response = await microsoftFetch(context.request as string, context.options as RequestInit);
  },
};

let graph: { url: string; client: Client } | undefined;

/** One Graph client per process; each request names its connection's token (authFor). */
export function graphClient(): Client {
  const { MICROSOFT_GRAPH_URL: url } = getConfig();
  if (graph?.url !== url) {
    // A per-request provider always comes with the request; this one only guards against a miss.
    const none = {
      getAccessToken: async () => Promise.reject(new Error('No Microsoft token for this call.')),
    };
    const auth = new AuthenticationHandler(none);
    auth.setNext(fetchHandler);
    graph = {
      url,
      client: Client.initWithMiddleware({
        baseUrl: url.replace(/\/$/, ''),
        defaultVersion: 'v1.0',
        middleware: auth,
        // Graph's client adds the Authorization header only for its own hosts and these.
        customHosts: new Set([new URL(url).hostname]),
      }),
    };
  }
  return graph.client;
}

export const authFor = (keeper: TokenKeeper) =>
  new AuthenticationHandlerOptions({ getAccessToken: async () => keeper.token() });

export const statusOf = (err: unknown): number | undefined =>
  err instanceof GraphError ? err.statusCode : err instanceof MicrosoftCalendarError ? err.status : undefined;

const MAX_ATTEMPTS = 4;
/** A Retry-After longer than this fails the call instead of holding a request open. */
const MAX_WAIT_MS = 20_000;
const RETRIED = new Set([429, 500, 502, 503, 504]);

function retryDelay(err: GraphError, attempt: number): number | undefined {
  if (!RETRIED.has(err.statusCode) || attempt >= MAX_ATTEMPTS) return undefined;
  const value = err.headers?.get('retry-after');
  const seconds = value ? Number(value) : Number.NaN;
  const asked = value
    ? Number.isFinite(seconds)
      ? seconds * 1000
      : Math.max(0, Date.parse(value) - Date.now())
    : undefined;
  const wait = asked ?? 500 * 2 ** (attempt - 1) + Math.random() * 250;
  return wait <= MAX_WAIT_MS ? wait : undefined;
}

function readable(err: GraphError): Error {
  const status = err.statusCode;
  if (status === 401) return new MicrosoftConnectionExpiredError();
  if (status === 403)
    return new MicrosoftCalendarError(
      `Microsoft 365 did not allow this (${err.code ?? 'Forbidden'}: ${err.message}) — reconnect Microsoft 365 and accept every permission asked for.`,
      status,
      err.code ?? undefined,
    );
  if (status === 429)
    return new MicrosoftCalendarError(
      'Microsoft 365 is limiting requests right now — try again in a minute.',
      status,
      err.code ?? undefined,
    );
  return new MicrosoftCalendarError(
    `Microsoft 365 answered ${status}: ${err.message || err.code || 'no details'}.`,
    status,
    err.code ?? undefined,
  );
}

/**
 * Calls Graph for one connection: `request(path)` starts a request carrying the connection's
 * token. Every call we make is safe to repeat (creates carry a transactionId), so all may be retried.
 */
export function graphCaller(keeper: TokenKeeper) {
  const auth = [authFor(keeper)];
  const request = (path: string): GraphRequest => graphClient().api(path).middlewareOptions(auth);
  async function call<T>(op: (req: typeof request) => Promise<T>): Promise<T> {
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      await keeper.ensure();
      try {
        return await op(request);
      } catch (err) {
        if (!(err instanceof GraphError) || err.statusCode < 0) throw err;
        if (err.statusCode === 401 && !refreshed) {
          // The stored expiry was wrong, or the token was revoked server-side: refresh once.
          refreshed = true;
          await keeper.ensure(true);
          continue;
        }
        const wait = retryDelay(err, attempt);
        if (wait === undefined) throw readable(err);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }
  return call;
}
export type GraphCall = ReturnType<typeof graphCaller>;
