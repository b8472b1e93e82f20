import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { OrganizerSlots, SlotDto } from '../../../../functions/booking/schema';
import { ErrorAlert } from '../../lib/error-alert';
import { formatTimeIn, zoneCity, zoneLabel } from '../../lib/time-zone';
import { SlotPicker } from '../booking/slot-picker';
import { organizerSlotsQuery } from './queries';

/** "4:00 PM for Ada (Berlin)": the contact's clock beside the organizer's. */
export const contactTime = (slots: Pick<OrganizerSlots, 'contactZone'>, who: string) => (slot: SlotDto) =>
  `${formatTimeIn(slot.start, slots.contactZone)} for ${who} (${zoneCity(slots.contactZone)})`;

/** The organizer's free times for one contact and meeting type, in the organizer's zone with theirs beside. */
export function OrganizerSlotPicker({
  contactId,
  meetingType,
  who,
  selected,
  onSelect,
}: {
  contactId: string;
  meetingType: string | undefined;
  /** The contact's first name or name, for "… for Ada". */
  who: string;
  selected: string | null;
  onSelect: (slot: SlotDto, slots: OrganizerSlots) => void;
}) {
  const { data, error, isPending, isFetching } = useQuery(organizerSlotsQuery({ contactId, meetingType }));
  if (isPending) return <p aria-live="polite">Loading free times…</p>;
  if (!data) return <ErrorAlert error={error} />;
  const sameZone = data.organizerZone === data.contactZone;
  return (
    <div aria-busy={isFetching}>
      <p className="hint">
        Times in your zone ({zoneLabel(data.organizerZone)})
        {sameZone ? `, the same as ${who}’s.` : `, with ${who}’s local time under each.`}
      </p>
      {data.slots.length === 0 ? (
        <p>
          No free times for this meeting type. Change your hours on the{' '}
          <Link to="/availability">Availability</Link> page.
        </p>
      ) : (
        <SlotPicker
          slots={data.slots}
          timeZone={data.organizerZone}
          selected={selected}
          onSelect={(slot) => onSelect(slot, data)}
          {...(sameZone ? {} : { detail: contactTime(data, who) })}
        />
      )}
    </div>
  );
}
