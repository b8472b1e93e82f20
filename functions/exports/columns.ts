import { DateTime } from 'luxon';
import type { MeetingDoc } from '../booking/model.js';
import type { MessageDoc } from '../campaigns/store.js';
import { COLUMNS as CONTACT_COLUMNS } from '../contacts/export.js';
import { type ContactDoc, displayName } from '../contacts/model.js';
import type { StageNames } from '../leads/leads.js';
import { stageName } from '../leads/stages.js';
import type { Column } from '../reports/workbook.js';
import type { ExportKind } from './schema.js';

/** What each kind's columns need besides the row: the owner's zone (wall times) and names. */
export interface ColumnContext {
  timeZone: string;
  stageNames: StageNames;
  campaignNames: Map<string, string>;
}

export type ExportRow = ContactDoc | MeetingDoc | MessageDoc;

// Zone offsets change only at quarter hours (UTC) — DST and the odd :30 / :45 zones alike.
const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * The owner's wall time of an instant ("2026-11-30T09:30"), as the report shows times. Luxon finds
 * the zone's offset once per quarter hour of time seen (an export of 100k rows has few distinct
 * ones); formatting each date through Luxon took ≈ 24 µs, most of a large export's time.
 */
function wallClock(zone: string) {
  const offsets = new Map<number, number>();
  return (iso: string | null | undefined): string | undefined => {
    if (!iso) return undefined;
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return undefined;
    const bucket = Math.floor(ms / QUARTER_HOUR_MS);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      offset = DateTime.fromMillis(bucket * QUARTER_HOUR_MS, { zone }).offset;
      offsets.set(bucket, offset);
    }
    return new Date(ms + offset * 60_000).toISOString().slice(0, 16);
  };
}

const contacts = (ctx: WithClock): Column<ContactDoc>[] => [
  // Named as the import recognises them, so an export imports back unchanged.
  ...CONTACT_COLUMNS.map(([header, value]) => ({
    header,
    type: 'text' as const,
    value,
    width: header === 'Email' || header === 'Notes' ? 30 : undefined,
  })),
  { header: 'Created', type: 'datetime', value: (c) => ctx.wall(c.createdAt) },
  { header: 'Updated', type: 'datetime', value: (c) => ctx.wall(c.updatedAt) },
];

const leads = (ctx: WithClock): Column<ContactDoc>[] => [
  { header: 'Name', type: 'text', value: (c) => displayName(c), width: 24 },
  { header: 'Email', type: 'text', value: (c) => c.email, width: 30 },
  { header: 'Company', type: 'text', value: (c) => c.company, width: 22 },
  { header: 'Stage', type: 'text', value: (c) => stageName(c.status, ctx.stageNames) },
  { header: 'In stage since', type: 'datetime', value: (c) => ctx.wall(c.lead?.since) },
  { header: 'Next action due', type: 'date', value: (c) => c.lead?.nextAction?.on },
  { header: 'Next action', type: 'text', value: (c) => c.lead?.nextAction?.note, width: 36 },
  { header: 'Source', type: 'text', value: (c) => c.source },
  { header: 'Tags', type: 'text', value: (c) => c.tags.join(', '), width: 20 },
  { header: 'Added', type: 'datetime', value: (c) => ctx.wall(c.createdAt) },
];

const meetings = (ctx: WithClock): Column<MeetingDoc>[] => [
  { header: 'Meeting', type: 'text', value: (m) => m.title, width: 28 },
  { header: 'Contact', type: 'text', value: (m) => m.contact.name, width: 24 },
  { header: 'Contact email', type: 'text', value: (m) => m.contact.email, width: 30 },
  { header: 'Start', type: 'datetime', value: (m) => ctx.wall(m.start) },
  { header: 'End', type: 'datetime', value: (m) => ctx.wall(m.end) },
  { header: 'Status', type: 'text', value: (m) => m.status },
  { header: 'Booked via', type: 'text', value: (m) => m.source },
  { header: 'Join link', type: 'text', value: (m) => m.joinUrl, width: 30 },
  { header: 'Note', type: 'text', value: (m) => m.note, width: 30 },
  { header: 'Booked at', type: 'datetime', value: (m) => ctx.wall(m.createdAt) },
  { header: 'Cancelled at', type: 'datetime', value: (m) => ctx.wall(m.cancelledAt) },
];

const messages = (ctx: WithClock): Column<MessageDoc>[] => [
  {
    header: 'Campaign',
    type: 'text',
    value: (m) => ctx.campaignNames.get(m.campaignId) ?? m.campaignId,
    width: 24,
  },
  { header: 'Step', type: 'number', value: (m) => m.step },
  { header: 'Contact', type: 'text', value: (m) => m.contactName, width: 24 },
  { header: 'To', type: 'text', value: (m) => m.to, width: 30 },
  { header: 'Status', type: 'text', value: (m) => m.status },
  { header: 'Reason', type: 'text', value: (m) => m.reason, width: 24 },
  { header: 'Scheduled for', type: 'datetime', value: (m) => ctx.wall(m.sendAt) },
  { header: 'Sent at', type: 'datetime', value: (m) => ctx.wall(m.sentAt) },
  { header: 'Last event', type: 'text', value: (m) => m.events.at(-1)?.type },
  { header: 'Last event at', type: 'datetime', value: (m) => ctx.wall(m.events.at(-1)?.at) },
];

export function columnsOf(kind: ExportKind, context: ColumnContext): Column<ExportRow>[] {
  const byKind = { contacts, leads, meetings, messages } as const;
  return byKind[kind]({ ...context, wall: wallClock(context.timeZone) }) as unknown as Column<ExportRow>[];
}

type WithClock = ColumnContext & { wall: ReturnType<typeof wallClock> };

export const FILE_STEM: Record<ExportKind, string> = {
  contacts: 'contacts',
  leads: 'leads',
  meetings: 'meetings',
  messages: 'campaign-messages',
};
