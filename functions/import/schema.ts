import { z } from 'zod';

/** Contact fields a column can map to (`fullName` is split into first/last). */
export const ImportField = z.enum([
  'firstName',
  'lastName',
  'fullName',
  'email',
  'company',
  'title',
  'phone',
  'linkedinUrl',
  'location',
  'city',
  'country',
  'timeZone',
  'tags',
  'notes',
]);
export type ImportField = z.infer<typeof ImportField>;

/** One entry per column of the file, in order: the field it fills, or null to ignore it. */
export const ColumnMapping = z.array(ImportField.nullable()).max(200);
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const ImportFormat = z.enum(['csv', 'xlsx', 'xls', 'linkedin']);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const ImportStatus = z.enum(['preview', 'queued', 'running', 'completed', 'failed']);
export type ImportStatus = z.infer<typeof ImportStatus>;

export const ImportCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  /** Rows that repeated an earlier row of the same file and were merged into it. */
  duplicatesInFile: z.number().int(),
  /** Contacts kept without an email (flagged "no email"). */
  withoutEmail: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const RejectedRow = z.object({ row: z.number().int(), reason: z.string() });

/** An import job as the API returns it. */
export const ImportDto = z.object({
  id: z.string(),
  fileName: z.string(),
  format: ImportFormat,
  status: ImportStatus,
  headers: z.array(z.string()),
  mapping: ColumnMapping,
  /** First rows of the file as text, for the mapping preview (at most 20). */
  preview: z.array(z.array(z.string())),
  totalRows: z.number().int().nullable(),
  processedRows: z.number().int(),
  counts: ImportCounts,
  /** The first rejected rows with their reason; the full list is the CSV download. */
  rejectedSample: z.array(RejectedRow),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});
export type ImportDto = z.infer<typeof ImportDto>;

/** POST /api/imports/{id}/commit body: the mapping the user confirmed. */
export const CommitImportBody = z.object({
  mapping: ColumnMapping,
  /** Import rows of contacts erased earlier at their request (skipped and reported otherwise). */
  importErased: z.boolean().optional(),
});
export type CommitImportBody = z.infer<typeof CommitImportBody>;

/**
 * POST /api/imports/{id}/forecast with the mapping on screen: what committing would do, worked
 * out on the whole file against the stored contacts, writing nothing.
 */
export const ImportForecast = z.object({
  rows: z.number().int(),
  /** New contacts. */
  create: z.number().int(),
  /** Rows that are contacts already stored (by email, LinkedIn, name + company or phone). */
  merge: z.number().int(),
  reject: z.number().int(),
  duplicatesInFile: z.number().int(),
  withoutEmail: z.number().int(),
  /** The first rejected rows with their reason. */
  rejectedSample: z.array(RejectedRow),
});
export type ImportForecast = z.infer<typeof ImportForecast>;

/** How long an upload waits for its commit before it is discarded with its file. */
export const PREVIEW_TTL_HOURS = 24;
