import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { PublicSlots, SlotDto } from '../../../../functions/booking/schema';
import { ApiError, type SlotTakenError } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { SlotChoices, SlotPicker } from './slot-picker';

/** "Pick a time": suggestions for the visitor's day, then every free time, or why there are none. */
export function SlotsSection({
  query,
  zone,
  selected,
  onSelect,
  title = 'Pick a time',
}: {
  query: UseQueryResult<PublicSlots>;
  zone: string;
  selected?: string | null;
  onSelect: (slot: SlotDto) => void;
  title?: string;
}) {
  const { data, error, isPending, refetch, isFetching } = query;
  return (
    <section className="panel" aria-labelledby="pick-title" aria-busy={isFetching}>
      <h2 id="pick-title">{title}</h2>
      {isPending && <p aria-live="polite">Loading free times…</p>}
      {error && !data && (
        <div role="alert" className="alert">
          {error instanceof ApiError && error.status === 429 ? (
            <p>Too many requests right now. Wait a moment, then try again.</p>
          ) : (
            <ErrorAlert error={error} />
          )}
          <button type="button" className="button" onClick={() => void refetch()} disabled={isFetching}>
            Try again
          </button>
        </div>
      )}
      {data && data.slots.length === 0 && (
        <p>There are no free times at the moment. Please ask for another time by replying to the email.</p>
      )}
      {data && data.suggestions.length > 0 && (
        <div className="suggestions">
          <h3>Suggested for you</h3>
          <SlotChoices slots={data.suggestions} timeZone={zone} onSelect={onSelect} label="Suggested times" />
        </div>
      )}
      {data && data.slots.length > 0 && (
        <SlotPicker slots={data.slots} timeZone={zone} selected={selected} onSelect={onSelect} />
      )}
    </section>
  );
}

/** The chosen time went to someone else a moment ago: say so, and offer the nearest free ones. */
export function TakenNotice({
  error,
  zone,
  onSelect,
  detail,
}: {
  error: SlotTakenError;
  zone: string;
  onSelect: (slot: SlotDto) => void;
  detail?: ((slot: SlotDto) => string) | undefined;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} className="notice warn" role="alert" tabIndex={-1}>
      <p>
        <strong>That time was just taken</strong>
        {error.alternatives.length > 0
          ? ' — here are the nearest free times.'
          : '. Please pick another time.'}
      </p>
      <SlotChoices
        slots={error.alternatives}
        timeZone={zone}
        onSelect={onSelect}
        label="Nearest free times"
        {...(detail ? { detail } : {})}
      />
    </div>
  );
}
