import { createHash, randomBytes } from 'node:crypto';
import type { CalendarProviderFactory } from '../_integrations/calendar/calendar-provider.js';
import { AppError } from '../_shared/errors.js';
import { openSecret, type SealedSecret, type SecretKey, sealSecret } from '../_shared/secret-box.js';
import { type SigningKey, signToken, verifyToken } from '../_shared/signed-token.js';
import {
  buildProvider,
  type CalendarConnectionDoc,
  type ConnectionStore,
  sealCredentials,
  toConnectionDto,
} from './connections.js';
import type { CalendarConnectionDto, OAuthKind } from './schema.js';

/**
 * Connecting a calendar by OAuth (Google; Microsoft next): authorization code with PKCE (S256)
 * and a `state` that is signed, bound to the signed-in user and single-use — its nonce is a
 * stored document deleted on first use, so a replayed or forged callback is refused. The code
 * verifier is kept sealed with the nonce; the tokens the code buys are sealed on the connection.
 */

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  /** The account's address, when the provider says it. */
  email?: string | undefined;
}

/** One provider's side of the flow (its own module builds the URL and talks to its token endpoint). */
export interface OAuthClient {
  authorizationUrl(request: { state: string; codeChallenge: string; redirectUri: string }): string;
  exchange(request: { code: string; codeVerifier: string; redirectUri: string }): Promise<OAuthTokens>;
  /** The API address shown for the connection. */
  serverUrl: string;
}

export interface OAuthStateDoc {
  id: string;
  ownerId: string;
  kind: OAuthKind;
  verifier: SealedSecret;
  expiresAt: string;
  ttl: number;
  _etag?: string;
}

export interface OAuthStateStore {
  create(doc: OAuthStateDoc): Promise<void>;
  /** Removes and returns the state; undefined when it is unknown or was used already. */
  take(ownerId: string, id: string): Promise<OAuthStateDoc | undefined>;
}

export interface OAuthDeps {
  now(): Date;
  newId(): string;
  states: OAuthStateStore;
  connections: ConnectionStore;
  client(kind: OAuthKind): OAuthClient;
  factory(kind: OAuthKind): CalendarProviderFactory;
  redirectUri(kind: OAuthKind): string;
  /** Sealing and signing keys; the configured ones when absent. */
  keys?: SecretKey[];
  signingKeys?: SigningKey[];
}

const STATE_MINUTES = 10;
const b64url = (bytes: Buffer) => bytes.toString('base64url');
const stateBinding = (ownerId: string, nonce: string) => `oauth-state/${ownerId}/${nonce}`;

/** Where to send the browser to grant access: the provider's consent page, with state and PKCE. */
export async function startOAuth(
  ownerId: string,
  kind: OAuthKind,
  deps: OAuthDeps,
): Promise<{ url: string }> {
  const nonce = b64url(randomBytes(24));
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const expiresAt = new Date(deps.now().getTime() + STATE_MINUTES * 60_000);
  await deps.states.create({
    id: `state-${nonce}`,
    ownerId,
    kind,
    verifier: sealSecret(verifier, stateBinding(ownerId, nonce), deps.keys),
    expiresAt: expiresAt.toISOString(),
    ttl: STATE_MINUTES * 60,
  });
  const state = signToken(
    {
      k: 'oauth',
      o: ownerId,
      n: nonce,
      p: kind,
      exp: Math.floor(expiresAt.getTime() / 1000),
    },
    deps.signingKeys,
  );
  return {
    url: deps
      .client(kind)
      .authorizationUrl({ state, codeChallenge: challenge, redirectUri: deps.redirectUri(kind) }),
  };
}

const refused = (why: string) =>
  new AppError('FORBIDDEN', `The calendar was not connected: ${why} Start again from Calendars.`);

/**
 * The provider sent the browser back: checks the state (signature, the same signed-in user, the
 * same provider, not used before, not expired), buys the tokens with the code and the kept
 * verifier, and keeps the connection with all its calendars read.
 */
export async function completeOAuth(
  ownerId: string,
  kind: OAuthKind,
  callback: { code: string; state: string },
  deps: OAuthDeps,
): Promise<CalendarConnectionDto> {
  let claim: { k?: unknown; o?: unknown; n?: unknown; p?: unknown };
  try {
    claim = verifyToken(callback.state, deps.now(), deps.signingKeys);
  } catch {
    throw refused('the sign-in answer was altered or is too old.');
  }
  if (claim.k !== 'oauth' || claim.o !== ownerId || claim.p !== kind || typeof claim.n !== 'string') {
    throw refused('the sign-in answer belongs to another person or another calendar.');
  }
  const state = await deps.states.take(ownerId, `state-${claim.n}`);
  if (!state || state.kind !== kind) throw refused('this sign-in answer was used already.');
  if (Date.parse(state.expiresAt) < deps.now().getTime()) throw refused('the sign-in took too long.');
  const codeVerifier = openSecret(state.verifier, stateBinding(ownerId, claim.n), deps.keys);
  const client = deps.client(kind);
  let tokens: OAuthTokens;
  try {
    tokens = await client.exchange({
      code: callback.code,
      codeVerifier,
      redirectUri: deps.redirectUri(kind),
    });
  } catch (err) {
    throw new AppError(
      'UNPROCESSABLE',
      `The calendar was not connected: ${err instanceof Error ? err.message : err}`,
    );
  }
  const id = deps.newId();
  const at = deps.now().toISOString();
  const secret = {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: tokens.expiresAt,
  };
  const draft: CalendarConnectionDoc = {
    id,
    ownerId,
    kind,
    label: tokens.email ?? (kind === 'google' ? 'Google account' : 'Microsoft account'),
    serverUrl: client.serverUrl,
    username: tokens.email ?? '',
    secret: sealCredentials(secret, ownerId, id, deps.keys),
    status: 'ok',
    lastError: null,
    checkedAt: at,
    calendars: [],
    readCalendarUrls: [],
    writeCalendarUrl: null,
    createdAt: at,
    updatedAt: at,
  };
  const provider = buildProvider(draft, secret, { factory: deps.factory });
  const calendars = (await provider.listCalendars?.()) ?? [];
  const anyWrites = (await deps.connections.list(ownerId)).some((d) => d.writeCalendarUrl);
  const doc = await deps.connections.create({
    ...draft,
    calendars,
    readCalendarUrls: calendars.map((c) => c.url),
    writeCalendarUrl: anyWrites ? null : (calendars.find((c) => c.canWrite)?.url ?? null),
  });
  return toConnectionDto(doc);
}
