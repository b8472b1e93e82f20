// After the confirm run: every booked meeting of the owner, read from the meetings container,
// checked pair by pair with the ledger's own rule (collides: overlap including the buffers) and
// per organizer-local day against the daily cap.

import { getContainer } from '../../functions/_shared/cosmos/client.js';
import { collides, type LedgerRules, startDay } from '../../functions/booking/ledger.js';
import type { MeetingDoc } from '../../functions/booking/model.js';

export async function checkBookings(ownerId: string, rules: LedgerRules) {
  const { resources } = await (await getContainer('meetings')).items
    .query<Pick<MeetingDoc, 'id' | 'start' | 'end' | 'status'>>({
      query: 'SELECT c.id, c.start, c["end"], c.status FROM c WHERE c.ownerId = @o',
      parameters: [{ name: '@o', value: ownerId }],
    })
    .fetchAll();
  const booked = resources
    .filter((m) => m.status === 'booked')
    .sort((a, b) => a.start.localeCompare(b.start));
  const doubleBookings: { a: string; b: string }[] = [];
  for (let i = 0; i < booked.length; i++)
    for (let j = i + 1; j < booked.length; j++)
      if (collides(booked[i]!, booked[j]!, rules))
        doubleBookings.push({
          a: `${booked[i]!.start} ${booked[i]!.id}`,
          b: `${booked[j]!.start} ${booked[j]!.id}`,
        });
  const perDay = new Map<string, number>();
  for (const m of booked) {
    const day = startDay(m.start, rules.timeZone);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const overCap = [...perDay].filter(
    ([, n]) => rules.maxMeetingsPerDay !== null && n > rules.maxMeetingsPerDay,
  );
  return {
    meetings: resources.length,
    booked: booked.length,
    notBooked: resources.length - booked.length,
    doubleBookings: doubleBookings.length,
    doubleBookingExamples: doubleBookings.slice(0, 5),
    daysOverCap: overCap.length,
    busiestDay: Math.max(0, ...perDay.values()),
    perDay: Object.fromEntries([...perDay].sort()),
  };
}
