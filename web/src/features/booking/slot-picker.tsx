import { useId, useState } from 'react';
import type { SlotDto } from '../../../../functions/booking/schema';
import { dayKey, formatDayIn, formatLongDayIn, formatTimeIn, formatWhenIn } from '../../lib/time-zone';

const sameInstant = (a: string, b: string) => new Date(a).getTime() === new Date(b).getTime();

/** Slots grouped by their local date in `timeZone`, in order. */
function byDay<S extends SlotDto>(slots: S[], timeZone: string): { key: string; slots: S[] }[] {
  const days: { key: string; slots: S[] }[] = [];
  for (const slot of slots) {
    const key = dayKey(slot.start, timeZone);
    const last = days[days.length - 1];
    if (last?.key === key) last.slots.push(slot);
    else days.push({ key, slots: [slot] });
  }
  return days;
}

/**
 * Free times as a day list and the times of the chosen day, in `timeZone`. Shared by the booking
 * page, the manage page's reschedule and the organizer's dialogs (`detail` adds the contact's time).
 */
export function SlotPicker<S extends SlotDto>({
  slots,
  timeZone,
  selected,
  onSelect,
  detail,
}: {
  slots: S[];
  timeZone: string;
  /** The chosen slot's start, marked among the times. */
  selected?: string | null | undefined;
  onSelect: (slot: S) => void;
  /** A second line under a time, e.g. "4:00 PM for Ada". */
  detail?: (slot: S) => string;
}) {
  const id = useId();
  const days = byDay(slots, timeZone);
  const selectedDay = selected ? dayKey(selected, timeZone) : undefined;
  const [picked, setPicked] = useState<string | undefined>(undefined);
  // A new zone regroups the days; keep the picked day only while it still exists.
  const day = days.find((d) => d.key === picked) ?? days.find((d) => d.key === selectedDay) ?? days[0];
  if (!day) return <p className="muted">No free times in this period.</p>;
  const dayName = formatLongDayIn(day.slots[0]!.start, timeZone);
  return (
    <div className="slot-picker">
      <fieldset className="slot-days">
        <legend>Day</legend>
        {days.map((d) => (
          <button
            key={d.key}
            type="button"
            className="slot-day"
            aria-pressed={d.key === day.key}
            onClick={() => setPicked(d.key)}
          >
            {formatDayIn(d.slots[0]!.start, timeZone)}
            <span className="slot-count">{d.slots.length === 1 ? '1 time' : `${d.slots.length} times`}</span>
          </button>
        ))}
      </fieldset>
      <section className="slot-times" aria-labelledby={`${id}-times`}>
        <h3 id={`${id}-times`} aria-live="polite">
          {dayName}
        </h3>
        <ul aria-label={`Times on ${dayName}`}>
          {day.slots.map((slot) => (
            <li key={slot.start}>
              <button
                type="button"
                className="slot-time"
                aria-pressed={selected ? sameInstant(selected, slot.start) : false}
                onClick={() => onSelect(slot)}
              >
                {formatTimeIn(slot.start, timeZone)}
                {detail && <span className="slot-detail">{detail(slot)}</span>}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** A few times across days (a taken slot's alternatives, the nearest to a lost one), each a button. */
export function SlotChoices<S extends SlotDto>({
  slots,
  timeZone,
  onSelect,
  label,
  detail,
}: {
  slots: S[];
  timeZone: string;
  onSelect: (slot: S) => void;
  label: string;
  detail?: (slot: S) => string;
}) {
  if (slots.length === 0) return null;
  return (
    <ul className="slot-choices" aria-label={label}>
      {slots.map((slot) => (
        <li key={slot.start}>
          <button type="button" className="slot-time" onClick={() => onSelect(slot)}>
            {formatWhenIn(slot.start, timeZone)}
            {detail && <span className="slot-detail">{detail(slot)}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The `count` free slots closest to `wanted`, in time order: what to offer when it is gone. */
export function nearestSlots<S extends SlotDto>(slots: S[], wanted: string, count = 3): S[] {
  const at = new Date(wanted).getTime();
  return [...slots]
    .sort((a, b) => Math.abs(new Date(a.start).getTime() - at) - Math.abs(new Date(b.start).getTime() - at))
    .slice(0, count)
    .sort((a, b) => a.start.localeCompare(b.start));
}

export const findSlot = <S extends SlotDto>(slots: S[], start: string): S | undefined =>
  slots.find((slot) => sameInstant(slot.start, start));
