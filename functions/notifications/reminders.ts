import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { MeetingDoc } from '../booking/model.js';
import type { NotifyMessage } from '../notify/queue.js';

/**
 * Reminders before each meeting, for each side: the organizer's chosen offsets (default 24 h and
 * 1 h). An offset of whole days is counted on the recipient's own calendar — "a day before" a
 * 09:00 meeting is 09:00 the day before, also across a clock change — other offsets in elapsed
 * time. A reminder never lands in the recipient's night: one due in their quiet hours (21:00–08:00
 * in their zone) is sent earlier, just before the quiet hours begin. None for a meeting that is
 * cancelled, only requested, or begun; none that was due before the meeting was booked (the
 * confirmation just told them); and when the timer was down, only the latest due one goes.
 */

export const QUIET_HOURS = { start: 21, end: 8 } as const;
/** The timer's period: a reminder shifted out of quiet hours lands one period before they begin. */
export const TIMER_PERIOD_MINUTES = 5;

type Role = 'contact' | 'organizer';

/** When the reminder `minutes` before `start` should go to someone in `zone`. */
export function reminderDueAt(start: string, minutes: number, zone: string): DateTime {
  const local = DateTime.fromISO(start, { zone });
  const due = minutes % 1440 === 0 ? local.minus({ days: minutes / 1440 }) : local.minus({ minutes });
  const hour = due.hour;
  if (hour >= QUIET_HOURS.start)
    return due
      .set({ hour: QUIET_HOURS.start, minute: 0, second: 0, millisecond: 0 })
      .minus({ minutes: TIMER_PERIOD_MINUTES });
  if (hour < QUIET_HOURS.end)
    return due
      .minus({ days: 1 })
      .set({ hour: QUIET_HOURS.start, minute: 0, second: 0, millisecond: 0 })
      .minus({ minutes: TIMER_PERIOD_MINUTES });
  return due;
}

export interface DueReminder {
  meetingId: string;
  ownerId: string;
  role: Role;
  minutes: number;
  dueAt: string;
}

/** The reminders of one meeting that are due at `now` (not yet deduplicated: the caller's markers do that). */
export function dueReminders(
  meeting: Pick<
    MeetingDoc,
    'id' | 'ownerId' | 'start' | 'status' | 'createdAt' | 'contactZone' | 'organizerZone'
  >,
  offsets: number[],
  now: Date,
): DueReminder[] {
  if (meeting.status !== 'booked' || Date.parse(meeting.start) <= now.getTime()) return [];
  const booked = Date.parse(meeting.createdAt);
  const out: DueReminder[] = [];
  for (const role of ['contact', 'organizer'] as const) {
    const zone = role === 'contact' ? meeting.contactZone : meeting.organizerZone;
    const due = offsets
      .map((minutes) => ({ minutes, at: reminderDueAt(meeting.start, minutes, zone).toMillis() }))
      .filter((r) => r.at <= now.getTime() && r.at >= booked);
    // The timer was down: only the latest due reminder goes, not a pile of them.
    const latest = due.sort((a, b) => b.at - a.at)[0];
    if (latest)
      out.push({
        meetingId: meeting.id,
        ownerId: meeting.ownerId,
        role,
        minutes: latest.minutes,
        dueAt: new Date(latest.at).toISOString(),
      });
  }
  return out;
}

export const reminderMarkerId = (r: DueReminder, start: string): string =>
  `r-${createHash('sha256').update(`${r.meetingId}:${r.minutes}:${start}:${r.role}`).digest('base64url').slice(0, 32)}`;

export interface ReminderDeps {
  now(): Date;
  /** Booked meetings starting in (from, to], every owner's (the timer's one cross-owner read). */
  upcoming(from: Date, to: Date): AsyncIterable<MeetingDoc[]>;
  /** The owner's reminder offsets in minutes (their preferences, else 24 h and 1 h). */
  offsets(ownerId: string): Promise<number[]>;
  /** Whether this reminder was handed to the queue already; marks it. */
  seen(ownerId: string, markerId: string): Promise<boolean>;
  mark(ownerId: string, markerId: string, meetingId: string, at: Date): Promise<void>;
  enqueue(message: NotifyMessage): Promise<void>;
}

/** Longest offset allowed (7 days) plus a night's shift: how far ahead the timer looks. */
const LOOKAHEAD_MS = (7 * 24 + 12) * 3_600_000;

/**
 * One timer run: every due reminder not handed over before goes to the notify queue once. It is
 * queued before it is marked, so a crash between sends nothing twice (the notification's id is the
 * same and its delivery record says sent), and never loses one.
 */
export async function runReminders(deps: ReminderDeps): Promise<{ queued: number }> {
  const now = deps.now();
  const offsets = new Map<string, number[]>();
  let queued = 0;
  for await (const page of deps.upcoming(now, new Date(now.getTime() + LOOKAHEAD_MS))) {
    for (const meeting of page) {
      let mine = offsets.get(meeting.ownerId);
      if (!mine) {
        mine = await deps.offsets(meeting.ownerId);
        offsets.set(meeting.ownerId, mine);
      }
      for (const due of dueReminders(meeting, mine, now)) {
        const marker = reminderMarkerId(due, meeting.start);
        if (await deps.seen(meeting.ownerId, marker)) continue;
        await deps.enqueue({
          ownerId: meeting.ownerId,
          meetingId: meeting.id,
          notice: 'reminder',
          sequence: meeting.sequence,
          reminderMinutes: due.minutes,
          role: due.role,
        });
        await deps.mark(meeting.ownerId, marker, meeting.id, now);
        queued++;
      }
    }
  }
  return { queued };
}
