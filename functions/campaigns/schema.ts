import { z } from 'zod';
import { ContactFilter } from '../contacts/schema.js';

/** A mailbox a user sends from, with its caps and the footer every outreach email carries. */
export const SenderInput = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.email().max(254),
  replyTo: z.email().max(254).nullable().optional(),
  /** HTML signature ({{senderSignature}} in templates). */
  signature: z.string().max(5000).default(''),
  /** Postal address shown in every footer (CAN-SPAM, GDPR); a campaign cannot start without it. */
  postalAddress: z.string().trim().max(500).default(''),
  /** Emails per rolling 24 hours from this mailbox (default 100), and per hour. */
  dailyCap: z.number().int().min(1).max(10_000).default(100),
  hourlyCap: z.number().int().min(1).max(10_000).nullable().default(null),
  /** Warm-up: the daily cap grows from 20 by 20 a day until it reaches dailyCap. */
  warmUp: z.boolean().default(false),
});
export type SenderInput = z.input<typeof SenderInput>;

export const SenderDto = SenderInput.extend({
  id: z.string(),
  replyTo: z.string().nullable(),
  /** When warm-up began (the first campaign sent from it), or null. */
  warmUpStartedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SenderDto = z.infer<typeof SenderDto>;

/** Why a follow-up step is not sent to a contact. */
export const StopReason = z.enum(['replied', 'booked', 'unsubscribed', 'bounced']);
export type StopReason = z.infer<typeof StopReason>;

export const CampaignStep = z.object({
  templateId: z.string().min(1),
  /** Days after the previous step (0 for the first step: it goes at the campaign's start). */
  delayDays: z.number().int().min(0).max(90),
  /** A contact for whom any of these happened since the previous step gets no more steps. */
  stopOn: z.array(StopReason).default(['replied', 'booked', 'unsubscribed', 'bounced']),
});
export type CampaignStep = z.input<typeof CampaignStep>;

export const Audience = z.union([
  z.object({ ids: z.array(z.string().min(1)).min(1).max(10_000) }).strict(),
  z.object({ filter: ContactFilter }).strict(),
]);
export type Audience = z.infer<typeof Audience>;

export const CampaignInput = z.object({
  name: z.string().trim().min(1).max(120),
  audience: Audience,
  senderId: z.string().min(1),
  /** First step's send time (UTC ISO); null = as soon as it is started. */
  startAt: z.iso.datetime().nullable().default(null),
  steps: z.array(CampaignStep).min(1).max(10),
});
export type CampaignInput = z.input<typeof CampaignInput>;

export const CampaignStatus = z.enum([
  'draft',
  'scheduled',
  'sending',
  'waiting',
  'done',
  'paused',
  'failed',
]);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

export const MessageStatus = z.enum([
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'replied',
  'bounced',
  'failed',
  'skipped',
  'stopped',
]);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const CampaignCounts = z.object({
  recipients: z.number().int(),
  scheduled: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  opened: z.number().int(),
  clicked: z.number().int(),
  replied: z.number().int(),
  bounced: z.number().int(),
  failed: z.number().int(),
  /** Not sent: no email address, unsubscribed / bounced / complained (checked at send time), or stopped by a stop rule. */
  skippedNoEmail: z.number().int(),
  skippedSuppressed: z.number().int(),
  stopped: z.number().int(),
});
export type CampaignCounts = z.infer<typeof CampaignCounts>;

export const CampaignDto = z.object({
  id: z.string(),
  name: z.string(),
  audience: Audience,
  senderId: z.string(),
  startAt: z.string().nullable(),
  steps: z.array(CampaignStep.required()),
  status: CampaignStatus,
  counts: CampaignCounts,
  /** Why it waits (the sender's cap) or failed, in words, and when it goes on by itself. */
  statusDetail: z.string().nullable(),
  resumesAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type CampaignDto = z.infer<typeof CampaignDto>;

export const MessageEvent = z.object({ type: z.string(), at: z.string(), detail: z.string().optional() });

/** One email of a campaign: one contact, one step. */
export const MessageDto = z.object({
  id: z.string(),
  campaignId: z.string(),
  step: z.number().int(),
  contactId: z.string(),
  to: z.string().nullable(),
  contactName: z.string(),
  status: MessageStatus,
  reason: z.string().nullable(),
  sendAt: z.string(),
  sentAt: z.string().nullable(),
  events: z.array(MessageEvent),
});
export type MessageDto = z.infer<typeof MessageDto>;

export const MessagePage = z.object({
  items: z.array(MessageDto),
  continuationToken: z.string().nullable(),
});
export type MessagePage = z.infer<typeof MessagePage>;

/** GET /api/campaigns/{id}/messages query. */
export const MessageListQuery = z.object({
  status: MessageStatus.optional(),
  step: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  continuationToken: z.string().max(4000).optional(),
});
export type MessageListQuery = z.infer<typeof MessageListQuery>;
