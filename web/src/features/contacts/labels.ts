import type {
  ContactDto,
  ContactFlag,
  ContactSource,
  ContactStatus,
} from '../../../../functions/contacts/schema';

export const STATUS_LABELS: Record<ContactStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  replied: 'Replied',
  meeting: 'Meeting booked',
  met: 'Met',
  'no-show': 'No-show',
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

/** Badges beside a contact, with what they mean on hover. */
export const FLAG_LABELS: Record<ContactFlag, { label: string; hint: string }> = {
  'no-email': { label: 'no email', hint: 'No email address: reach this person another way.' },
  'phone-unverified': {
    label: 'phone unverified',
    hint: 'The phone number is kept as typed: its country was unknown. Add the +country code.',
  },
};

// Records keyed by the API's enums: TypeScript flags a missing or unknown value, and the SPA
// imports only types from the API's schemas (no zod in the bundle).
export const STATUSES = Object.keys(STATUS_LABELS) as ContactStatus[];
export const SOURCES = Object.keys(SOURCE_LABELS) as ContactSource[];
/** Sources something produces today (import and adding by hand); the filter offers only these. */
export const FILTER_SOURCES: readonly ContactSource[] = ['csv', 'xlsx', 'xls', 'linkedin', 'manual'];

export const displayName = (contact: ContactDto): string =>
  [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email || 'Unnamed contact';
