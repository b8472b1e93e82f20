import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import {
  type Request as AgentRequest,
  type AuthConfiguration,
  AuthType,
  CloudAdapter,
  MsalTokenProvider,
  type TurnContext,
  type WebResponse,
} from '@microsoft/agents-hosting';
import { getConfig } from '../_shared/config.js';
import { AppError } from '../_shared/errors.js';
import { json } from '../_shared/http.js';

/**
 * POST /api/messages through the Agents SDK's CloudAdapter. With BOT_APP_ID set, every activity
 * must carry a Bot Service JWT for that app id (the SDK checks signature, issuer, audience,
 * expiry); without one the adapter runs anonymously — for local use only, refused outright when
 * NODE_ENV is production. `deliveryMode: expectReplies` answers in the response body (the
 * SPA's widget locally); otherwise replies go to the activity's serviceUrl (Bot Service).
 */

/** Activities are small; a larger body is refused before it is parsed. */
const MAX_BODY = 256 * 1024;

let adapter: CloudAdapter | undefined;
let tokens: MsalTokenProvider | undefined;

/** The bot's identity with Bot Service, when it has an app id (none: anonymous, local only). */
function authConfig(): AuthConfiguration | undefined {
  const config = getConfig();
  return config.BOT_APP_ID
    ? {
        clientId: config.BOT_APP_ID,
        ...(config.BOT_TENANT_ID && { tenantId: config.BOT_TENANT_ID }),
        authority: config.BOT_AUTHORITY,
        // Off by default in 1.8.1: the issuer must be Bot Service or this tenant's Entra.
        validateIssuer: true,
        // The Azure Bot authenticates as the Function App's user-assigned identity (infra/modules/bot.bicep).
        authType: AuthType.UserManagedIdentity,
      }
    : undefined;
}

/**
 * A token for messages the bot starts itself (notices in an organizer's Teams chat): the bot's
 * identity for Bot Service's API. Null without an app id — refused in production, where every
 * message to a channel must be authenticated.
 */
export async function botServiceToken(): Promise<string | null> {
  const auth = authConfig();
  if (!auth) {
    if (getConfig().NODE_ENV === 'production')
      throw new AppError('UNAUTHENTICATED', 'The bot is not configured with a Bot Service app id here.');
    return null;
  }
  tokens ??= new MsalTokenProvider(auth);
  return tokens.getAccessToken('https://api.botframework.com');
}

function botAdapter(): CloudAdapter {
  if (adapter) return adapter;
  adapter = new CloudAdapter(authConfig() ?? {});
  adapter.onTurnError = async (context, error) => {
    // The message only: activities and tokens stay out of the log.
    console.error(`bot turn failed: ${error instanceof Error ? error.message : String(error)}`);
    await context
      .sendActivity('Something went wrong on my side — please try again in a moment.')
      .catch(() => undefined);
  };
  return adapter;
}

/** Tests switch settings between runs; production never calls this. */
export function resetBotAdapterForTests(): void {
  adapter = undefined;
  tokens = undefined;
}

/** What the SDK writes to its Express-shaped response, kept for the Functions response. */
class RecordedResponse implements WebResponse {
  statusCode = 200;
  headers: Record<string, string> = {};
  body: unknown;
  headersSent = false;
  writableEnded = false;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  setHeader(name: string, value: string): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  send(body?: unknown): this {
    this.body = body;
    this.headersSent = true;
    return this;
  }
  end(): this {
    this.headersSent = true;
    this.writableEnded = true;
    return this;
  }
}

/** What a rate limit is counted by: the activity, and whether Bot Service vouched for it. */
export interface Incoming {
  activity: Record<string, unknown>;
  /** True when a Bot Service JWT was verified (the caller's address is then Bot Service's own). */
  authenticated: boolean;
}

export async function handleActivity(
  req: HttpRequest,
  logic: (context: TurnContext) => Promise<void>,
  limit?: (incoming: Incoming) => Promise<void>,
): Promise<HttpResponseInit> {
  const config = getConfig();
  if (!config.BOT_APP_ID && config.NODE_ENV === 'production') {
    throw new AppError('UNAUTHENTICATED', 'The bot is not configured with a Bot Service app id here.');
  }
  const text = await req.text();
  if (text.length > MAX_BODY) throw new AppError('PAYLOAD_TOO_LARGE', 'An activity is at most 256 kB.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION', 'The request body must be an Activity in JSON.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('VALIDATION', 'The request body must be an Activity in JSON.');
  }
  const request: AgentRequest = {
    method: req.method,
    headers: Object.fromEntries(req.headers.entries()),
    body: body as Record<string, unknown>,
  };
  const res = new RecordedResponse();
  let authorized = false;
  // 1.8.1 calls next() without awaiting it: only note it here, and run the turn afterwards.
  await botAdapter().authorizeRequest(request, res, () => {
    authorized = true;
  });
  if (!authorized) {
    return json(res.statusCode === 200 ? 401 : res.statusCode, {
      error: { code: 'UNAUTHENTICATED', message: 'A valid Bot Service token is required.' },
    });
  }
  const authenticated = request.user?.name !== 'anonymous';
  await limit?.({ activity: request.body!, authenticated });
  // Anonymous replies go back in the response, or to a channel on this machine — never to any
  // address an unauthenticated caller names (the SDK would POST there).
  if (!authenticated && !isLoopback(request.body!.serviceUrl)) request.body!.deliveryMode = 'expectReplies';
  await botAdapter().process(request, res, logic);
  return { status: res.statusCode, headers: { 'cache-control': 'no-store' }, ...bodyOf(res.body) };
}

function isLoopback(serviceUrl: unknown): boolean {
  try {
    const host = new URL(String(serviceUrl)).hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  } catch {
    return false;
  }
}

/** expectReplies bodies hold Activity objects: serialised their own way (plain JSON leaks `_channelId`). */
function bodyOf(body: unknown): Pick<HttpResponseInit, 'jsonBody'> {
  if (body === undefined) return {};
  const activities = (body as { activities?: unknown[] }).activities;
  if (!Array.isArray(activities)) return { jsonBody: body };
  return {
    jsonBody: {
      ...(body as object),
      activities: activities.map((a) =>
        typeof (a as { toJsonString?: unknown }).toJsonString === 'function'
          ? JSON.parse((a as { toJsonString(): string }).toJsonString())
          : a,
      ),
    },
  };
}
