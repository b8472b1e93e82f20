import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Notification, NotificationChannel } from '../_integrations/channels/channel.js';
import { AppError } from '../_shared/errors.js';
import { zoneCity } from '../_shared/scheduling/zone-clock.js';
import { escapeHtml } from '../_shared/text/html.js';
import { meetingIcs } from '../booking/ics.js';
import type { MeetingStore } from '../booking/meeting-store.js';
import type { MeetingDoc } from '../booking/model.js';
import { deliverOn, type Route, settleAll } from '../notifications/routing.js';
import type { MeetingNotice, NotifyMessage } from './queue.js';

/**
 * notify: tells both sides of a meeting that it was booked, moved or cancelled — each in their own
 * time zone with the other's time beside it, the invitation (.ics) attached, and the contact's
 * signed link to reschedule or cancel. One message per (meeting, change, recipient): its id is
 * derived from them, so a redelivered queue message sends nothing twice.
 */

export interface NotifyDeps {
  meetings: MeetingStore;
  /** Email: every recipient's channel when there is no `route`. */
  channel: NotificationChannel;
  /**
   * The recipient's channels for this notice (notifications/routing.ts): the organizer's chosen
   * ones, the contact's email plus SMS / WhatsApp with consent, and what to fall back to.
   */
  route?(meeting: MeetingDoc, role: Role, message: NotifyMessage): Promise<Route>;
  now?(): Date;
  /** The contact's signed manage link; the organizer's Meetings page. */
  manageUrl(meeting: MeetingDoc): string;
  meetingsPageUrl: string;
}

type Role = 'contact' | 'organizer';

/**
 * One id per (meeting, change, recipient); a reminder's per (meeting, reminder, start, recipient),
 * so a rescheduled meeting is reminded again at its new time and never twice at one.
 */
export const notificationId = (message: NotifyMessage, role: Role, start?: string): string =>
  `mtg-${createHash('sha256')
    .update(
      message.notice === 'reminder'
        ? `${message.meetingId}:reminder:${message.reminderMinutes}:${start}:${role}`
        : `${message.meetingId}:${message.notice}:${message.sequence}:${role}`,
    )
    .digest('base64url')
    .slice(0, 32)}`;

/** "Tue 10 Mar 2026, 14:00–14:30 (London time)". */
export function whenIn(meeting: Pick<MeetingDoc, 'start' | 'end'>, zone: string): string {
  const start = DateTime.fromISO(meeting.start, { zone });
  const end = DateTime.fromISO(meeting.end, { zone });
  const place = zone === 'UTC' ? 'UTC' : `${zoneCity(zone)} time`;
  return `${start.toFormat('ccc d LLL yyyy, HH:mm')}–${end.toFormat('HH:mm')} (${place})`;
}

const VERB: Record<MeetingNotice, { contact: string; organizer: string; method: 'REQUEST' | 'CANCEL' }> = {
  requested: { contact: 'Requested', organizer: 'Please confirm', method: 'REQUEST' },
  booked: { contact: 'Confirmed', organizer: 'New meeting', method: 'REQUEST' },
  rescheduled: { contact: 'Moved', organizer: 'Moved', method: 'REQUEST' },
  cancelled: { contact: 'Cancelled', organizer: 'Cancelled', method: 'CANCEL' },
  reminder: { contact: 'Reminder', organizer: 'Reminder', method: 'REQUEST' },
};

