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

/** The owner's wall time of an instant ("2026-11-30T09:30"), as the report shows times. */
const wall = (zone: string) => (iso: string | null | undefined) =>
  iso ? DateTime.fromISO(iso).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm") : undefined;

const contacts = (ctx: ColumnContext): Column<ContactDoc>[] => [
  // Named as the import recognises them, so an export imports back unchanged.
  ...CONTACT_COLUMNS.map(([header, value]) => ({
    header,
    type: 'text' as const,
    value,
    width: header === 'Email' || header === 'Notes' ? 30 : undefined,
  })),
  { header: 'Created', type: 'datetime', value: (c) => wall(ctx.timeZone)(c.createdAt) },
  { header: 'Updated', type: 'datetime', value: (c) => wall(ctx.timeZone)(c.updatedAt) },
];

const leads = (ctx: ColumnContext): Column<ContactDoc>[] => [
  { header: 'Name', type: 'text', value: (c) => displayName(c), width: 24 },
  { header: 'Email', type: 'text', value: (c) => c.email, width: 30 },
  { header: 'Company', type: 'text', value: (c) => c.company, width: 22 },
  { header: 'Stage', type: 'text', value: (c) => stageName(c.status, ctx.stageNames) },
  { header: 'In stage since', type: 'datetime', value: (c) => wall(ctx.timeZone)(c.lead?.since) },
  { header: 'Next action due', type: 'date', value: (c) => c.lead?.nextAction?.on },
  { header: 'Next action', type: 'text', value: (c) => c.lead?.nextAction?.note, width: 36 },
  { header: 'Source', type: 'text', value: (c) => c.source },
  { header: 'Tags', type: 'text', value: (c) => c.tags.join(', '), width: 20 },
  { header: 'Added', type: 'datetime', value: (c) => wall(ctx.timeZone)(c.createdAt) },
];

const meetings = (ctx: ColumnContext): Column<MeetingDoc>[] => [
  { header: 'Meeting', type: 'text', value: (m) => m.title, width: 28 },
  { header: 'Contact', type: 'text', value: (m) => m.contact.name, width: 24 },
  { header: 'Contact email', type: 'text', value: (m) => m.contact.email, width: 30 },
  { header: 'Start', type: 'datetime', value: (m) => wall(ctx.timeZone)(m.start) },
  { header: 'End', type: 'datetime', value: (m) => wall(ctx.timeZone)(m.end) },
  { header: 'Status', type: 'text', value: (m) => m.status },
  { header: 'Booked via', type: 'text', value: (m) => m.source },
  { header: 'Join link', type: 'text', value: (m) => m.joinUrl, width: 30 },
  { header: 'Note', type: 'text', value: (m) => m.note, width: 30 },
  { header: 'Booked at', type: 'datetime', value: (m) => wall(ctx.timeZone)(m.createdAt) },
  { header: 'Cancelled at', type: 'datetime', value: (m) => wall(ctx.timeZone)(m.cancelledAt) },
];

const messages = (ctx: ColumnContext): Column<MessageDoc>[] => [
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
  { header: 'Scheduled for', type: 'datetime', value: (m) => wall(ctx.timeZone)(m.sendAt) },
  { header: 'Sent at', type: 'datetime', value: (m) => wall(ctx.timeZone)(m.sentAt) },
  { header: 'Last event', type: 'text', value: (m) => m.events.at(-1)?.type },
  { header: 'Last event at', type: 'datetime', value: (m) => wall(ctx.timeZone)(m.events.at(-1)?.at) },
];

export function columnsOf(kind: ExportKind, ctx: ColumnContext): Column<ExportRow>[] {
  const byKind = { contacts, leads, meetings, messages } as const;
  return byKind[kind](ctx) as unknown as Column<ExportRow>[];
}

export const FILE_STEM: Record<ExportKind, string> = {
  contacts: 'contacts',
  leads: 'leads',
  meetings: 'meetings',
  messages: 'campaign-messages',
};
