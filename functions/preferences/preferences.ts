import { ownedDocuments } from '../_shared/cosmos/documents.js';
import type { Preferences } from '../contacts/schema.js';

/** What a new user sees until they choose: the columns a CRM list shows first. */
export const DEFAULT_PREFERENCES: Preferences = {
  contactColumns: ['name', 'email', 'company', 'title', 'tags', 'status', 'createdAt'],
};

interface PreferencesDoc extends Preferences {
  id: 'preferences';
  ownerId: string;
  updatedAt: string;
  _etag?: string;
}

/** Where preferences live; one document per user in the settings container. */
export interface PreferencesStore {
  read(ownerId: string): Promise<Preferences | undefined>;
  write(ownerId: string, preferences: Preferences, now: Date): Promise<Preferences>;
}

const settings = ownedDocuments<PreferencesDoc>('settings', 'preferences');

export const cosmosPreferencesStore: PreferencesStore = {
  async read(ownerId) {
    const doc = await settings.find(ownerId, 'preferences');
    return doc && { contactColumns: doc.contactColumns };
  },
  async write(ownerId, preferences, now) {
    const doc = await settings.upsert({
      id: 'preferences',
      ownerId,
      contactColumns: preferences.contactColumns,
      updatedAt: now.toISOString(),
    });
    return { contactColumns: doc.contactColumns };
  },
};

/** The user's preferences, with defaults for anything not chosen yet. */
export async function getPreferences(ownerId: string, store: PreferencesStore): Promise<Preferences> {
  return { ...DEFAULT_PREFERENCES, ...(await store.read(ownerId)) };
}

/** Saves the user's choice; the name column always stays, so a row can be opened. */
export async function putPreferences(
  ownerId: string,
  preferences: Preferences,
  store: PreferencesStore,
  now: Date,
): Promise<Preferences> {
  const columns = [...new Set(preferences.contactColumns)];
  const contactColumns = columns.includes('name') ? columns : ['name' as const, ...columns];
  return store.write(ownerId, { contactColumns }, now);
}
