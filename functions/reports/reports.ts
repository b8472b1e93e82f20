import { DateTime } from 'luxon';
import type { EmailAttachment } from '../_integrations/email/email-provider.js';
import { AppError, notFound } from '../_shared/errors.js';
import type { ContactDoc } from '../contacts/model.js';
import { displayName } from '../contacts/model.js';
import type { LeadEventDoc } from '../leads/lead-events.js';
import type { StageNames } from '../leads/leads.js';
import {
  campaignResults,
  type ResultCampaign,
  type ResultMeeting,
  type ResultMessage,
} from './campaign-results.js';
import {
  buildDailyReport,
  type DailyReportData,
  dayWindow,
  nextDay,
  type ReportMeeting,
} from './daily-report.js';
import { type ReportDto, ReportId, type ReportListDto, type ReportSettingsDto } from './schema.js';

/** The owner's local hour when yesterday's report is made. */
export const REPORT_HOUR = 7;

export interface StoredReport {
  date: string;
  createdAt: string;
  size: number;
}

export interface ReportDeps {
  now(): Date;
  zoneOf(ownerId: string): Promise<string>;
  stageNames(ownerId: string): Promise<StageNames>;
  contactsCreatedBetween(ownerId: string, from: string, to: string): Promise<ContactDoc[]>;
  contactsByIds(ownerId: string, ids: string[]): Promise<ContactDoc[]>;
  movesBetween(ownerId: string, from: string, to: string): Promise<LeadEventDoc[]>;
  /** Meetings created, starting or ending in [from, to). */
  meetingsTouching(ownerId: string, from: string, to: string): Promise<ReportMeeting[]>;
  /** Leads whose next action is due on `date` or earlier. */
  followupsDueBy(ownerId: string, date: string): Promise<ContactDoc[]>;
  /** The owner's campaigns, their messages, and the meetings of the contacts they emailed. */
  campaignActivity(
    ownerId: string,
  ): Promise<{ campaigns: ResultCampaign[]; messages: ResultMessage[]; meetings: ResultMeeting[] }>;
  settings: {
    read(ownerId: string): Promise<ReportSettingsDto>;
    write(ownerId: string, settings: ReportSettingsDto, now: Date): Promise<ReportSettingsDto>;
  };
  /** Emails the owner (the report's file attached); the id makes a repeat send nothing. */
  emailOwner(
    ownerId: string,
    email: { id: string; subject: string; text: string; attachment: EmailAttachment },
  ): Promise<string>;
  files: {
    exists(ownerId: string, date: string): Promise<boolean>;
    /** Stores it; an existing report of that day is kept unless `replace`. */
    save(ownerId: string, date: string, bytes: Buffer, replace?: boolean): Promise<void>;
    list(ownerId: string): Promise<StoredReport[]>;
    read(ownerId: string, date: string): Promise<Buffer | undefined>;
  };
}

export const reportFileName = (date: string) => `momentum-daily-${date}.xlsx`;

