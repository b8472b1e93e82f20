import type { ContactFields, ContactFlag, ContactSource } from '../contacts/schema.js';

/** A contact as one row of a file describes it, normalised and within the ContactFields limits. */
export interface ContactDraft extends Omit<ContactFields, 'tags'> {
  tags: string[];
  flags: ContactFlag[];
  source: ContactSource;
}

/** A row that could not become a contact, with the reason shown to the user and its cells for the report. */
export interface RejectedRow {
  row: number;
  reason: string;
  cells: string[];
}
