import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef } from 'react';
import type { PublicMeetingDto, SlotDto } from '../../../../functions/booking/schema';
import { ApiError, api, SlotTakenError } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatLongDayIn, formatRangeIn, zoneLabel } from '../../lib/time-zone';
import { SIGNED_LINK_META } from '../auth/use-redirect-on-unauthorized';

export interface Visitor {
  name: string;
  email: string;
  note: string;
}

const FIELDS = ['name', 'email', 'note'] as const;

/** The chosen time, who is coming (prefilled from the link) and Confirm, the only thing that books. */
export function BookingForm({
  token,
  slot,
  zone,
  visitor,
  onVisitorChange,
  onChangeTime,
  onBooked,
  onTaken,
}: {
  token: string;
  slot: SlotDto;
  zone: string;
  visitor: Visitor;
  onVisitorChange: (visitor: Visitor) => void;
  onChangeTime: () => void;
  onBooked: (meeting: PublicMeetingDto) => void;
  onTaken: (error: SlotTakenError) => void;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // Picking a time moves the reader to what comes next: the time they picked and the form.
  useEffect(() => heading.current?.focus(), []);
  const book = useMutation({
    mutationFn: () => api.publicBooking.book(token, { start: slot.start, timeZone: zone, ...visitor }),
    meta: SIGNED_LINK_META,
    onSuccess: (result) => onBooked(result.meeting),
    onError: (error) => {
      if (error instanceof SlotTakenError) onTaken(error);
    },
  });
  const details = book.error instanceof ApiError && book.error.status === 400 ? book.error.details : [];
  const errorAt = (field: string) => details.find((d) => d.path === field)?.message;
  const otherDetails = details.filter((d) => !FIELDS.some((f) => f === d.path));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    book.mutate();
  };
  const field = (key: 'name' | 'email', label: string, type: string, autoComplete: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        className="full-width"
        type={type}
        autoComplete={autoComplete}
        value={visitor[key]}
        onChange={(e) => onVisitorChange({ ...visitor, [key]: e.target.value })}
        aria-invalid={errorAt(key) ? true : undefined}
        aria-describedby={errorAt(key) ? `${id}-${key}-error` : undefined}
      />
      {errorAt(key) && (
        <span id={`${id}-${key}-error`} className="field-error">
          {errorAt(key)}
        </span>
      )}
    </div>
  );
  return (
    <form className="panel booking-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        Confirm your meeting
      </h2>
      <p className="chosen-time">
        <strong>{formatLongDayIn(slot.start, zone)}</strong>
        <span className="block">
          {formatRangeIn(slot.start, slot.end, zone)} <span className="muted">({zoneLabel(zone)})</span>
        </span>
        <button type="button" className="link-button" onClick={onChangeTime}>
          Pick another time
        </button>
      </p>
      {book.error && !(book.error instanceof SlotTakenError) && (
        <ErrorAlert error={book.error} details={otherDetails} />
      )}
      {field('name', 'Your name', 'text', 'name')}
      {field('email', 'Your email', 'email', 'email')}
      <div className="field">
        <label htmlFor={`${id}-note`}>
          Anything to share before the meeting? <span className="muted">(optional)</span>
        </label>
        <textarea
          id={`${id}-note`}
          className="full-width"
          rows={3}
          maxLength={2000}
          value={visitor.note}
          onChange={(e) => onVisitorChange({ ...visitor, note: e.target.value })}
          aria-invalid={errorAt('note') ? true : undefined}
        />
        {errorAt('note') && <span className="field-error">{errorAt('note')}</span>}
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={book.isPending}>
          {book.isPending ? 'Booking…' : 'Confirm'}
        </button>
      </div>
    </form>
  );
}
