import { z } from 'zod';
import { ContactSource, TAG_LIMITS } from '../contacts/schema.js';
import { LEAD_STAGES, type LeadStage } from './stages.js';

/** The API shapes of the leads capability; the SPA imports these types. */

export const LeadStageSchema = z.enum(LEAD_STAGES);

/** A calendar date, YYYY-MM-DD (follow-ups are days in the owner's zone, not instants). */
const LocalDate = z.iso.date({ error: 'a date as YYYY-MM-DD' });

export const NextAction = z.object({
  on: LocalDate,
  note: z.string().trim().max(500).default(''),
});
export type NextAction = z.infer<typeof NextAction>;

/** Which follow-ups: due today, overdue (before today), or either. "Today" is in the owner's zone. */
export const DueFilter = z.enum(['today', 'overdue', 'due']);
export type DueFilter = z.infer<typeof DueFilter>;

/** GET /api/leads query string. */
export const LeadListQuery = z.object({
  stage: LeadStageSchema.optional(),
  source: ContactSource.optional(),
  tag: z.string().trim().min(1).max(TAG_LIMITS.length).optional(),
  due: DueFilter.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  continuationToken: z.string().max(4000).optional(),
});
export type LeadListQuery = z.input<typeof LeadListQuery>;
export type ParsedLeadListQuery = z.infer<typeof LeadListQuery>;

/** PATCH /api/leads/{id}: a stage set by hand, and/or the next action (null clears it). */
export const LeadPatch = z
  .object({ stage: LeadStageSchema.optional(), nextAction: NextAction.nullable().optional() })
  .strict()
  .refine((p) => p.stage !== undefined || p.nextAction !== undefined, {
    message: 'Give a stage or a next action',
    path: ['stage'],
  });
export type LeadPatch = z.infer<typeof LeadPatch>;

export interface LeadDto {
  id: string;
  name: string;
  email?: string | undefined;
  company?: string | undefined;
  stage: LeadStage;
  /** The stage as this owner names it. */
  stageName: string;
  /** When it reached this stage, and whether a person or an event moved it there (absent: before the pipeline). */
  stageSince?: string | undefined;
  stageBy?: 'event' | 'manual' | undefined;
  source: ContactSource;
  tags: string[];
  nextAction: NextAction | null;
  createdAt: string;
  updatedAt: string;
}

export interface LeadPage {
  items: LeadDto[];
  continuationToken: string | null;
  /** How many leads match the filters over all pages: on the first page only (null on later ones). */
  total: number | null;
}

/** GET /api/leads/followups: in the owner's zone, the leads whose next action is today or earlier. */
export interface FollowupsDto {
  /** Today's date in the owner's zone. */
  today: string;
  timeZone: string;
  dueToday: LeadDto[];
  overdue: LeadDto[];
}

/** One line of a lead's activity, newest first. */
export interface TimelineItem {
  at: string;
  kind: 'stage' | 'email' | 'reply' | 'meeting' | 'note';
  /** One line a person reads: "Moved to Replied (reply)", "Email sent: Quick question". */
  title: string;
  /** The message, meeting or entry it comes from. */
  ref: string;
}

export interface TimelineDto {
  leadId: string;
  items: TimelineItem[];
}

/** GET/PUT /api/leads/stages: the owner's names for the fixed stages (blank → the default name). */
export const StageNamesPut = z.object({
  names: z.partialRecord(LeadStageSchema, z.string().trim().max(40)),
});
export type StageNamesPut = z.infer<typeof StageNamesPut>;

export interface StageNamesDto {
  stages: { stage: LeadStage; name: string }[];
}
