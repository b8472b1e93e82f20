import { z } from 'zod';

/** Why an address is never emailed again. */
export const SuppressionReason = z.enum(['unsubscribed', 'bounced', 'complained', 'manual', 'erased']);
export type SuppressionReason = z.infer<typeof SuppressionReason>;

/** The channel an entry stops: email unless it says SMS or WhatsApp (a STOP reply). */
export const SuppressedChannel = z.enum(['email', 'sms', 'whatsapp']);
export type SuppressedChannel = z.infer<typeof SuppressedChannel>;

export const SuppressionDto = z.object({
  /** The address: an email, or for SMS / WhatsApp entries the number in E.164. */
  email: z.string(),
  channel: SuppressedChannel.optional(),
  reason: SuppressionReason,
  /** Where it came from: the unsubscribe link, a SendGrid event, a person. */
  source: z.string(),
  createdAt: z.string(),
});
export type SuppressionDto = z.infer<typeof SuppressionDto>;

export const SuppressionInput = z.object({
  email: z.email().max(254),
  // "erased" is written only by erasing a contact (privacy/erase.ts), never added by hand.
  reason: SuppressionReason.exclude(['erased']).default('manual'),
});
export type SuppressionInput = z.input<typeof SuppressionInput>;

export const SuppressionPage = z.object({
  items: z.array(SuppressionDto),
  continuationToken: z.string().nullable(),
});
export type SuppressionPage = z.infer<typeof SuppressionPage>;
