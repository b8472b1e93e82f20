import { DateTime } from 'luxon';

/**
 * The dashboard's pre-aggregated daily counters (container `daily-counters`, partition /ownerId):
 * one document per owner, local day (the owner's zone) and campaign — plus one per day for all
 * campaigns together (`campaignId: 'all'`) — so a dashboard over a year reads at most 366
 * documents whatever the number of contacts or messages. Each document holds the day's counts,
 * and the same counts split by template and by the send slot (weekday and hour the email went
 * out, owner's zone). Events count on the local day they happened; templates and send slots are
 * those of the email the event belongs to (for a lead's booking, meeting and win: the lead's
 * latest campaign email).
 */
export const COUNTER_KINDS = [
  'sent',
  'delivered',
  'opened',
  'clicked',
  'replied',
  'booked',
  'held',
  'won',
] as const;
export type CounterKind = (typeof COUNTER_KINDS)[number];
export type Counts = Record<CounterKind, number>;

export const ALL_CAMPAIGNS = 'all';

/**
 * What the dashboard ranks templates and send times by: only these are split by template and by
 * send slot (a delivery or a click is counted per day alone), so documents stay small.
 */
export const TEMPLATE_KINDS: readonly CounterKind[] = ['sent', 'replied', 'booked'];
export const SLOT_KINDS: readonly CounterKind[] = ['sent', 'opened', 'replied', 'booked'];

export interface CounterDoc {
  id: string;
  ownerId: string;
  /** Local day, YYYY-MM-DD. */
  day: string;
  /** A campaign's id, or 'all'. */
  campaignId: string;
  counts: Partial<Counts>;
  /** `<templateId>:<kind>` → count. */
  templates: Record<string, number>;
  /**
   * When the email was sent: `h<hour 00-23>:<kind>` and `d<weekday 1-7>:<kind>` → count. Hour and
   * weekday are kept apart (31 keys a kind, not 168) so a year of documents stays small to read.
   */
  slots: Record<string, number>;
}

/** Something that happened once and is counted once (the caller knows it is the first time). */
export interface CountedEvent {
  ownerId: string;
  kind: CounterKind;
  /** When it happened (UTC ISO): its local day is the day it counts on. */
  at: string;
  campaignId?: string | null | undefined;
  templateId?: string | null | undefined;
  /** When the email it belongs to went out: its send slot. */
  sentAt?: string | null | undefined;
}

export const counterDocId = (day: string, campaignId: string) => `${day}.${campaignId}`;

export const emptyCounts = (): Counts => ({
  sent: 0,
  delivered: 0,
  opened: 0,
  clicked: 0,
  replied: 0,
  booked: 0,
  held: 0,
  won: 0,
});

/** The hour and weekday (1 = Monday) of an instant in a zone, as slot keys. */
export function slotsOf(at: string, zone: string): [hour: string, weekday: string] {
  const t = DateTime.fromISO(at, { zone });
  return [`h${String(t.hour).padStart(2, '0')}`, `d${t.weekday}`];
}

export const localDay = (at: string, zone: string): string => DateTime.fromISO(at, { zone }).toISODate()!;

/** A JSON Pointer segment (RFC 6901): the patch paths of map keys. */
const pointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export interface CounterIncrement {
  ownerId: string;
  id: string;
  day: string;
  campaignId: string;
  /** Patch path → amount. */
  paths: Map<string, number>;
}

/**
 * The increments a batch of events makes, merged per counter document: a webhook delivery of a
 * thousand events becomes one patch per document touched, not a thousand.
 */
export function incrementsOf(
  events: CountedEvent[],
  zoneOf: (ownerId: string) => string,
): CounterIncrement[] {
  const docs = new Map<string, CounterIncrement>();
  for (const e of events) {
    const zone = zoneOf(e.ownerId);
    const day = localDay(e.at, zone);
    const paths = [`/counts/${e.kind}`];
    if (e.templateId && TEMPLATE_KINDS.includes(e.kind))
      paths.push(`/templates/${pointer(`${e.templateId}:${e.kind}`)}`);
    if (e.sentAt && SLOT_KINDS.includes(e.kind))
      for (const slot of slotsOf(e.sentAt, zone)) paths.push(`/slots/${slot}:${e.kind}`);
    for (const campaignId of e.campaignId ? [ALL_CAMPAIGNS, e.campaignId] : [ALL_CAMPAIGNS]) {
      const id = counterDocId(day, campaignId);
      const key = `${e.ownerId}\u0000${id}`;
      let inc = docs.get(key);
      if (!inc) {
        inc = { ownerId: e.ownerId, id, day, campaignId, paths: new Map() };
        docs.set(key, inc);
      }
      for (const p of paths) inc.paths.set(p, (inc.paths.get(p) ?? 0) + 1);
    }
  }
  return [...docs.values()];
}

/** The document an increment creates when its day has none yet. */
export function newCounterDoc(inc: CounterIncrement): CounterDoc {
  const doc: CounterDoc = {
    id: inc.id,
    ownerId: inc.ownerId,
    day: inc.day,
    campaignId: inc.campaignId,
    counts: {},
    templates: {},
    slots: {},
  };
  for (const [path, n] of inc.paths) {
    const [, map, key] = path.split('/') as [string, 'counts' | 'templates' | 'slots', string];
    (doc[map] as Record<string, number>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] = n;
  }
  return doc;
}
