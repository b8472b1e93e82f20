import { z } from 'zod';
import { isValidZone } from './zone-clock.js';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Minutes since local midnight for "HH:MM" (24:00 = 1440, the end of the day). */
export function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const clockTime = z
  .string()
  .regex(HHMM, { message: 'Use a 24-hour time such as 09:00 (24:00 ends the day)' });

const timeRange = z
  .object({ start: clockTime, end: clockTime })
  // Only compares well-formed times; a malformed one already has its own message.
  .refine((r) => !HHMM.test(r.start) || !HHMM.test(r.end) || toMinutes(r.end) > toMinutes(r.start), {
    message: 'End must be after start (a range cannot cross midnight; split it in two)',
    path: ['end'],
  });
export type TimeRange = z.infer<typeof timeRange>;

const dayRanges = z
  .array(timeRange)
  .max(24)
  .superRefine((ranges, ctx) => {
    const sorted = ranges
      .map((r, index) => ({ ...r, index }))
      .sort((a, b) => toMinutes(a.start) - toMinutes(b.start));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const cur = sorted[i]!;
      if (toMinutes(cur.start) < toMinutes(prev.end)) {
        ctx.addIssue({
          code: 'custom',
          message: `${cur.start}–${cur.end} overlaps ${prev.start}–${prev.end}`,
          path: [cur.index],
        });
      }
    }
  });

const weekdayShape = Object.fromEntries(WEEKDAYS.map((d) => [d, dayRanges.default([])])) as Record<
  Weekday,
  z.ZodDefault<typeof dayRanges>
>;

const nineToFive = [{ start: '09:00', end: '17:00' }];
export const DEFAULT_WEEKLY_HOURS: Record<Weekday, TimeRange[]> = {
  sun: [],
  mon: nineToFive,
  tue: nineToFive,
  wed: nineToFive,
  thu: nineToFive,
  fri: nineToFive,
  sat: [],
};

/** Days absent from the object have no hours. */
export const weeklyHoursSchema = z.object(weekdayShape);
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Use a date such as 2025-03-10' })
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { message: 'Not a calendar date' });

const dateOverride = z.discriminatedUnion('type', [
  // The whole date is unavailable.
  z.object({ type: z.literal('blocked'), date: isoDate }),
  // Hours added to that date's weekly hours.
  z.object({ type: z.literal('extra'), date: isoDate, hours: dayRanges.min(1) }),
  // Hours used instead of that date's weekly hours.
  z.object({ type: z.literal('replace'), date: isoDate, hours: dayRanges.min(1) }),
]);
export type DateOverride = z.infer<typeof dateOverride>;

const minutes = (min: number, max: number) =>
  z
    .int({ error: 'Use whole minutes' })
    .min(min, { error: `Use at least ${min} minutes` })
    .max(max, { error: `Use at most ${max} minutes` });

export const availabilityRulesSchema = z.object({
  timeZone: z.string().refine(isValidZone, {
    error: (issue) => `Unknown time zone "${String(issue.input)}"; use an IANA name such as Europe/London`,
  }),
  weeklyHours: weeklyHoursSchema.default(DEFAULT_WEEKLY_HOURS),
  dateOverrides: z
    .array(dateOverride)
    .default([])
    .superRefine((overrides, ctx) => {
      const seen = new Set<string>();
      overrides.forEach((o, index) => {
        if (seen.has(o.date)) {
          ctx.addIssue({ code: 'custom', message: `${o.date} has more than one override`, path: [index] });
        }
        seen.add(o.date);
      });
    }),
  meetingLengths: z.array(minutes(5, 720)).min(1).default([30]),
  bufferBeforeMinutes: minutes(0, 720).default(15),
  bufferAfterMinutes: minutes(0, 720).default(15),
  minimumNoticeMinutes: minutes(0, 60 * 24 * 365).default(240),
  maxDaysAhead: z.int().min(1).max(365).default(14),
  /** null = no cap. */
  maxMeetingsPerDay: z.int().min(1).max(100).nullable().default(null),
  slotIntervalMinutes: minutes(5, 720).default(30),
});

export type AvailabilityRulesInput = z.input<typeof availabilityRulesSchema>;
export type AvailabilityRules = z.output<typeof availabilityRulesSchema>;

/** Validates and fills defaults; throws a ZodError whose issues name the field (→ 400). */
export function parseAvailabilityRules(input: unknown): AvailabilityRules {
  return availabilityRulesSchema.parse(input);
}
