import { z } from 'zod';

/** An email the outbox provider kept instead of sending: what the recipient would have received. */
export const OutboxEmailDto = z.object({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  replyTo: z.string().nullable(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  headers: z.record(z.string(), z.string()),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number().int() })),
  campaignId: z.string().nullable(),
  sentAt: z.string(),
});
export type OutboxEmailDto = z.infer<typeof OutboxEmailDto>;

export const OutboxSummaryDto = OutboxEmailDto.pick({
  id: true,
  from: true,
  to: true,
  subject: true,
  campaignId: true,
  sentAt: true,
});
export type OutboxSummaryDto = z.infer<typeof OutboxSummaryDto>;

export const OutboxPage = z.object({
  items: z.array(OutboxSummaryDto),
  continuationToken: z.string().nullable(),
});
export type OutboxPage = z.infer<typeof OutboxPage>;

/** GET /api/outbox: a page of the owner's kept emails, newest first. */
export const OutboxListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  continuationToken: z.string().max(4000).optional(),
});
export type OutboxListQuery = z.infer<typeof OutboxListQuery>;
