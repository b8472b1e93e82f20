import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { MeetingDto, OrganizerSlots, SlotDto } from '../../../../functions/booking/schema';
import { api, SlotTakenError } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { Modal } from '../../lib/modal';
import { formatWhenIn } from '../../lib/time-zone';
import { useToast } from '../../lib/toast';
import { TakenNotice } from '../booking/slots-section';
import { contactTime, OrganizerSlotPicker } from './organizer-slot-picker';
import { meetingKeys } from './queries';

const firstName = (name: string) => name.split(' ')[0] || name;

/** Confirms cancelling a meeting, with an optional reason the contact will see. */
export function CancelMeetingDialog({ meeting, onClose }: { meeting: MeetingDto; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () => api.meetings.cancel(meeting.id, reason),
    onSuccess: async () => {
      onClose();
      toast({ message: `Meeting with ${meeting.contact.name} cancelled.` });
      await queryClient.invalidateQueries({ queryKey: meetingKeys.all });
    },
  });
  return (
    <Modal
      title={`Cancel the meeting with ${meeting.contact.name}?`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Keep meeting
          </button>
          <button
            type="button"
            className="button danger"
            onClick={() => cancel.mutate()}
            disabled={cancel.isPending}
          >
            {cancel.isPending ? 'Cancelling…' : 'Cancel meeting'}
          </button>
        </>
      }
    >
      <p>
        {meeting.meetingType.name} on {formatWhenIn(meeting.start, meeting.organizerZone)} will be cancelled.
      </p>
      {cancel.error && <ErrorAlert error={cancel.error} />}
      <div className="field">
        <label htmlFor={`${id}-reason`}>
          Reason <span className="muted">(optional, {firstName(meeting.contact.name)} will see it)</span>
        </label>
        <textarea
          id={`${id}-reason`}
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-autofocus
        />
      </div>
    </Modal>
  );
}

/** Picks a new time from the organizer's free slots for this contact; a taken time offers the nearest. */
export function RescheduleMeetingDialog({ meeting, onClose }: { meeting: MeetingDto; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const who = firstName(meeting.contact.name);
  const [chosen, setChosen] = useState<SlotDto | null>(null);
  const [slots, setSlots] = useState<OrganizerSlots | null>(null);
  const [taken, setTaken] = useState<SlotTakenError | null>(null);
  const move = useMutation({
    mutationFn: (slot: SlotDto) => api.meetings.reschedule(meeting.id, slot.start),
    onSuccess: async (moved) => {
      onClose();
      toast({ message: `Moved to ${formatWhenIn(moved.start, moved.organizerZone)}.` });
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
    move.reset();
    setChosen(slot);
  };
  return (
    <Modal
      title={`Reschedule the meeting with ${meeting.contact.name}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Keep current time
          </button>
          <button
            type="button"
            className="button primary"
            disabled={!chosen || move.isPending}
            onClick={() => chosen && move.mutate(chosen)}
          >
            {move.isPending
              ? 'Moving…'
              : chosen
                ? `Move to ${formatWhenIn(chosen.start, meeting.organizerZone)}`
                : 'Pick a time'}
          </button>
        </>
      }
    >
      <p>Now: {formatWhenIn(meeting.start, meeting.organizerZone)}</p>
      {move.error && !(move.error instanceof SlotTakenError) && <ErrorAlert error={move.error} />}
      {taken && (
        <TakenNotice
          error={taken}
          zone={meeting.organizerZone}
          onSelect={choose}
          detail={slots && slots.contactZone !== slots.organizerZone ? contactTime(slots, who) : undefined}
        />
      )}
      <OrganizerSlotPicker
        contactId={meeting.contactId}
        meetingType={meeting.meetingType.id}
        who={who}
        selected={chosen?.start ?? null}
        onSelect={(slot, all) => {
          setSlots(all);
          choose(slot);
        }}
      />
    </Modal>
  );
}
