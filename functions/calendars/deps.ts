import { randomUUID } from 'node:crypto';
import type { CalendarProviderFactory } from '../_integrations/calendar/calendar-provider.js';
import {
  exchangeGoogleCode,
  googleAuthorizationUrl,
  revokeGoogleToken,
} from '../_integrations/calendar/google-oauth.js';
import {
  exchangeMicrosoftCode,
  microsoftAuthorizationUrl,
  microsoftServerUrl,
} from '../_integrations/calendar/microsoft-oauth.js';
import { calendarProviders } from '../_integrations/calendar/registry.js';
import { getConfig } from '../_shared/config.js';
import { AppError } from '../_shared/errors.js';
import { escapeHtml } from '../_shared/text/html.js';
import { hostOf } from '../booking/deps.js';
import { cosmosPreferenceStore } from '../notifications/cosmos-stores.js';
import { ownerChannels } from '../notifications/deps.js';
import { getNotificationPreferences } from '../notifications/preferences.js';
import { deliverOn, organizerRoute } from '../notifications/routing.js';
import type { CalendarConnectionDoc, ConnectionsDeps } from './connections.js';
import type { OAuthClient, OAuthDeps } from './oauth.js';
import type { PushDeps } from './push.js';
import type { OAuthKind } from './schema.js';
import { cosmosBusyCacheStore, cosmosConnectionStore, cosmosOAuthStateStore } from './store.js';

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
  microsoft: () => {
    if (!getConfig().MICROSOFT_CLIENT_ID) {
      throw new AppError(
        'UNPROCESSABLE',
        'Microsoft 365 is not set up on this server yet (MICROSOFT_CLIENT_ID).',
      );
    }
    return {
      serverUrl: microsoftServerUrl(),
      authorizationUrl: microsoftAuthorizationUrl,
      exchange: exchangeMicrosoftCode,
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

/** The email that tells an organizer their calendar stopped working (once per incident). */
async function alertOwner(doc: CalendarConnectionDoc): Promise<void> {
  const host = await hostOf(doc.ownerId);
  const page = `${getConfig().APP_BASE_URL.replace(/\/+$/, '')}/calendars`;
  const what = doc.status === 'expired' ? 'needs you to reconnect it' : 'cannot be read right now';
  const text = [
    `Your calendar ${doc.label} ${what}.`,
    '',
    'Until it works again, no times are offered to contacts — a busy time is never shown as free.',
    doc.lastError ? `What the calendar said: ${doc.lastError}` : '',
    '',
    `Fix it on your Calendars page: ${page}`,
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
  const id = `calendar-alert-${doc.id}-${Date.parse(doc.failingSince ?? doc.updatedAt)}`;
  // On the channels the organizer chose for "Calendar not working" (email unless they chose others).
  const [prefs, owner] = await Promise.all([
    getNotificationPreferences(doc.ownerId, cosmosPreferenceStore),
    ownerChannels(doc.ownerId, { kind: 'calendar-broken', connectionId: doc.id }),
  ]);
  const route = organizerRoute(host, 'calendar-broken', prefs, owner);
  await deliverOn(route, {
    id,
    ownerId: doc.ownerId,
    from: host,
    to: route.to,
    subject: `Your calendar ${doc.label} ${what}`,
    text,
    html: text
      .split('\n\n')
      .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
      .join(''),
    details: {
      headline: `Your calendar ${doc.label} ${what}.`,
      facts: doc.lastError ? [{ label: 'What the calendar said', value: doc.lastError }] : [],
      links: [{ label: 'Fix it on your Calendars page', url: page }],
    },
  });
}

export function connectionsDeps(): ConnectionsDeps {
  return {
    alert: alertOwner,
    now: () => new Date(),
    newId: () => randomUUID(),
    store: cosmosConnectionStore,
    busyCache: { store: cosmosBusyCacheStore, ttlMs: getConfig().CALENDAR_BUSY_CACHE_MINUTES * 60_000 },
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

/** The push side: channels made with the connection's deps, notifications to /api/webhooks/calendar/…. */
export function pushDeps(): PushDeps {
  const base = getConfig().APP_BASE_URL.replace(/\/+$/, '');
  const deps = connectionsDeps();
  return {
    ...deps,
    cache: cosmosBusyCacheStore,
    pushUrl: (doc) =>
      `${base}/api/webhooks/calendar/${doc.kind}/${encodeURIComponent(doc.ownerId)}/${encodeURIComponent(doc.id)}`,
  };
}