/** Reads what happened on the owner's local `date` and the follow-ups due the morning after. */
export async function collectDailyReport(
  ownerId: string,
  date: string,
  deps: ReportDeps,
): Promise<DailyReportData> {
  const [timeZone, stageNames] = await Promise.all([deps.zoneOf(ownerId), deps.stageNames(ownerId)]);
  const { from, to } = dayWindow(date, timeZone);
  const [newLeads, moves, meetings, followups, activity] = await Promise.all([
    deps.contactsCreatedBetween(ownerId, from, to),
    deps.movesBetween(ownerId, from, to),
    deps.meetingsTouching(ownerId, from, to),
    deps.followupsDueBy(ownerId, nextDay(date)),
    deps.campaignActivity(ownerId),
  ]);
  const named = new Map(
    (await deps.contactsByIds(ownerId, [...new Set(moves.map((m) => m.contactId))])).map((c) => [
      c.id,
      displayName(c),
    ]),
  );
  const byTime = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
    a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
  return {
    date,
    timeZone,
    stageNames,
    newLeads: newLeads.sort(byTime),
    stageChanges: moves.map((m) => ({ ...m, leadName: named.get(m.contactId) ?? 'Deleted contact' })),
    meetings,
    followups: followups.sort(
      (a, b) => a.lead!.nextAction!.on.localeCompare(b.lead!.nextAction!.on) || a.id.localeCompare(b.id),
    ),
    campaigns: campaignResults(activity.campaigns, activity.messages, activity.meetings, { from, to }),
  };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Makes and stores the report of `date` unless it exists; true when it was made now. An owner who
 * asked for it gets it by email too, once (the email's id is the owner and the day).
 */
export async function makeDailyReport(ownerId: string, date: string, deps: ReportDeps): Promise<boolean> {
  if (await deps.files.exists(ownerId, date)) return false;
  const data = await collectDailyReport(ownerId, date, deps);
  const bytes = buildDailyReport(data);
  await deps.files.save(ownerId, date, bytes);
  if ((await deps.settings.read(ownerId)).emailDailyReport)
    await emailReport(ownerId, date, bytes, data, deps);
  return true;
}

async function emailReport(
  ownerId: string,
  date: string,
  bytes: Buffer,
  data: DailyReportData,
  deps: ReportDeps,
): Promise<void> {
  const due = data.followups.length;
  const text = [
    `Your daily report for ${date} is attached.`,
    '',
    `New leads: ${data.newLeads.length}`,
    `Stage changes: ${data.stageChanges.length}`,
    `Follow-ups due this morning: ${due}`,
    '',
    'Turn this email off under Reports → "Email me the daily report".',
  ].join('\n');
  await deps.emailOwner(ownerId, {
    id: `daily-report-${ownerId}-${date}`,
    subject: `Daily report for ${date}: ${data.newLeads.length} new lead${data.newLeads.length === 1 ? '' : 's'}, ${due} follow-up${due === 1 ? '' : 's'} due`,
    text,
    attachment: { filename: reportFileName(date), contentType: XLSX_TYPE, content: bytes },
  });
}

export const getReportSettings = (ownerId: string, deps: ReportDeps) => deps.settings.read(ownerId);
export const putReportSettings = (ownerId: string, settings: ReportSettingsDto, deps: ReportDeps) =>
  deps.settings.write(ownerId, settings, deps.now());

/**
 * The report of a day the owner asks for now (yesterday by default; today gives the day so far),
 * made again over any earlier one. A day still to come is refused naming `date`.
 */
export async function makeReportNow(
  ownerId: string,
  date: string | 'today' | undefined,
  deps: ReportDeps,
): Promise<ReportDto> {
  const zone = await deps.zoneOf(ownerId);
  const today = DateTime.fromJSDate(deps.now(), { zone }).toISODate()!;
  const day = date === 'today' ? today : (date ?? (await yesterdayOf(ownerId, deps)));
  if (day > today)
    throw new AppError('VALIDATION', 'A report can only be made for today or a day before.', [
      { path: 'date', message: `after today (${today})` },
    ]);
  const bytes = buildDailyReport(await collectDailyReport(ownerId, day, deps));
  await deps.files.save(ownerId, day, bytes, true);
  return {
    id: day,
    date: day,
    createdAt: deps.now().toISOString(),
    size: bytes.length,
    fileName: reportFileName(day),
  };
}

/** Yesterday in the owner's zone: the day the morning's report covers. */
export async function yesterdayOf(
  ownerId: string,
  deps: Pick<ReportDeps, 'now' | 'zoneOf'>,
): Promise<string> {
  const zone = await deps.zoneOf(ownerId);
  return DateTime.fromJSDate(deps.now(), { zone }).minus({ days: 1 }).toISODate()!;
}

export async function listReports(ownerId: string, deps: ReportDeps): Promise<ReportListDto> {
  const stored = await deps.files.list(ownerId);
  return {
    items: stored
      .sort((a, b) => b.date.localeCompare(a.date))
      .map((r) => ({
        id: r.date,
        date: r.date,
        createdAt: r.createdAt,
        size: r.size,
        fileName: reportFileName(r.date),
      })),
  };
}

export async function readReport(
  ownerId: string,
  id: string,
  deps: ReportDeps,
): Promise<{ fileName: string; bytes: Buffer }> {
  const parsed = ReportId.safeParse(id);
  if (!parsed.success)
    throw new AppError('VALIDATION', 'A report id is its day, YYYY-MM-DD.', [
      { path: 'id', message: 'not a date' },
    ]);
  const bytes = await deps.files.read(ownerId, parsed.data);
  if (!bytes) throw notFound('That report');
  return { fileName: reportFileName(parsed.data), bytes };
}
