import { z } from 'zod';

/** What the audit log records: each a thing a user (or the system for them) did that matters later. */
export const AuditAction = z.enum([
  'contact.erase',
  'contact.export',
  'contacts.export',
  'account.export',
  'account.delete',
  'campaign.start',
  'calendar.connect',
  'calendar.disconnect',
  'calendar.write',
  'channel.connect',
  'channel.disconnect',
  'settings.availability',
  'settings.notifications',
  'settings.bot',
  'settings.stages',
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditOutcome = z.enum(['ok', 'error']);

/** Plain facts only: ids, counts, names of things — never a secret, a token or a message body. */
const DetailValue = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);

export const AuditEntryDto = z.object({
  id: z.string(),
  at: z.string(),
  /** Who: the signed-in user's name/email, or "system" / "contact" for automatic actions. */
  actor: z.string(),
  action: AuditAction,
  /** What it acted on: a contact id, a campaign id, a connection, "account". */
  target: z.string(),
  outcome: AuditOutcome,
  detail: z.record(z.string(), DetailValue),
});
export type AuditEntryDto = z.infer<typeof AuditEntryDto>;

export const AuditQuery = z.object({
  action: AuditAction.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  continuation: z.string().max(4000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({
  items: z.array(AuditEntryDto),
  continuation: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
