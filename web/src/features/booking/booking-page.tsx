import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { BookingPageDto, PublicMeetingDto, SlotDto } from '../../../../functions/booking/schema';
import type { SlotTakenError } from '../../lib/api';
import { browserZone, formatWhenIn } from '../../lib/time-zone';
import { BookingChat } from './booking-chat';
import { BookingConfirmation } from './booking-confirmation';
import { BookingForm, type Visitor } from './booking-form';
import { LOCATION_LABELS, minutes } from './labels';
import { LinkProblem } from './link-problem';
import { bookingPageQuery, bookingSlotsQuery } from './queries';
import { findSlot, nearestSlots, SlotChoices } from './slot-picker';
import { SlotsSection, TakenNotice } from './slots-section';
import { ZoneSelect } from './zone-select';

/**
 * /book/{token}: the page a booking link opens. Pick a time in your zone, confirm with your name and
 * email, and get the meeting with calendar links. `?slot=` (from an email's suggested time) preselects
 * a time, but only the Confirm button books.
 */
export function BookingPage({ token, wantedSlot }: { token: string; wantedSlot?: string | undefined }) {
  const page = useQuery(bookingPageQuery(token));
  if (page.isPending) return <p aria-live="polite">Loading…</p>;
  if (!page.data)
    return <LinkProblem error={page.error} what="booking link" onRetry={() => void page.refetch()} />;
  return <Booking token={token} page={page.data} wantedSlot={wantedSlot} />;
}

function Booking({
  token,
  page,
  wantedSlot,
}: {
  token: string;
  page: BookingPageDto;
  wantedSlot: string | undefined;
}) {
  const [zone, setZone] = useState(browserZone);
  const slots = useQuery(bookingSlotsQuery(token, zone));
  const [chosen, setChosen] = useState<SlotDto | null>(null);
  const [wanted, setWanted] = useState(wantedSlot);
  const [taken, setTaken] = useState<SlotTakenError | null>(null);
  const [booked, setBooked] = useState<PublicMeetingDto | null>(null);
  const [visitor, setVisitor] = useState<Visitor>({
    name: page.contact.name,
    email: page.contact.email,
    note: '',
  });
  const free = slots.data?.slots ?? [];
  const wantedFree = wanted && slots.data ? findSlot(free, wanted) : undefined;
  const wantedGone = Boolean(wanted && slots.data && !wantedFree);
  const current = chosen ?? wantedFree ?? null;

  const choose = (slot: SlotDto | null) => {
    setChosen(slot);
    setWanted(undefined);
    setTaken(null);
  };

  return (
    <>
      <header className="booking-intro">
        <p className="muted">{page.organizer.name}</p>
        <h1>{page.meetingType.name}</h1>
        <p>
          {minutes(page.meetingType.durationMinutes)} · {LOCATION_LABELS[page.meetingType.location]}
        </p>
        {page.meetingType.description && <p className="notes">{page.meetingType.description}</p>}
      </header>
      {booked ? (
        <BookingConfirmation meeting={booked} zone={zone} />
      ) : (
        <>
          <ZoneSelect value={zone} onChange={setZone} />
          {slots.data?.tentative && (
            <div className="notice warn" role="status">
              <p>
                <strong>These times are tentative.</strong> {page.organizer.name}’s calendar cannot be checked
                right now, so {page.organizer.name} will confirm the time you pick — you get the invitation
                then.
              </p>
            </div>
          )}
          {taken && <TakenNotice error={taken} zone={zone} onSelect={choose} />}
          {wantedGone && wanted && (
            <div className="notice warn" role="status">
              <p>{formatWhenIn(wanted, zone)} is no longer free. Here are the nearest free times:</p>
              <SlotChoices
                slots={nearestSlots(free, wanted)}
                timeZone={zone}
                onSelect={choose}
                label="Nearest free times"
              />
            </div>
          )}
          {current ? (
            <BookingForm
              token={token}
              slot={current}
              zone={zone}
              visitor={visitor}
              onVisitorChange={setVisitor}
              onChangeTime={() => choose(null)}
              onBooked={setBooked}
              onTaken={(error) => {
                choose(null);
                setTaken(error);
                void slots.refetch();
              }}
            />
          ) : (
            <SlotsSection query={slots} zone={zone} onSelect={choose} />
          )}
          {!current && <BookingChat token={token} zone={zone} />}
        </>
      )}
    </>
  );
}