function compose(meeting: MeetingDoc, message: NotifyMessage, role: Role, deps: NotifyDeps): Notification {
  const verb = VERB[message.notice];
  const mine = role === 'contact' ? meeting.contactZone : meeting.organizerZone;
  const theirs = role === 'contact' ? meeting.organizerZone : meeting.contactZone;
  const other = role === 'contact' ? meeting.organizer.name : meeting.contact.name;
  const when = whenIn(meeting, mine);
  const lines: [string, string][] = [
    ['When', when],
    ...(theirs !== mine ? ([[`For ${other}`, whenIn(meeting, theirs)]] as [string, string][]) : []),
    [
      'With',
      role === 'contact' ? meeting.organizer.name : `${meeting.contact.name} <${meeting.contact.email}>`,
    ],
  ];
  const cancelled = message.notice === 'cancelled';
  if (!cancelled && meeting.joinUrl) lines.push(['Join', meeting.joinUrl]);
  if (meeting.note) lines.push(['Note', meeting.note]);
  if (cancelled && meeting.cancelReason) lines.push(['Reason', meeting.cancelReason]);
  const manage = role === 'contact' ? deps.manageUrl(meeting) : deps.meetingsPageUrl;
  const action = cancelled
    ? role === 'contact'
      ? `Book another time: ${manage}`
      : `Your meetings: ${manage}`
    : role === 'contact'
      ? `Need to reschedule or cancel? ${manage}`
      : message.notice === 'requested'
        ? `Confirm or decline it: ${manage}`
        : `Manage it in Momentum Meet: ${manage}`;
  const manageLabel = cancelled
    ? role === 'contact'
      ? 'Book another time'
      : 'Your meetings'
    : role === 'contact'
      ? message.notice === 'requested'
        ? 'Withdraw the request'
        : 'Reschedule or cancel'
      : message.notice === 'requested'
        ? 'Confirm or decline'
        : 'Open in Momentum Meet';
  const subject = `${verb[role]}: ${meeting.meetingType.name} with ${other} — ${when}`;
  const intro =
    message.notice === 'reminder'
      ? role === 'contact'
        ? `Reminder: your ${meeting.meetingType.name} with ${other} is coming up.`
        : `Reminder: your ${meeting.meetingType.name} with ${meeting.contact.name} is coming up.`
      : message.notice === 'requested'
        ? role === 'contact'
          ? `Your request for a ${meeting.meetingType.name} with ${other} is in: ${other} will confirm it shortly, and you will get the invitation then.`
          : `${meeting.contact.name} asked for a ${meeting.meetingType.name} while your calendar could not be checked. The time is held for you: confirm or decline it in Momentum Meet.`
        : message.notice === 'booked'
          ? role === 'contact'
            ? `Your ${meeting.meetingType.name} with ${other} is booked.`
            : `${meeting.contact.name} booked a ${meeting.meetingType.name} with you.`
          : message.notice === 'rescheduled'
            ? `Your ${meeting.meetingType.name} with ${other} has a new time.`
            : `Your ${meeting.meetingType.name} with ${other} was cancelled.`;
  const text = [intro, '', ...lines.map(([k, v]) => `${k}: ${v}`), '', action].join('\n');
  const link = (url: string, label: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
  const html = `<p>${escapeHtml(intro)}</p><table role="presentation">${lines
    .map(
      ([k, v]) =>
        `<tr><th align="left" style="padding-right:12px">${escapeHtml(k)}</th><td>${
          k === 'Join' ? link(v, v) : escapeHtml(v)
        }</td></tr>`,
    )
    .join('')}</table><p>${link(manage, manageLabel)}</p>`;
  // A request goes into nobody's calendar yet: the invitation comes with the confirmation; a
  // reminder's meeting is in their calendar already.
  const ics =
    message.notice === 'requested' || message.notice === 'reminder'
      ? undefined
      : meetingIcs(meeting, verb.method, { manageUrl: role === 'contact' ? manage : undefined });
  // The same message in parts, for channels that lay it out (Slack blocks, a Teams card, SMS that
  // keeps the headline, the time and the first link): the join link first, then the manage link.
  const details = {
    headline: intro,
    facts: lines.filter(([k]) => k !== 'Join').map(([label, value]) => ({ label, value })),
    links: [
      ...(!cancelled && meeting.joinUrl ? [{ label: 'Join', url: meeting.joinUrl }] : []),
      { label: manageLabel, url: manage },
    ],
  };
  return {
    id: notificationId(message, role, meeting.start),
    ownerId: meeting.ownerId,
    about: { kind: message.notice, meetingId: meeting.id, contactId: meeting.contactId, role },
    from: meeting.organizer,
    to: role === 'contact' ? meeting.contact : meeting.organizer,
    subject,
    text,
    html,
    details,
    attachments: ics
      ? [
          {
            filename: cancelled ? 'cancel.ics' : 'invite.ics',
            contentType: `text/calendar; method=${verb.method}; charset=utf-8`,
            content: new TextEncoder().encode(ics),
          },
        ]
      : [],
  };
}

export interface NotifyOutcome {
  sent: number;
  skipped: number;
}

/**
 * Sends the notice to both sides (a reminder: to the side it names), each on their channels. A
 * notice older than the meeting's latest change (a reschedule notice arriving after the cancel) is
 * skipped: the newer one tells them; so is a reminder for a meeting no longer booked or already
 * begun. A channel that refuses for good falls to the recipient's next channel (its record keeps
 * the refusal); one that asks to retry makes the queue message retry once the others have gone —
 * what already went is not sent again.
 */
export async function notifyMeeting(message: NotifyMessage, deps: NotifyDeps): Promise<NotifyOutcome> {
  const meeting = await deps.meetings.find(message.ownerId, message.meetingId);
  const roles: Role[] = message.role ? [message.role] : ['contact', 'organizer'];
  const outcome: NotifyOutcome = { sent: 0, skipped: 0 };
  if (!meeting || meeting.sequence > message.sequence) return { sent: 0, skipped: roles.length };
  const now = deps.now?.() ?? new Date();
  if (
    message.notice === 'reminder' &&
    (meeting.status !== 'booked' || Date.parse(meeting.start) <= now.getTime())
  )
    return { sent: 0, skipped: roles.length };
  const retries: string[] = [];
  // The sides, and each side's channels, are sent to at once: a slow vendor does not hold up the
  // others, and a queue message takes as long as its slowest send, not their sum.
  const deliver = async (role: Role) => {
    const composed = compose(meeting, message, role, deps);
    const route: Route = deps.route
      ? await deps.route(meeting, role, message)
      : { to: composed.to, targets: [{ name: 'email', channel: deps.channel }], fallbacks: [] };
    const notification = {
      ...composed,
      to: route.to,
      ...(route.serviceWindowOpen ? { serviceWindowOpen: true } : {}),
    };
    const done = await deliverOn(route, notification);
    outcome.sent += done.sent;
    outcome.skipped += done.skipped;
    retries.push(...done.retries);
  };
  await settleAll(roles.map(deliver));
  if (retries.length) throw new AppError('UNAVAILABLE', `Notification not sent yet: ${retries.join('; ')}`);
  return outcome;
}
