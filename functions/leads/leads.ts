import { DateTime } from 'luxon';
import { notFound } from '../_shared/errors.js';
import type { ContactStore } from '../contacts/contact-store.js';
import { type ContactDoc, displayName } from '../contacts/model.js';
import { type LeadEventStore, leadEventId } from './lead-events.js';
import { moveLead } from './pipeline.js';
import type {
  FollowupsDto,
  LeadDto,
  LeadPage,
  LeadPatch,
  ParsedLeadListQuery,
  StageNamesDto,
  TimelineDto,
  TimelineItem,
} from './schema.js';
import { LEAD_STAGES, type LeadStage, stageName } from './stages.js';

export type StageNames = Partial<Record<LeadStage, string>>;

/** A contact's emails and meetings as the timeline shows them (read from their own containers). */
export interface LeadActivity {
  emails: {
    id: string;
    campaign: string;
    step: number;
    events: { type: string; at: string; detail?: string }[];
  }[];
  meetings: {
    id: string;
    title: string;
    start: string;
    events: { type: string; at: string; by: string }[];
  }[];
}

export interface LeadsDeps {
  now(): Date;
  contacts: ContactStore;
  events: LeadEventStore;
  /** The owner's zone (their availability's), which decides what "today" is. */
  zoneOf(ownerId: string): Promise<string>;
  stageNames(ownerId: string): Promise<StageNames>;
  saveStageNames(ownerId: string, names: StageNames): Promise<void>;
  /** One page of the owner's contacts matching the filters; `today` is the owner's local date. */
  query(
    ownerId: string,
    q: ParsedLeadListQuery,
    today: string,
  ): Promise<{ docs: ContactDoc[]; continuationToken: string | null }>;
  /** How many of the owner's contacts match the filters, over all pages. */
  count(ownerId: string, q: ParsedLeadListQuery, today: string): Promise<number>;
  activity(ownerId: string, contactId: string): Promise<LeadActivity>;
}

/** Today's date in a zone, YYYY-MM-DD. */
export const localDate = (now: Date, zone: string): string =>
  DateTime.fromJSDate(now, { zone }).toISODate() ?? now.toISOString().slice(0, 10);

