import { type Interval, overlapping } from './intervals.js';
import type { AvailabilityRules } from './rules.js';
import type { WorkingWeek } from './working-hours.js';
import { formatUtc, localDay, MINUTE, type ZoneClock } from './zone-clock.js';

export type AbsenceCode =
  | 'outside-window'
  | 'outside-hours'
  | 'off-grid'
  | 'notice'
  | 'too-far'
  | 'daily-cap'
  | 'busy'
  | 'buffer';

export interface AbsenceReason {
  code: AbsenceCode;
  /** A sentence the booking page or the bot can show as is. */
  message: string;
  /** For busy and buffer: the busy time in the way (times only, never what the event is). */
  busy?: Array<{ start: string; end: string }>;
}

export interface SlotExplanation {
  start: string;
  end: string;
  available: boolean;
  reasons: AbsenceReason[];
}

/** What a finished search knows, enough to say why any given start is or is not offered. */
export interface SearchState {
  rules: AvailabilityRules;
  clock: ZoneClock;
  week: WorkingWeek;
  /** Busy time was expanded, and slots searched, within this range. */
  searched: Interval;
  /** Slots may not start before now + minimum notice. */
  noticeEnds: number;
  horizon: number;
  busy: readonly Interval[];
  blocked: readonly Interval[];
  fullDays: ReadonlySet<number>;
  duration: number;
}

function spell(minutes: number): string {
  if (minutes % 60 !== 0) return `${minutes} minutes`;
  return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
}

const asIso = (list: Interval[]) => list.map((i) => ({ start: formatUtc(i.start), end: formatUtc(i.end) }));

export function explainSlot(state: SearchState, startIso: string): SlotExplanation {
  const { rules, clock, duration } = state;
  const start = Date.parse(startIso);
  if (Number.isNaN(start)) throw new RangeError(`Not an instant: "${startIso}"`);
  const end = start + duration;
  const reasons: AbsenceReason[] = [];
  const add = (code: AbsenceCode, message: string, busy?: Interval[]) =>
    reasons.push(busy ? { code, message, busy: asIso(busy) } : { code, message });
  const inSearch = start >= state.searched.start && end <= state.searched.end;
  if (!inSearch) add('outside-window', 'That time is outside the range that was searched.');
  const day = localDay(start, clock);
  const working = state.week.intervals(clock, day - 1, day + 1).find((w) => w.start <= start && end <= w.end);
  const step = rules.slotIntervalMinutes * MINUTE;
  if (!working) add('outside-hours', "That time is outside the organizer's working hours.");
  else if ((start - working.start) % step !== 0) {
    add('off-grid', `Meetings start every ${spell(rules.slotIntervalMinutes)} within working hours.`);
  }
  if (start < state.noticeEnds)
    add('notice', `Meetings need at least ${spell(rules.minimumNoticeMinutes)}' notice.`);
  if (start >= state.horizon)
    add('too-far', `Meetings can be booked up to ${rules.maxDaysAhead} days ahead.`);
  if (state.fullDays.has(day)) {
    add('daily-cap', `The organizer's day is full (at most ${rules.maxMeetingsPerDay} meetings a day).`);
  }
  if (inSearch) {
    const busy = overlapping(state.busy, start, end);
    if (busy.length > 0) add('busy', 'The organizer is busy at that time.', busy);
    else if (overlapping(state.blocked, start, end).length > 0) {
      const before = rules.bufferBeforeMinutes * MINUTE;
      const after = rules.bufferAfterMinutes * MINUTE;
      const sides = [
        before > 0 ? `${spell(rules.bufferBeforeMinutes)} free before` : '',
        after > 0 ? `${spell(rules.bufferAfterMinutes)}${before > 0 ? '' : ' free'} after` : '',
      ].filter(Boolean);
      add(
        'buffer',
        `Too close to another commitment: the organizer keeps ${sides.join(' and ')} each meeting.`,
        overlapping(state.busy, start - before, end + after),
      );
    }
  }
  return { start: formatUtc(start), end: formatUtc(end), available: reasons.length === 0, reasons };
}
