import { CodeChallengeMethod, type Credentials } from 'google-auth-library';
import { GoogleCalendarError, oauthClient } from './google-client.js';

/**
 * The pieces of connecting Google Calendar (authorization code flow with PKCE); the endpoints that
 * keep the state and the tokens call these.
 *
 * Scopes, the narrowest set that covers what the provider does:
 * - calendar.events: create, read, change and delete events (and their Meet links);
 * - calendar.events.freebusy: busy times only (freeBusy.query) — not calendar.readonly, which
 *   would also let us read every event's details on every calendar;
 * - calendar.calendarlist.readonly: the list of calendars to choose from;
 * - openid + email: which Google account was connected, to show it.
 */
export const GOOGLE_CALENDAR_SCOPES = [
  'https://www.googleapis.com/auth/calendar.events',
  'https://www.googleapis.com/auth/calendar.events.freebusy',
  'https://www.googleapis.com/auth/calendar.calendarlist.readonly',
] as const;
const IDENTITY_SCOPES = ['openid', 'email'];

/** A PKCE pair (S256), made by google-auth-library: keep the verifier with the state. */
export async function googlePkcePair(): Promise<{ codeVerifier: string; codeChallenge: string }> {
  const { codeVerifier, codeChallenge } = await oauthClient().generateCodeVerifierAsync();
  return { codeVerifier, codeChallenge: codeChallenge! };
}

/** Where to send the organizer to consent: offline access (a refresh token), consent asked each time. */
export function googleAuthorizationUrl(options: {
  state: string;
  codeChallenge: string;
  redirectUri: string;
  loginHint?: string | undefined;
}): string {
  return oauthClient().generateAuthUrl({
    access_type: 'offline',
    // Google returns a refresh token only on consent; asking each time means a reconnect gets one.
    prompt: 'consent',
    include_granted_scopes: true,
    scope: [...GOOGLE_CALENDAR_SCOPES, ...IDENTITY_SCOPES],
    state: options.state,
    redirect_uri: options.redirectUri,
    code_challenge: options.codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
  });
}

export interface GoogleTokens {
  accessToken: string;
  refreshToken: string;
  /** UTC ISO. */
  expiresAt: string;
  /** The connected account, from the ID token when Google sent one. */
  email?: string | undefined;
}

/**
 * Trades the code from the redirect for tokens. Refuses (with a message to show) a code Google
 * does not accept — expired, used, or a verifier that does not match — and a consent where the
 * organizer unticked a calendar permission.
 */
export async function exchangeGoogleCode(options: {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}): Promise<GoogleTokens> {
  let tokens: Credentials;
  try {
    ({ tokens } = await oauthClient().getToken({
      code: options.code,
      codeVerifier: options.codeVerifier,
      redirect_uri: options.redirectUri,
    }));
  } catch (err) {
    const data = (err as { response?: { status?: number; data?: { error?: string } } }).response;
    throw new GoogleCalendarError(
      `Google did not accept the sign-in (${data?.data?.error ?? 'no answer'}) — connect Google Calendar again.`,
      data?.status,
      data?.data?.error,
    );
  }
  const granted = new Set((tokens.scope ?? '').split(' '));
  const missing = GOOGLE_CALENDAR_SCOPES.filter((s) => !granted.has(s));
  if (missing.length)
    throw new GoogleCalendarError(
      'Google Calendar was connected without every permission Momentum Meet needs — connect again and leave all calendar permissions ticked.',
      403,
      'insufficientPermissions',
    );
  if (!tokens.access_token || !tokens.refresh_token)
    throw new GoogleCalendarError(
      'Google sent no refresh token — connect Google Calendar again.',
      undefined,
      undefined,
    );
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: new Date(tokens.expiry_date ?? Date.now()).toISOString(),
    email: emailOf(tokens.id_token),
  };
}

/**
 * The ID token's email. It came straight from Google's token endpoint over TLS, so (as OpenID
 * Connect allows) its signature need not be checked to read it.
 */
function emailOf(idToken: string | null | undefined): string | undefined {
  const payload = idToken?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { email?: string };
    return claims.email;
  } catch {
    return undefined;
  }
}

/** Ends the app's access (a refresh token revokes its access tokens too). Already revoked → no error. */
export async function revokeGoogleToken(token: string): Promise<void> {
  try {
    await oauthClient().revokeToken(token);
  } catch (err) {
    const data = (err as { response?: { status?: number; data?: { error?: string } } }).response;
    if (data?.status === 400 && data.data?.error === 'invalid_token') return;
    throw err;
  }
}
