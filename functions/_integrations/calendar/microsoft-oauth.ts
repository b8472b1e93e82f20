import { getConfig } from '../../_shared/config.js';
import {
  MICROSOFT_CALENDAR_SCOPES,
  MICROSOFT_SCOPE,
  MicrosoftCalendarError,
  type MicrosoftTokenAnswer,
  MicrosoftTokenError,
  microsoftAuthorizeEndpoint,
  microsoftToken,
} from './microsoft-client.js';

/**
 * The pieces of connecting a Microsoft 365 / Outlook calendar (authorization code flow with PKCE,
 * Entra ID v2.0 endpoints); they fit the generic connect flow's OAuthClient (calendars/oauth.ts).
 *
 * Scopes (delegated): Calendars.ReadWrite — read busy time, make, change and delete the events
 * (and their Teams meetings); User.Read — Graph's sign-in baseline; offline_access — a refresh
 * token; openid + email — which account was connected, to show it.
 */

export interface MicrosoftTokens {
  accessToken: string;
  refreshToken: string;
  /** UTC ISO. */
  expiresAt: string;
  /** The connected account, from the ID token when Entra sent one. */
  email?: string | undefined;
}

/** Where to send the organizer to consent; the account picker shows each time (so a reconnect can switch). */
export function microsoftAuthorizationUrl(options: {
  state: string;
  codeChallenge: string;
  redirectUri: string;
  loginHint?: string | undefined;
}): string {
  const { MICROSOFT_CLIENT_ID } = getConfig();
  if (!MICROSOFT_CLIENT_ID)
    throw new MicrosoftCalendarError(
      'Microsoft 365 is not configured: set MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET.',
      undefined,
      'not_configured',
    );
  const url = new URL(microsoftAuthorizeEndpoint());
  url.search = new URLSearchParams({
    client_id: MICROSOFT_CLIENT_ID,
    response_type: 'code',
    redirect_uri: options.redirectUri,
    response_mode: 'query',
    scope: MICROSOFT_SCOPE,
    state: options.state,
    code_challenge: options.codeChallenge,
    code_challenge_method: 'S256',
    prompt: 'select_account',
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  }).toString();
  return url.toString();
}

/**
 * Trades the code from the redirect for tokens. Refuses (with a message to show) a code Entra does
 * not accept — expired, used, or a verifier that does not match — and a consent without the
 * calendar permission.
 */
export async function exchangeMicrosoftCode(options: {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}): Promise<MicrosoftTokens> {
  let answer: MicrosoftTokenAnswer;
  try {
    answer = await microsoftToken({
      grant_type: 'authorization_code',
      code: options.code,
      code_verifier: options.codeVerifier,
      redirect_uri: options.redirectUri,
      scope: MICROSOFT_SCOPE,
    });
  } catch (err) {
    if (!(err instanceof MicrosoftTokenError)) throw err;
    throw new MicrosoftCalendarError(
      `Microsoft did not accept the sign-in (${err.error}) — connect Microsoft 365 again.`,
      err.status,
      err.error,
    );
  }
  // Entra names Graph's scopes without their resource prefix in `scope`; compare case-insensitively.
  const granted = new Set(
    (answer.scope ?? '')
      .split(' ')
      .map((s) => s.replace(/^https:\/\/graph\.microsoft\.com\//i, '').toLowerCase()),
  );
  if (!granted.has(MICROSOFT_CALENDAR_SCOPES[0].toLowerCase()))
    throw new MicrosoftCalendarError(
      'Microsoft 365 was connected without the calendar permission Momentum Meet needs — connect again and accept it (your administrator may need to allow it).',
      403,
      'insufficient_scope',
    );
  if (!answer.refresh_token)
    throw new MicrosoftCalendarError(
      'Microsoft sent no refresh token — connect Microsoft 365 again.',
      undefined,
      undefined,
    );
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresAt: new Date(Date.now() + answer.expires_in * 1000).toISOString(),
    email: emailOf(answer.id_token),
  };
}

/** The Graph address shown for a connection (the OAuthClient's `serverUrl`). */
export const microsoftServerUrl = (): string => getConfig().MICROSOFT_GRAPH_URL;

/**
 * The ID token's email (or, for work accounts without the claim, preferred_username). It came
 * straight from Entra's token endpoint over TLS, so (as OpenID Connect allows) its signature need
 * not be checked to read it.
 */
function emailOf(idToken: string | undefined): string | undefined {
  const payload = idToken?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      email?: string;
      preferred_username?: string;
    };
    return claims.email ?? (claims.preferred_username?.includes('@') ? claims.preferred_username : undefined);
  } catch {
    return undefined;
  }
}
