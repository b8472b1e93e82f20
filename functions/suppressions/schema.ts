import { z } from 'zod';

/** Why an address is never emailed again. */
export const SuppressionReason = z.enum(['unsubscribed', 'bounced', 'complained', 'manual']);
export type SuppressionReason = z.infer<typeof SuppressionReason>;

export const SuppressionDto = z.object({
  email: z.string(),
  reason: SuppressionReason,
  /** Where it came from: the unsubscribe link, a SendGrid event, a person. */
  source: z.string(),
  createdAt: z.string(),
});
export type SuppressionDto = z.infer<typeof SuppressionDto>;

export const SuppressionInput = z.object({
  email: z.email().max(254),
  reason: SuppressionReason.default('manual'),
});
export type SuppressionInput = z.input<typeof SuppressionInput>;

export const SuppressionPage = z.object({
  items: z.array(SuppressionDto),
  continuationToken: z.string().nullable(),
});
export type SuppressionPage = z.infer<typeof SuppressionPage>;
