import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { PublicMeetingDto, SlotDto } from '../../../../functions/booking/schema';
import { api, SlotTakenError } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { SIGNED_LINK_META } from '../auth/use-redirect-on-unauthorized';
import { whenIn } from './meeting-details';
import { meetingSlotsQuery } from './queries';
import { SlotsSection, TakenNotice } from './slots-section';
import { ZoneSelect } from './zone-select';

/** The manage page's Reschedule: the same picker as booking, then one button that moves the meeting. */
export function RescheduleMeeting({
  token,
  meeting,
  zone,
  onZoneChange,
  onClose,
  onMoved,
}: {
  token: string;
  meeting: PublicMeetingDto;
  zone: string;
  onZoneChange: (zone: string) => void;
  onClose: () => void;
  onMoved: (meeting: PublicMeetingDto) => void;
}) {
  const id = useId();
  const slots = useQuery(meetingSlotsQuery(token, zone));
  const [chosen, setChosen] = useState<SlotDto | null>(null);
  const [taken, setTaken] = useState<SlotTakenError | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (chosen) confirmRef.current?.focus();
  }, [chosen]);
  const move = useMutation({
    mutationFn: (slot: SlotDto) => api.publicBooking.reschedule(token, slot.start),
    meta: SIGNED_LINK_META,
    onSuccess: onMoved,
    onError: (error) => {
      if (!(error instanceof SlotTakenError)) return;
      setChosen(null);
      setTaken(error);
      void slots.refetch();
    },
  });
  const choose = (slot: SlotDto) => {
    setTaken(null);
    move.reset();
    setChosen(slot);
  };
  return (
    <section className="reschedule" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Pick a new time</h2>
      <ZoneSelect value={zone} onChange={onZoneChange} />
      {taken && <TakenNotice error={taken} zone={zone} onSelect={choose} />}
      <SlotsSection
        query={slots}
        zone={zone}
        selected={chosen?.start ?? null}
        onSelect={choose}
        title="Free times"
      />
      <div className="panel sticky-confirm">
        {move.error && !(move.error instanceof SlotTakenError) && <ErrorAlert error={move.error} />}
        <p aria-live="polite">
          {chosen ? (
            <>
              Move from {whenIn(meeting, zone)} to <strong>{whenIn(chosen, zone)}</strong>?
            </>
          ) : (
            'Choose a day and a time above.'
          )}
        </p>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Keep the current time
          </button>
          <button
            ref={confirmRef}
            type="button"
            className="button primary"
            disabled={!chosen || move.isPending}
            onClick={() => chosen && move.mutate(chosen)}
          >
            {move.isPending ? 'Moving…' : 'Confirm new time'}
          </button>
        </div>
      </div>
    </section>
  );
}