export function toLeadDto(doc: ContactDoc, names: StageNames): LeadDto {
  return {
    id: doc.id,
    name: displayName(doc),
    ...(doc.email && { email: doc.email }),
    ...(doc.company && { company: doc.company }),
    stage: doc.status,
    stageName: stageName(doc.status, names),
    ...(doc.lead?.since && { stageSince: doc.lead.since }),
    ...(doc.lead?.by && { stageBy: doc.lead.by }),
    source: doc.source,
    tags: doc.tags,
    nextAction: doc.lead?.nextAction ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export async function listLeads(ownerId: string, q: ParsedLeadListQuery, deps: LeadsDeps): Promise<LeadPage> {
  const [zone, names] = await Promise.all([deps.zoneOf(ownerId), deps.stageNames(ownerId)]);
  const today = localDate(deps.now(), zone);
  // The count rides on the first page only: a board shows it once, and later pages stay cheap.
  const [page, total] = await Promise.all([
    deps.query(ownerId, q, today),
    q.continuationToken ? null : deps.count(ownerId, q, today),
  ]);
  return {
    items: page.docs.map((d) => toLeadDto(d, names)),
    continuationToken: page.continuationToken,
    total,
  };
}

/** One lead (a contact as the pipeline sees it); another owner's is a 404. */
export async function getLead(ownerId: string, id: string, deps: LeadsDeps): Promise<LeadDto> {
  const [doc, names] = await Promise.all([deps.contacts.read(ownerId, id), deps.stageNames(ownerId)]);
  if (!doc) throw notFound('Lead');
  return toLeadDto(doc, names);
}

/** Leads whose next action is today or overdue in the owner's zone, the most overdue first. */
export async function followups(ownerId: string, deps: LeadsDeps): Promise<FollowupsDto> {
  const [zone, names] = await Promise.all([deps.zoneOf(ownerId), deps.stageNames(ownerId)]);
  const today = localDate(deps.now(), zone);
  const due: ContactDoc[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await deps.query(ownerId, { due: 'due', limit: 200, continuationToken }, today);
    due.push(...page.docs);
    continuationToken = page.continuationToken ?? undefined;
  } while (continuationToken);
  due.sort(
    (a, b) => a.lead!.nextAction!.on.localeCompare(b.lead!.nextAction!.on) || a.id.localeCompare(b.id),
  );
  const dto = (d: ContactDoc) => toLeadDto(d, names);
  return {
    today,
    timeZone: zone,
    dueToday: due.filter((d) => d.lead!.nextAction!.on === today).map(dto),
    overdue: due.filter((d) => d.lead!.nextAction!.on < today).map(dto),
  };
}

/**
 * A stage set by hand (recorded as a manual move, which older events never overwrite) and/or the
 * next action (recorded as a note on the timeline). Another owner's lead is a 404.
 */
export async function patchLead(
  ownerId: string,
  id: string,
  patch: LeadPatch,
  deps: LeadsDeps,
): Promise<LeadDto> {
  if (!(await deps.contacts.read(ownerId, id))) throw notFound('Lead');
  const pipeline = { contacts: deps.contacts, events: deps.events, now: deps.now };
  if (patch.stage)
    await moveLead(
      ownerId,
      id,
      { kind: 'manual', at: deps.now().toISOString(), stage: patch.stage },
      pipeline,
    );
  if (patch.nextAction !== undefined) await setNextAction(ownerId, id, patch.nextAction, deps);
  const doc = await deps.contacts.read(ownerId, id);
  if (!doc) throw notFound('Lead');
  return toLeadDto(doc, await deps.stageNames(ownerId));
}

async function setNextAction(
  ownerId: string,
  id: string,
  nextAction: LeadPatch['nextAction'],
  deps: LeadsDeps,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = await deps.contacts.read(ownerId, id);
    if (!doc) throw notFound('Lead');
    const { nextAction: _old, ...lead } = doc.lead ?? {};
    const at = deps.now().toISOString();
    const result = await deps.contacts.replace({
      ...doc,
      lead: nextAction ? { ...lead, nextAction } : lead,
      updatedAt: at,
    });
    if (result.status === 'gone') throw notFound('Lead');
    if (result.status === 'ok') {
      await deps.events.record({
        id: leadEventId(id, 'note', at),
        ownerId,
        contactId: id,
        type: 'note',
        nextAction: nextAction ?? null,
        at,
        recordedAt: at,
      });
      return;
    }
  }
  throw new Error(`lead ${id} kept changing while its next action was set`);
}

const EMAIL_TITLES: Record<string, string> = {
  sent: 'Email sent',
  delivered: 'Email delivered',
  opened: 'Email opened',
  clicked: 'Link clicked',
  bounced: 'Email bounced',
  failed: 'Email failed',
};
const MEETING_TITLES: Record<string, string> = {
  booked: 'Meeting booked',
  confirmed: 'Meeting confirmed',
  rescheduled: 'Meeting moved',
  cancelled: 'Meeting cancelled',
  'no-show': 'Marked as a no-show',
};

/** Everything that happened to a lead, newest first: stage moves, emails, replies, meetings, notes. */
export async function leadTimeline(ownerId: string, id: string, deps: LeadsDeps): Promise<TimelineDto> {
  if (!(await deps.contacts.read(ownerId, id))) throw notFound('Lead');
  const [entries, activity, names] = await Promise.all([
    deps.events.forContact(ownerId, id),
    deps.activity(ownerId, id),
    deps.stageNames(ownerId),
  ]);
  const items: TimelineItem[] = [];
  for (const e of entries) {
    if (e.type === 'stage' && e.to)
      items.push({
        at: e.at,
        kind: 'stage',
        title: `Moved to ${stageName(e.to, names)} (${causeText(e.cause)})`,
        ref: e.id,
      });
    else if (e.type === 'note')
      items.push({
        at: e.at,
        kind: 'note',
        title: e.nextAction
          ? `Next action on ${e.nextAction.on}${e.nextAction.note ? `: ${e.nextAction.note}` : ''}`
          : 'Next action cleared',
        ref: e.id,
      });
  }
  for (const m of activity.emails) {
    for (const ev of m.events) {
      if (ev.type === 'replied')
        items.push({
          at: ev.at,
          kind: 'reply',
          title: `Replied${ev.detail ? `: ${ev.detail}` : ''}`,
          ref: m.id,
        });
      else if (EMAIL_TITLES[ev.type])
        items.push({
          at: ev.at,
          kind: 'email',
          title: `${EMAIL_TITLES[ev.type]} — ${m.campaign}, step ${m.step}`,
          ref: m.id,
        });
    }
  }
  for (const m of activity.meetings) {
    for (const ev of m.events)
      items.push({
        at: ev.at,
        kind: 'meeting',
        title: `${MEETING_TITLES[ev.type] ?? ev.type}: ${m.title} (${m.start})`,
        ref: m.id,
      });
  }
  items.sort((a, b) => b.at.localeCompare(a.at) || a.kind.localeCompare(b.kind));
  return { leadId: id, items };
}

const causeText = (cause: string | undefined): string =>
  ({
    'email-sent': 'email sent',
    reply: 'reply',
    booking: 'meeting booked',
    'meeting-passed': 'meeting held',
    'no-show': 'no-show',
    cancellation: 'meeting cancelled',
    manual: 'set by hand',
  })[cause ?? ''] ?? 'event';

export async function readStageNames(ownerId: string, deps: LeadsDeps): Promise<StageNamesDto> {
  const names = await deps.stageNames(ownerId);
  return { stages: LEAD_STAGES.map((stage) => ({ stage, name: stageName(stage, names) })) };
}

export async function putStageNames(
  ownerId: string,
  names: StageNames,
  deps: LeadsDeps,
): Promise<StageNamesDto> {
  const kept = Object.fromEntries(Object.entries(names).filter(([, n]) => n?.trim())) as StageNames;
  await deps.saveStageNames(ownerId, kept);
  return readStageNames(ownerId, deps);
}
