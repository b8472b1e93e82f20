import type { ContactDto, ContactSource, ContactStatus } from '../../../../functions/contacts/schema';

export const STATUS_LABELS: Record<ContactStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  replied: 'Replied',
  meeting: 'Meeting booked',
  won: 'Won',
  lost: 'Lost',
};

export const SOURCE_LABELS: Record<ContactSource, string> = {
  csv: 'CSV file',
  xlsx: 'Excel (.xlsx)',
  xls: 'Excel (.xls)',
  linkedin: 'LinkedIn export',
  manual: 'Added by hand',
  bot: 'Chat bot',
  booking: 'Booking page',
};

// Records keyed by the API's enums: TypeScript flags a missing or unknown value, and the SPA
// imports only types from the API's schemas (no zod in the bundle).
export const STATUSES = Object.keys(STATUS_LABELS) as ContactStatus[];
export const SOURCES = Object.keys(SOURCE_LABELS) as ContactSource[];

export const displayName = (contact: ContactDto): string =>
  [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email || 'Unnamed contact';
