import { toE164 } from '../_integrations/channels/sms.js';
import { AppError } from '../_shared/errors.js';
import { channelSuppressionId, type SuppressionStore, suppressionId } from '../suppressions/suppressions.js';
import type {
  ConsentChannel,
  ContactConsentDto,
  ContactConsentInput,
  DeliveryChannel,
  NotificationEvent,
  NotificationPreferences,
} from './schema.js';

/**
 * Who hears about what, where. The organizer chooses per event which channels tell them, in order
 * (a refused one falls to the next); a contact gets email, and SMS / WhatsApp only with consent
 * recorded with its time and source. Opt-outs are the suppression ledger's entries for the
 * contact's email and number — the same ledger the unsubscribe link and STOP replies write.
 */

/** Until the organizer chooses: everything by email, reminders a day and an hour before. */
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  events: {
    booked: ['email'],
    cancelled: ['email'],
    rescheduled: ['email'],
    reminder: ['email'],
    requested: ['email'],
    'calendar-broken': ['email'],
  },
  phone: null,
  reminders: [24 * 60, 60],
};

export interface ConsentDoc {
  id: string;
  ownerId: string;
  contactId: string;
  sms: ContactConsentDto['sms'];
  whatsapp: ContactConsentDto['whatsapp'];
  updatedAt: string;
  _etag?: string;
}

/** Preferences and consent live in the `settings` container (partition /ownerId). */
export interface PreferenceStore {
  readPreferences(ownerId: string): Promise<Partial<NotificationPreferences> | undefined>;
  writePreferences(ownerId: string, prefs: NotificationPreferences, now: Date): Promise<void>;
  readConsent(ownerId: string, contactId: string): Promise<ConsentDoc | undefined>;
  writeConsent(doc: ConsentDoc): Promise<void>;
}

export const consentDocId = (contactId: string) => `consent-${contactId}`;

export async function getNotificationPreferences(
  ownerId: string,
  store: PreferenceStore,
): Promise<NotificationPreferences> {
  const saved = await store.readPreferences(ownerId);
  return {
    ...DEFAULT_NOTIFICATION_PREFERENCES,
    ...saved,
    events: { ...DEFAULT_NOTIFICATION_PREFERENCES.events, ...saved?.events },
  };
}

/** Saves the organizer's choice: a phone they gave must be a real number, reminders kept once each, longest first. */
export async function putNotificationPreferences(
  ownerId: string,
  input: NotificationPreferences,
  store: PreferenceStore,
  now: Date,
): Promise<NotificationPreferences> {
  const phone = input.phone ? (toE164(input.phone) ?? null) : null;
  if (input.phone && !phone)
    throw new AppError(
      'VALIDATION',
      'That phone number is not valid — write it with its country code (+44…).',
      [{ path: 'phone', message: 'not a valid number' }],
    );
  const events = Object.fromEntries(
    Object.entries(input.events).map(([event, channels]) => [event, [...new Set(channels)]]),
  ) as Record<NotificationEvent, DeliveryChannel[]>;
  const prefs: NotificationPreferences = {
    events: { ...DEFAULT_NOTIFICATION_PREFERENCES.events, ...events },
    phone,
    reminders: [...new Set(input.reminders)].sort((a, b) => b - a),
  };
  await store.writePreferences(ownerId, prefs, now);
  return prefs;
}

/** The contact's consent and opt-outs; `contact` is who they are (their email and phone). */
export async function getContactConsent(
  ownerId: string,
  contact: { id: string; email?: string | undefined; phone?: string | undefined },
  deps: { store: PreferenceStore; suppressions: SuppressionStore },
): Promise<ContactConsentDto> {
  const doc = await deps.store.readConsent(ownerId, contact.id);
  return {
    contactId: contact.id,
    sms: doc?.sms ?? null,
    whatsapp: doc?.whatsapp ?? null,
    optedOut: await optedOut(ownerId, contact, deps.suppressions),
  };
}

/** The channels the suppression ledger stops for this person. */
export async function optedOut(
  ownerId: string,
  contact: { email?: string | undefined; phone?: string | undefined },
  suppressions: SuppressionStore,
): Promise<DeliveryChannel[]> {
  const phone = toE164(contact.phone);
  const ids = new Map<string, DeliveryChannel>();
  if (contact.email) ids.set(suppressionId(contact.email), 'email');
  if (phone) {
    ids.set(channelSuppressionId('sms', phone), 'sms');
    ids.set(channelSuppressionId('whatsapp', phone), 'whatsapp');
  }
  if (!ids.size) return [];
  const found = await suppressions.reasons(ownerId, [...ids.keys()]);
  return [...ids].filter(([id]) => found.has(id)).map(([, channel]) => channel);
}

/**
 * Records consent (granted or withdrawn) with its time and source, and sets the opt-outs: an opt-out
 * added here goes into the suppression ledger; one removed comes out of it (the person asked again).
 */
export async function putContactConsent(
  ownerId: string,
  contact: { id: string; email?: string | undefined; phone?: string | undefined },
  input: ContactConsentInput,
  deps: { store: PreferenceStore; suppressions: SuppressionStore; now: Date; by: string },
): Promise<ContactConsentDto> {
  const at = deps.now.toISOString();
  const current = await deps.store.readConsent(ownerId, contact.id);
  const entry = (channel: ConsentChannel) => {
    const given = input[channel];
    return given ? { granted: given.granted, at, source: given.source } : (current?.[channel] ?? null);
  };
  await deps.store.writeConsent({
    ...(current ?? { id: consentDocId(contact.id), ownerId, contactId: contact.id }),
    sms: entry('sms'),
    whatsapp: entry('whatsapp'),
    updatedAt: at,
  });
  if (input.optedOut) {
    const phone = toE164(contact.phone);
    const now = await optedOut(ownerId, contact, deps.suppressions);
    for (const channel of ['email', 'sms', 'whatsapp'] as const) {
      const want = input.optedOut.includes(channel);
      if (want === now.includes(channel)) continue;
      const address = channel === 'email' ? contact.email : phone;
      if (!address) continue;
      const id = channel === 'email' ? suppressionId(address) : channelSuppressionId(channel, address);
      if (want)
        await deps.suppressions.add({
          id,
          ownerId,
          email: channel === 'email' ? address.toLowerCase() : address,
          ...(channel !== 'email' ? { channel } : {}),
          reason: 'manual',
          source: `opted out, set by ${deps.by}`,
          createdAt: at,
        });
      else await deps.suppressions.remove(ownerId, id);
    }
  }
  return getContactConsent(ownerId, contact, deps);
}

/** Whether SMS / WhatsApp may go to the contact: consent granted and not opted out. */
export function consented(doc: ConsentDoc | undefined, channel: ConsentChannel): boolean {
  return doc?.[channel]?.granted === true;
}
