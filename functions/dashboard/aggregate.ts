import { DateTime } from 'luxon';
import { COUNTER_KINDS, type CounterDoc, type CounterKind, type Counts, emptyCounts } from './counters.js';
import type { DashboardDto, RatesDto, SendTimeDto, TemplateStatDto } from './schema.js';

/** Fewer sends than this and a template, hour or weekday is not ranked: its rate is noise. */
export const MIN_SAMPLE = 20;

export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function ratesOf(c: Counts): RatesDto {
  return {
    delivered: rate(c.delivered, c.sent),
    opened: rate(c.opened, c.delivered),
    clicked: rate(c.clicked, c.delivered),
    replied: rate(c.replied, c.sent),
    booked: rate(c.booked, c.sent),
    held: rate(c.held, c.booked),
    won: rate(c.won, c.held),
  };
}

/** Every local day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = DateTime.fromISO(from); d.toISODate()! <= to; d = d.plus({ days: 1 }))
    days.push(d.toISODate()!);
  return days;
}

const isKind = (k: string): k is CounterKind => (COUNTER_KINDS as readonly string[]).includes(k);

/** `<key>:<kind>` maps summed over the documents into key → counts. */
function splitMap(docs: CounterDoc[], field: 'templates' | 'slots'): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const doc of docs)
    for (const [k, n] of Object.entries(doc[field] ?? {})) {
      const at = k.lastIndexOf(':');
      const key = k.slice(0, at);
      const kind = k.slice(at + 1);
      if (!isKind(kind)) continue;
      const counts = out.get(key) ?? emptyCounts();
      out.set(key, counts);
      counts[kind] += n;
    }
  return out;
}

const sendTime = (c: Counts): SendTimeDto => ({
  sent: c.sent,
  opened: c.opened,
  replied: c.replied,
  booked: c.booked,
  replyRate: rate(c.replied, c.sent),
});

/** The key with the best reply rate (then most sends) among those sent at least `min` times. */
function best<T extends SendTimeDto>(rows: T[], key: (r: T) => number, min: number): number | null {
  const ranked = rows
    .filter((r) => r.sent >= min)
    .sort((a, b) => b.replyRate! - a.replyRate! || b.sent - a.sent || key(a) - key(b));
  return ranked[0] ? key(ranked[0]) : null;
}

/** The dashboard over one campaign's (or all campaigns') daily documents of [from, to]. */
export function summarize(
  docs: CounterDoc[],
  period: { from: string; to: string; timeZone: string; campaignId: string | null },
  templateNames: Map<string, string>,
  minSample = MIN_SAMPLE,
): DashboardDto {
  const byDay = new Map<string, Counts>();
  const totals = emptyCounts();
  for (const doc of docs) {
    if (doc.day < period.from || doc.day > period.to) continue;
    const day = byDay.get(doc.day) ?? emptyCounts();
    byDay.set(doc.day, day);
    for (const kind of COUNTER_KINDS) {
      const n = doc.counts?.[kind] ?? 0;
      day[kind] += n;
      totals[kind] += n;
    }
  }
  const inPeriod = docs.filter((d) => d.day >= period.from && d.day <= period.to);
  const templateStats: TemplateStatDto[] = [...splitMap(inPeriod, 'templates')].map(([templateId, c]) => ({
    templateId,
    name: templateNames.get(templateId) ?? 'A deleted template',
    sent: c.sent,
    replied: c.replied,
    booked: c.booked,
    replyRate: rate(c.replied, c.sent),
    bookRate: rate(c.booked, c.sent),
  }));
  const ranked = templateStats
    .filter((t) => t.sent >= minSample)
    .sort(
      (a, b) =>
        b.replyRate! - a.replyRate! ||
        b.bookRate! - a.bookRate! ||
        b.sent - a.sent ||
        a.name.localeCompare(b.name),
    );
  const slots = splitMap(inPeriod, 'slots');
  const hours = Array.from({ length: 24 }, emptyCounts);
  const weekdays = Array.from({ length: 7 }, emptyCounts);
  for (const [slot, c] of slots) {
    const n = Number(slot.slice(1));
    const into = slot[0] === 'h' ? hours[n] : slot[0] === 'd' ? weekdays[n - 1] : undefined;
    if (into) for (const kind of COUNTER_KINDS) into[kind] += c[kind];
  }
  const byHour = hours.map((c, hour) => ({ hour, ...sendTime(c) }));
  const byWeekday = weekdays.map((c, i) => ({ weekday: i + 1, ...sendTime(c) }));
  return {
    ...period,
    totals,
    rates: ratesOf(totals),
    funnel: COUNTER_KINDS.map((stage) => ({ stage, count: totals[stage] })),
    series: daysBetween(period.from, period.to).map((day) => ({ day, ...(byDay.get(day) ?? emptyCounts()) })),
    templates: ranked,
    templatesUnranked: templateStats.length - ranked.length,
    sendTimes: {
      byHour,
      byWeekday,
      bestHour: best(byHour, (r) => r.hour, minSample),
      bestWeekday: best(byWeekday, (r) => r.weekday, minSample),
    },
    minSample,
  };
}
