import type { ContactsDeps } from './contacts.js';
import { createCosmosContactStore } from './cosmos-contact-store.js';

/** The real dependencies of the contact use cases. */
export function contactsDeps(): ContactsDeps {
  return { store: createCosmosContactStore(), now: () => new Date() };
}
