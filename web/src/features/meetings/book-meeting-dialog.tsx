import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import type { OrganizerSlots, SlotDto } from '../../../../functions/booking/schema';
import { api, SlotTakenError } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { Modal } from '../../lib/modal';
import { formatWhenIn } from '../../lib/time-zone';
import { useToast } from '../../lib/toast';
import { availabilityQuery } from '../availability/queries';
import { TakenNotice } from '../booking/slots-section';
import { contactTime, OrganizerSlotPicker } from './organizer-slot-picker';
import { meetingKeys } from './queries';

/** Books a meeting for a contact: a meeting type, a free time (both clocks shown), Confirm. */
export function BookMeetingDialog({
  contactId,
  name,
  onClose,
}: {
  contactId: string;
  name: string;
  onClose: () => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const settings = useQuery(availabilityQuery());
  const types = settings.data?.meetingTypes.filter((t) => t.active) ?? [];
  const [typeId, setTypeId] = useState<string | undefined>(undefined);
  const meetingType = typeId ?? types[0]?.id;
  const [chosen, setChosen] = useState<SlotDto | null>(null);
  const [slots, setSlots] = useState<OrganizerSlots | null>(null);
  const [taken, setTaken] = useState<SlotTakenError | null>(null);
  const who = name.split(' ')[0] || name;
  const book = useMutation({
    mutationFn: (slot: SlotDto) =>
      api.meetings.book({ contactId, meetingTypeId: meetingType ?? '', start: slot.start }),
    onSuccess: async (meeting) => {
      onClose();
      toast({
        message: `Booked ${meeting.meetingType.name} with ${name}, ${formatWhenIn(meeting.start, meeting.organizerZone)}.`,
        action: { label: 'Open Meetings', run: () => void navigate({ to: '/meetings' }) },
      });
      await queryClient.invalidateQueries({ queryKey: meetingKeys.all });
    },
    onError: (error) => {
      if (!(error instanceof SlotTakenError)) return;
      setChosen(null);
      setTaken(error);
      void queryClient.invalidateQueries({ queryKey: [...meetingKeys.all, 'slots'] });
    },
  });
  const choose = (slot: SlotDto) => {
    setTaken(null);
    book.reset();
    setChosen(slot);
  };
  const zone = slots?.organizerZone;
  return (
    <Modal
      title={`Book a meeting with ${name}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            className="button primary"
            disabled={!chosen || book.isPending}
            onClick={() => chosen && book.mutate(chosen)}
          >
            {book.isPending
              ? 'Booking…'
              : chosen && zone
                ? `Book ${formatWhenIn(chosen.start, zone)}`
                : 'Pick a time'}
          </button>
        </>
      }
    >
      {settings.error && <ErrorAlert error={settings.error} />}
      {settings.isPending && <p aria-live="polite">Loading meeting types…</p>}
      {settings.data && types.length === 0 && (
        <p>No meeting type is bookable. Turn one on in Availability.</p>
      )}
      {types.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-type`}>Meeting type</label>
          <select
            id={`${id}-type`}
            value={meetingType}
            onChange={(e) => {
              setTypeId(e.target.value);
              setChosen(null);
              setTaken(null);
            }}
            data-autofocus
          >
            {types.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.durationMinutes} min)
              </option>
            ))}
          </select>
        </div>
      )}
      {book.error && !(book.error instanceof SlotTakenError) && <ErrorAlert error={book.error} />}
      {taken && zone && (
        <TakenNotice
          error={taken}
          zone={zone}
          onSelect={choose}
          detail={slots && slots.contactZone !== zone ? contactTime(slots, who) : undefined}
        />
      )}
      {meetingType && (
        <OrganizerSlotPicker
          contactId={contactId}
          meetingType={meetingType}
          who={who}
          selected={chosen?.start ?? null}
          onSelect={(slot, all) => {
            setSlots(all);
            choose(slot);
          }}
        />
      )}
    </Modal>
  );
}
