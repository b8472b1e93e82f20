import { z } from 'zod';
import { type AvailabilityRules, availabilityRulesSchema } from '../_shared/scheduling/rules.js';
import { VIDEO_CHOICES } from '../video/schema.js';

/** A meeting type's video room: the organizer's default (Calendars page), or one of its own. */
export const MEETING_TYPE_VIDEO = ['default', ...VIDEO_CHOICES.filter((c) => c !== 'auto')] as const;
export type MeetingTypeVideo = (typeof MEETING_TYPE_VIDEO)[number];

export const MEETING_LOCATIONS = ['video', 'phone', 'in-person'] as const;
export type MeetingLocation = (typeof MEETING_LOCATIONS)[number];

/** One kind of meeting a contact can book: its length must be one of the rules' meeting lengths. */
export const MeetingType = z.object({
  id: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1, { error: 'Give the meeting type a name' }).max(100),
  durationMinutes: z
    .int({ error: 'Use whole minutes' })
    .min(5, { error: 'Use at least 5 minutes' })
    .max(720, { error: 'Use at most 720 minutes' }),
  description: z.string().trim().max(2000).default(''),
  location: z.enum(MEETING_LOCATIONS),
  /** For video meetings: where this type's rooms are made; `default` follows the organizer's choice. */
  video: z.enum(MEETING_TYPE_VIDEO).default('default'),
  active: z.boolean().default(true),
});
export type MeetingType = z.output<typeof MeetingType>;

/**
 * PUT /api/availability. `rules` is checked with the engine's own schema (rules.ts), so the page
 * and the slot search never disagree; `etag` is what the page read (null for a first save).
 */
export const AvailabilityPut = z.object({
  rules: availabilityRulesSchema,
  meetingTypes: z
    .array(MeetingType)
    .min(1, { error: 'Keep at least one meeting type' })
    .max(50)
    .superRefine((types, ctx) => {
      const seen = new Set<string>();
      types.forEach((t, index) => {
        if (seen.has(t.id))
          ctx.addIssue({ code: 'custom', message: 'Two meeting types share this id', path: [index, 'id'] });
        seen.add(t.id);
      });
    }),
  etag: z.string().min(1).nullable(),
});
export type AvailabilityPut = z.output<typeof AvailabilityPut>;
export type AvailabilityPutInput = z.input<typeof AvailabilityPut>;

/** GET /api/availability?timeZone= (the browser's zone, used only to seed a new user's defaults). */
export const AvailabilityQuery = z.object({ timeZone: z.string().max(100).optional() });

export const PreviewQuery = z.object({
  /** A meeting type id; the first active one when absent. */
  meetingType: z.string().max(64).optional(),
  timeZone: z.string().max(100).optional(),
});

export interface AvailabilityDto {
  rules: AvailabilityRules;
  meetingTypes: MeetingType[];
  /** Send it back with the next PUT; null until the first save. */
  etag: string | null;
  updatedAt: string | null;
}

export interface PreviewSlot {
  /** UTC instants. */
  start: string;
  end: string;
  /** The start on the organizer's clock, "HH:mm". */
  local: string;
}

export interface AvailabilityPreview {
  timeZone: string;
  meetingType: Pick<MeetingType, 'id' | 'name' | 'durationMinutes'>;
  /** The next 7 local dates from today, each with its free slots (none when busy-free hours are closed). */
  days: { date: string; slots: PreviewSlot[] }[];
}
