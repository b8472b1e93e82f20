import { z } from 'zod';
import { MEETING_STATUSES } from '../booking/schema.js';
import { MessageStatus } from '../campaigns/schema.js';
import { ContactFilter, ContactStatus } from '../contacts/schema.js';

export const ExportKind = z.enum(['contacts', 'leads', 'meetings', 'messages']);
export type ExportKind = z.infer<typeof ExportKind>;
export const ExportFormat = z.enum(['xlsx', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormat>;

const Day = z.iso.date({ error: 'a day, YYYY-MM-DD' });

/** POST /api/exports: what to export, narrowed by the filters that make sense for it, and as what. */
export const ExportRequest = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('contacts'), format: ExportFormat, filter: ContactFilter.strict().default({}) })
    .strict(),
  z
    .object({
      kind: z.literal('leads'),
      format: ExportFormat,
      filter: z
        .object({ stage: ContactStatus.optional(), tag: z.string().trim().max(60).optional() })
        .strict()
        .default({}),
    })
    .strict(),
  z
    .object({
      kind: z.literal('meetings'),
      format: ExportFormat,
      /** Meetings starting on these days (the owner's zone), both included. */
      filter: z
        .object({ from: Day.optional(), to: Day.optional(), status: z.enum(MEETING_STATUSES).optional() })
        .strict()
        .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'before the start day', path: ['to'] })
        .default({}),
    })
    .strict(),
  z
    .object({
      kind: z.literal('messages'),
      format: ExportFormat,
      filter: z
        .object({
          campaignId: z.string().trim().min(1).max(200).optional(),
          status: MessageStatus.optional(),
        })
        .strict()
        .default({}),
    })
    .strict(),
]);
export type ExportRequest = z.infer<typeof ExportRequest>;

export const ExportStatus = z.enum(['queued', 'running', 'completed', 'failed']);
export type ExportStatus = z.infer<typeof ExportStatus>;

export interface ExportJobDto {
  id: string;
  kind: ExportKind;
  format: ExportFormat;
  filter: Record<string, string>;
  status: ExportStatus;
  /** Rows to write and rows written so far: the progress bar. */
  total: number;
  processed: number;
  fileName: string;
  /** Bytes of the finished file. */
  size: number | null;
  error: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface ExportListDto {
  items: ExportJobDto[];
}

/** The request as the SPA sends it (filters may be left out). */
export type ExportRequestInput = z.input<typeof ExportRequest>;
