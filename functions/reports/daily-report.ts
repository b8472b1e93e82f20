import { DateTime } from 'luxon';
import type { ContactDoc } from '../contacts/model.js';
import { displayName } from '../contacts/model.js';
import type { LeadEventDoc } from '../leads/lead-events.js';
import type { StageNames } from '../leads/leads.js';
import { type LeadStage, stageName } from '../leads/stages.js';
import type { CampaignCounts, CampaignResult } from './campaign-results.js';
import { type Column, toSheet, writeWorkbook } from './workbook.js';

/**
 * The daily report: what happened to the owner's leads on one local day, and the follow-ups due
 * the morning after, as an .xlsx. `buildDailyReport` is pure (rows in, bytes out); `collect…`
 * reads the rows through injected stores.
 */

export interface ReportMeeting {
  id: string;
  contactId: string;
  contactName: string;
  title: string;
  start: string;
  end: string;
  status: 'requested' | 'booked' | 'cancelled' | 'no-show';
  createdAt: string;
}

export interface DailyReportData {
  /** The local day covered, YYYY-MM-DD, and the owner's zone every time is shown in. */
  date: string;
  timeZone: string;
  stageNames: StageNames;
  newLeads: ContactDoc[];
  stageChanges: (LeadEventDoc & { leadName: string })[];
  meetings: ReportMeeting[];
  /** Leads whose next action is due on the morning after `date`, or earlier. */
  followups: ContactDoc[];
  /** Per campaign: its emails' results on the day and since it began (campaign-results.ts). */
  campaigns: CampaignResult[];
}

const COUNT_LABELS: [keyof CampaignCounts, string][] = [
  ['sent', 'Sent'],
  ['delivered', 'Delivered'],
  ['opened', 'Opened'],
  ['clicked', 'Clicked'],
  ['replied', 'Replied'],
  ['booked', 'Booked'],
];
const countColumns = (period: 'day' | 'toDate', suffix: string): Column<CampaignResult>[] =>
  COUNT_LABELS.map(([key, label]) => ({
    header: `${label} ${suffix}`,
    type: 'number',
    value: (r) => r[period][key],
    width: label.length + suffix.length + 3,
  }));

export type MeetingOutcome = 'Booked' | 'Held' | 'No-show';

/** The sheet's rows for meetings: booked that day, held that day (ended, not a no-show), no-shows that day. */
export function meetingRows(data: DailyReportData): { outcome: MeetingOutcome; meeting: ReportMeeting }[] {
  const { from, to } = dayWindow(data.date, data.timeZone);
  const inDay = (iso: string) => iso >= from && iso < to;
  const rows: { outcome: MeetingOutcome; meeting: ReportMeeting }[] = [];
  for (const m of data.meetings) {
    if (inDay(m.createdAt)) rows.push({ outcome: 'Booked', meeting: m });
    if (m.status === 'booked' && inDay(m.end)) rows.push({ outcome: 'Held', meeting: m });
    if (m.status === 'no-show' && inDay(m.start)) rows.push({ outcome: 'No-show', meeting: m });
  }
  return rows.sort(
    (a, b) => a.meeting.start.localeCompare(b.meeting.start) || a.outcome.localeCompare(b.outcome),
  );
}

/** The UTC instants that bound a local day. */
export function dayWindow(date: string, zone: string): { from: string; to: string } {
  const start = DateTime.fromISO(date, { zone }).startOf('day');
  return { from: start.toUTC().toISO()!, to: start.plus({ days: 1 }).toUTC().toISO()! };
}

export const nextDay = (date: string): string => DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;

export function buildDailyReport(data: DailyReportData): Buffer {
  const wall = (iso: string) => DateTime.fromISO(iso).setZone(data.timeZone).toFormat("yyyy-MM-dd'T'HH:mm");
  const stage = (s: LeadStage | undefined) => (s ? stageName(s, data.stageNames) : '');
  const dueBy = nextDay(data.date);
  return writeWorkbook([
    {
      name: 'New leads',
      sheet: toSheet({
        name: 'New leads',
        rows: data.newLeads,
        columns: [
          { header: 'Name', type: 'text', value: (c) => displayName(c), width: 24 },
          { header: 'Email', type: 'text', value: (c) => c.email, width: 30 },
          { header: 'Company', type: 'text', value: (c) => c.company, width: 22 },
          { header: 'Source', type: 'text', value: (c) => c.source },
          { header: 'Stage', type: 'text', value: (c) => stage(c.status) },
          { header: 'Tags', type: 'text', value: (c) => c.tags.join(', '), width: 20 },
          { header: 'Added', type: 'datetime', value: (c) => wall(c.createdAt) },
        ],
      }),
    },
    {
      name: 'Stage changes',
      sheet: toSheet({
        name: 'Stage changes',
        rows: data.stageChanges,
        columns: [
          { header: 'Lead', type: 'text', value: (e) => e.leadName, width: 24 },
          { header: 'From', type: 'text', value: (e) => stage(e.from) },
          { header: 'To', type: 'text', value: (e) => stage(e.to) },
          { header: 'Cause', type: 'text', value: (e) => e.cause },
          { header: 'When', type: 'datetime', value: (e) => wall(e.at) },
        ],
      }),
    },
    {
      name: 'Meetings',
      sheet: toSheet({
        name: 'Meetings',
        rows: meetingRows(data),
        columns: [
          { header: 'Outcome', type: 'text', value: (r) => r.outcome },
          { header: 'Contact', type: 'text', value: (r) => r.meeting.contactName, width: 24 },
          { header: 'Meeting', type: 'text', value: (r) => r.meeting.title, width: 28 },
          { header: 'Start', type: 'datetime', value: (r) => wall(r.meeting.start) },
          { header: 'Booked at', type: 'datetime', value: (r) => wall(r.meeting.createdAt) },
        ],
      }),
    },
    {
      name: 'Follow-ups due',
      sheet: toSheet({
        name: 'Follow-ups due',
        rows: data.followups,
        columns: [
          { header: 'Lead', type: 'text', value: (c) => displayName(c), width: 24 },
          { header: 'Email', type: 'text', value: (c) => c.email, width: 30 },
          { header: 'Stage', type: 'text', value: (c) => stage(c.status) },
          { header: 'Due', type: 'date', value: (c) => c.lead?.nextAction?.on },
          {
            header: 'Days overdue',
            type: 'number',
            value: (c) => DateTime.fromISO(dueBy).diff(DateTime.fromISO(c.lead!.nextAction!.on), 'days').days,
          },
          { header: 'Next action', type: 'text', value: (c) => c.lead?.nextAction?.note, width: 40 },
        ],
      }),
    },
    {
      name: 'Campaign results',
      sheet: toSheet({
        name: 'Campaign results',
        rows: data.campaigns,
        columns: [
          { header: 'Campaign', type: 'text', value: (r) => r.campaign, width: 28 },
          { header: 'Status', type: 'text', value: (r) => r.status },
          ...countColumns('day', 'that day'),
          ...countColumns('toDate', 'to date'),
        ],
      }),
    },
  ]);
}
