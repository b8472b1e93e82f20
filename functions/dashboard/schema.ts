import { DateTime } from 'luxon';
import { z } from 'zod';
import type { CounterKind, Counts } from './counters.js';

/** The longest period one dashboard covers (a year, leap day included). */
export const MAX_RANGE_DAYS = 366;

const Day = z.iso.date({ error: 'a day, YYYY-MM-DD' });

/** GET /api/dashboard: from/to are local days in the owner's zone (the last 30 days when absent). */
export const DashboardQuery = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    campaign: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && !q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'give "to" with "from"' });
    if (q.to && !q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'give "from" with "to"' });
    if (!q.from || !q.to) return;
    if (q.from > q.to) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be on or before "to"' });
      return;
    }
    const days = DateTime.fromISO(q.to).diff(DateTime.fromISO(q.from), 'days').days + 1;
    if (days > MAX_RANGE_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_RANGE_DAYS} days after "from"` });
  });
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export type CountsDto = Counts;

export interface RatesDto {
  /** delivered / sent */
  delivered: number | null;
  /** opened / delivered */
  opened: number | null;
  /** clicked / delivered */
  clicked: number | null;
  /** replied / sent */
  replied: number | null;
  /** booked / sent */
  booked: number | null;
  /** held / booked */
  held: number | null;
  /** won / held */
  won: number | null;
}

export interface DayDto extends Counts {
  day: string;
}

export interface TemplateStatDto {
  templateId: string;
  name: string;
  sent: number;
  replied: number;
  booked: number;
  replyRate: number | null;
  bookRate: number | null;
}

export interface SendTimeDto {
  sent: number;
  opened: number;
  replied: number;
  booked: number;
  replyRate: number | null;
}

export interface DashboardDto {
  from: string;
  to: string;
  timeZone: string;
  campaignId: string | null;
  totals: CountsDto;
  rates: RatesDto;
  funnel: { stage: CounterKind; count: number }[];
  series: DayDto[];
  /** Templates with at least `minSample` sends, best reply rate first (then booking rate). */
  templates: TemplateStatDto[];
  /** Templates used in the period with fewer sends than that: not ranked yet. */
  templatesUnranked: number;
  sendTimes: {
    byHour: (SendTimeDto & { hour: number })[];
    byWeekday: (SendTimeDto & { weekday: number })[];
    /** The hour and weekday with the best reply rate among those with `minSample` sends. */
    bestHour: number | null;
    bestWeekday: number | null;
  };
  minSample: number;
}
