import type {
  PREVIEW_TTL_HOURS as API_PREVIEW_TTL_HOURS,
  ImportField,
  ImportStatus,
} from '../../../../functions/import/schema';

/** How long an upload waits to be confirmed; typed as the API's value, so a change there fails here. */
export const PREVIEW_TTL_HOURS: typeof API_PREVIEW_TTL_HOURS = 24;

export const FIELD_LABELS: Record<ImportField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name (split into first and last)',
  email: 'Email',
  company: 'Company',
  title: 'Title',
  phone: 'Phone',
  linkedinUrl: 'LinkedIn URL',
  location: 'Location',
  city: 'City',
  country: 'Country',
  timeZone: 'Time zone',
  tags: 'Tags',
  notes: 'Notes',
};

/**
 * What a mapping menu shows where the full label would be cut off in a column-wide menu; the full
 * label stays the menu's description for screen readers and its tooltip.
 */
export const FIELD_MENU_LABELS: Partial<Record<ImportField, string>> = {
  fullName: 'Full name (first + last)',
};

export const fieldMenuLabel = (field: ImportField): string => FIELD_MENU_LABELS[field] ?? FIELD_LABELS[field];

/** Every field a column can fill, in the order the mapping menus list them. */
export const IMPORT_FIELDS = Object.keys(FIELD_LABELS) as ImportField[];

export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  preview: 'Waiting for you to confirm',
  queued: 'Queued',
  running: 'Importing',
  completed: 'Completed',
  failed: 'Failed',
};
