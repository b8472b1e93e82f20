// Synthetic iCalendar exports for the slot benchmark: deterministic (seeded), shaped like real
// calendars that hold three years of history and six months of plans. Each calendar has its own
// zone, written the way Google and Outlook write it (TZID plus a VTIMEZONE), with some UTC and
// floating times, all-day events, free (TRANSPARENT) and cancelled events. Recurring series
// carry COUNT or UNTIL (most) or run on (a few), EXDATEs and moved or cancelled instances.

const DAY = 86_400_000;

export const CALENDAR_ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Kolkata',
  'Europe/Berlin',
] as const;

const usRule = (std: string, dst: string, stdName: string, dstName: string) => [
  'BEGIN:DAYLIGHT',
  `TZOFFSETFROM:${std}`,
  `TZOFFSETTO:${dst}`,
  `TZNAME:${dstName}`,
  'DTSTART:19700308T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  `TZOFFSETFROM:${dst}`,
  `TZOFFSETTO:${std}`,
  `TZNAME:${stdName}`,
  'DTSTART:19701101T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'END:STANDARD',
];
const euRule = (std: string, dst: string, at: [string, string]) => [
  'BEGIN:DAYLIGHT',
  `TZOFFSETFROM:${std}`,
  `TZOFFSETTO:${dst}`,
  `DTSTART:19700329T${at[0]}`,
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  `TZOFFSETFROM:${dst}`,
  `TZOFFSETTO:${std}`,
  `DTSTART:19701025T${at[1]}`,
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
];

const VTIMEZONES: Record<string, { offset: number; lines: string[] }> = {
  'America/New_York': { offset: -5, lines: usRule('-0500', '-0400', 'EST', 'EDT') },
  'America/Los_Angeles': { offset: -8, lines: usRule('-0800', '-0700', 'PST', 'PDT') },
  'Europe/London': { offset: 0, lines: euRule('+0000', '+0100', ['010000', '020000']) },
  'Europe/Berlin': { offset: 1, lines: euRule('+0100', '+0200', ['020000', '030000']) },
  'Asia/Kolkata': {
    offset: 5.5,
    lines: [
      'BEGIN:STANDARD',
      'TZOFFSETFROM:+0530',
      'TZOFFSETTO:+0530',
      'DTSTART:19700101T000000',
      'END:STANDARD',
    ],
  },
};

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 15);
const dateStamp = (ms: number) => stamp(ms).slice(0, 8);
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

export interface GenerateOptions {
  now: number;
  calendars: number;
  eventsPerCalendar: number;
  recurringShare: number;
  seed: number;
  /** Stress shape: every series runs on (no COUNT or UNTIL), so all of them reach the window. */
  allOpenEnded?: boolean;
}

/** One iCalendar text per calendar. Times are local walls of the calendar's zone. */
export function generateCalendars(options: GenerateOptions): string[] {
  const random = mulberry32(options.seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const texts: string[] = [];
  for (let c = 0; c < options.calendars; c++) {
    const zone = CALENDAR_ZONES[c % CALENDAR_ZONES.length]!;
    const tz = VTIMEZONES[zone]!;
    const today = Math.floor((options.now + tz.offset * 3_600_000) / DAY) * DAY;
    const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//momentum//bench//EN'];
    lines.push('BEGIN:VTIMEZONE', `TZID:${zone}`, ...tz.lines, 'END:VTIMEZONE');
    const recurring = Math.round(options.eventsPerCalendar * options.recurringShare);
    for (let i = 0; i < options.eventsPerCalendar; i++) {
      const uid = `c${c}-e${i}@bench`;
      const isSeries = i < recurring;
      const day = today + int(-1095, isSeries ? 60 : 180) * DAY;
      const wall = day + (7 * 60 + int(0, isSeries ? 48 : 52) * 15) * 60_000;
      const minutes = pick(isSeries ? [15, 30, 30, 45, 60] : [15, 30, 30, 45, 60, 60, 90, 120]);
      const utc = random() < 0.08;
      const startLine = utc
        ? `DTSTART:${stamp(wall - tz.offset * 3_600_000)}Z`
        : `DTSTART;TZID=${zone}:${stamp(wall)}`;
      const ev = ['BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp(options.now)}Z`];
      if (!isSeries) {
        const roll = random();
        if (roll < 0.03) {
          ev.push(`DTSTART;VALUE=DATE:${dateStamp(day)}`, `DTEND;VALUE=DATE:${dateStamp(day + DAY)}`);
          if (roll < 0.02) ev.push('TRANSP:TRANSPARENT');
        } else if (roll < 0.05) {
          ev.push(`DTSTART:${stamp(wall)}`, `DURATION:PT${minutes}M`); // floating
        } else {
          ev.push(startLine, `DURATION:PT${minutes}M`);
          if (roll < 0.09) ev.push('TRANSP:TRANSPARENT');
          else if (roll < 0.12) ev.push('STATUS:CANCELLED');
        }
        lines.push(...ev, 'END:VEVENT');
        continue;
      }
      const weekday = WEEKDAYS[new Date(day).getUTCDay()]!;
      const freqRoll = random();
      let rule: string;
      let period = 7;
      if (freqRoll < 0.55) {
        const interval = random() < 0.2 ? 2 : 1;
        period = 7 * interval;
        const days = random() < 0.3 ? [...new Set([weekday, pick(WEEKDAYS.slice(1, 6))])] : [weekday];
        rule = `FREQ=WEEKLY;INTERVAL=${interval};BYDAY=${days.join(',')}`;
      } else if (freqRoll < 0.65) {
        rule = 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR';
        period = 1;
      } else if (freqRoll < 0.9) {
        const nth = Math.ceil(new Date(day).getUTCDate() / 7);
        rule =
          random() < 0.5
            ? `FREQ=MONTHLY;BYDAY=${nth > 4 ? -1 : nth}${weekday}`
            : `FREQ=MONTHLY;BYMONTHDAY=${new Date(day).getUTCDate()}`;
        period = 30;
      } else {
        rule = 'FREQ=YEARLY';
        period = 365;
      }
      const endRoll = options.allOpenEnded ? 1 : random();
      if (endRoll < 0.45) rule += `;COUNT=${int(3, 12)}`;
      else if (endRoll < 0.96) rule += `;UNTIL=${dateStamp(day + int(14, 180) * DAY)}T235959Z`;
      ev.push(startLine, `DURATION:PT${minutes}M`, `RRULE:${rule}`);
      const idLine = (ms: number) =>
        utc ? `:${stamp(ms - tz.offset * 3_600_000)}Z` : `;TZID=${zone}:${stamp(ms)}`;
      if (random() < 0.25) {
        const dates = Array.from({ length: int(1, 3) }, () => wall + int(1, 12) * period * DAY);
        for (const d of dates) ev.push(`EXDATE${idLine(d)}`);
      }
      lines.push(...ev, 'END:VEVENT');
      if (random() < 0.15) {
        const original = wall + (period <= 7 ? int(1, 8) * period * DAY : 0);
        lines.push('BEGIN:VEVENT', `UID:${uid}`, `RECURRENCE-ID${idLine(original)}`);
        lines.push(`DTSTART${idLine(original + 2 * 3_600_000)}`, `DURATION:PT${minutes}M`);
        if (random() < 0.25) lines.push('STATUS:CANCELLED');
        lines.push('END:VEVENT');
      }
    }
    lines.push('END:VCALENDAR');
    texts.push(lines.join('\r\n'));
  }
  return texts;
}
