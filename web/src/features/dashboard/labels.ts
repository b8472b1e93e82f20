import type { CounterKind } from '../../../../functions/dashboard/counters';

export const KIND_LABELS: Record<CounterKind, string> = {
  sent: 'Sent',
  delivered: 'Delivered',
  opened: 'Opened',
  clicked: 'Clicked',
  replied: 'Replied',
  booked: 'Booked',
  held: 'Meetings held',
  won: 'Won',
};

export const WEEKDAY_LABELS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

/** A rate as people read it ("12.5%"), or a dash when there was nothing to divide by. */
export const formatRate = (rate: number | null): string => (rate === null ? '—' : percent.format(rate));

export const formatHour = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

const shortDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const longDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A YYYY-MM-DD day as a label; the day is already the owner's, so it is read as UTC to stay put. */
export const formatDay = (day: string, long = false): string =>
  (long ? longDay : shortDay).format(new Date(`${day}T00:00:00Z`));
