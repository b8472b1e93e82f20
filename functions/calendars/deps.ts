import { randomUUID } from 'node:crypto';
import type { CalendarProviderFactory } from '../_integrations/calendar/calendar-provider.js';
import {
  exchangeGoogleCode,
  googleAuthorizationUrl,
  revokeGoogleToken,
} from '../_integrations/calendar/google-oauth.js';
import { calendarProviders } from '../_integrations/calendar/registry.js';
import { getConfig } from '../_shared/config.js';
import { AppError } from '../_shared/errors.js';
import type { ConnectionsDeps } from './connections.js';
import type { OAuthClient, OAuthDeps } from './oauth.js';
import type { OAuthKind } from './schema.js';
import { cosmosConnectionStore, cosmosOAuthStateStore } from './store.js';

/** The OAuth side of each sign-in provider (its own module talks to its endpoints). */
const oauthClients: Record<OAuthKind, () => OAuthClient> = {
  google: () => {
    if (!getConfig().GOOGLE_CLIENT_ID) {
      throw new AppError(
        'UNPROCESSABLE',
        'Google Calendar is not set up on this server yet (GOOGLE_CLIENT_ID).',
      );
    }
    return {
      serverUrl: 'https://www.googleapis.com',
      authorizationUrl: googleAuthorizationUrl,
      exchange: exchangeGoogleCode,
    };
  },
};

export function oauthDeps(): OAuthDeps {
  const base = getConfig().APP_BASE_URL.replace(/\/+$/, '');
  const connections = connectionsDeps();
  return {
    now: () => new Date(),
    newId: () => randomUUID(),
    states: cosmosOAuthStateStore,
    connections: connections.store,
    client: (kind) => oauthClients[kind](),
    factory: connections.factory,
    redirectUri: (kind) => `${base}/api/calendars/oauth/${kind}/callback`,
  };
}

export function connectionsDeps(): ConnectionsDeps {
  return {
    now: () => new Date(),
    newId: () => randomUUID(),
    store: cosmosConnectionStore,
    revoke: async (kind, secret) => {
      if (kind === 'google' && secret.refreshToken) await revokeGoogleToken(secret.refreshToken);
    },
    factory: (kind) => {
      const factory = (calendarProviders as Record<string, CalendarProviderFactory>)[kind];
      if (!factory) throw new AppError('UNPROCESSABLE', `${kind} calendars cannot be connected yet.`);
      return factory;
    },
  };
}
