import { DateTime } from 'luxon';
import type { NotificationChannel } from '../_integrations/channels/channel.js';
import type { Host } from '../booking/model.js';
import { leadEventId } from './lead-events.js';
import { followups, type LeadsDeps } from './leads.js';
import type { LeadDto } from './schema.js';

/** The owner's local hour when their morning list of follow-ups goes out. */
export const FOLLOWUPS_HOUR = 8;

export interface OwnerZone {
  ownerId: string;
  timeZone: string;
}

/** The owners whose local clock shows `hour` now (the hourly timers pick their morning this way). */
export function ownersAtHour(owners: OwnerZone[], now: Date, hour: number): OwnerZone[] {
  return owners.filter((o) => DateTime.fromJSDate(now, { zone: o.timeZone }).hour === hour);
}

export interface DigestDeps extends LeadsDeps {
  channel: NotificationChannel;
  host(ownerId: string): Promise<Host>;
  appUrl: string;
}

/**
 * Emails the owner today's and overdue follow-ups, once per local day (the notification id is the
 * owner and the date, so a timer that fires twice sends one email). Nothing due: no email.
 */
export async function sendFollowupDigest(
  ownerId: string,
  deps: DigestDeps,
): Promise<'sent' | 'nothing-due' | string> {
  const list = await followups(ownerId, deps);
  const count = list.dueToday.length + list.overdue.length;
  if (!count) return 'nothing-due';
  const host = await deps.host(ownerId);
  const line = (l: LeadDto) =>
    `• ${l.name}${l.company ? ` (${l.company})` : ''} — ${l.stageName}; ${l.nextAction!.on}${l.nextAction!.note ? `: ${l.nextAction!.note}` : ''}`;
  const section = (title: string, leads: LeadDto[]) => (leads.length ? [title, ...leads.map(line), ''] : []);
  const text = [
    ...section(`Due today (${list.dueToday.length})`, list.dueToday),
    ...section(`Overdue (${list.overdue.length})`, list.overdue),
    `Open your follow-ups: ${deps.appUrl}/leads?due=due`,
  ].join('\n');
  const html = text
    .split('\n')
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('');
  const result = await deps.channel.send({
    id: `followups-${leadEventId(ownerId, list.today)}`,
    ownerId,
    from: host,
    to: { name: host.name, email: host.email },
    subject: `${count} follow-up${count === 1 ? '' : 's'} for ${list.today}`,
    text,
    html,
    details: {
      headline: `${list.dueToday.length} due today, ${list.overdue.length} overdue`,
      facts: [...list.dueToday, ...list.overdue]
        .slice(0, 10)
        .map((l) => ({ label: l.name, value: l.nextAction!.on })),
      links: [{ label: 'Open follow-ups', url: `${deps.appUrl}/leads?due=due` }],
    },
  });
  return result.status === 'sent' || result.status === 'already-sent' ? 'sent' : result.status;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
