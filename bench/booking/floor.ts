// The floors of the booking benchmark, measured in the parent while the app is idle: the slot
// engine alone (findSlots with exactly the inputs the public slots endpoint assembles), and each
// step of that assembly alone. Imported only after the environment points at the emulators.

import { createLocalCalendar } from '../../functions/_integrations/calendar/local.js';
import { findSlots, type SlotRequest } from '../../functions/_shared/scheduling/find-slots.js';
import { DAY } from '../../functions/_shared/scheduling/zone-clock.js';
import { cosmosAvailabilityStore } from '../../functions/availability/cosmos-availability-store.js';
import { cosmosLedgerStore } from '../../functions/booking/cosmos-ledger-store.js';
import { bookingDeps } from '../../functions/booking/deps.js';
import { gapMs, ledgerBusy } from '../../functions/booking/ledger.js';
import { bookingSetup, searchSlots } from '../../functions/suggest-slots/slots.js';
import { round, timeCalls } from './measure.js';
import { MEETING_TYPE } from './seed.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** What searchSlots (functions/suggest-slots/slots.ts) hands findSlots for a public page load. */
async function engineRequest(ownerId: string, contactZone: string, now: Date): Promise<SlotRequest> {
  const deps = { availability: cosmosAvailabilityStore, now: () => now };
  const { rules, type } = await bookingSetup(ownerId, MEETING_TYPE.id, deps, { activeOnly: true });
  const start = now.getTime();
  const end = start + (rules.maxDaysAhead + 2) * DAY;
  const gap = gapMs(rules);
  const range = { start: start - gap, end: end + gap };
  const [calendarBusy, booked] = await Promise.all([
    createLocalCalendar(ownerId).listBusy({ start: iso(range.start), end: iso(range.end) }),
    ledgerBusy(ownerId, range, rules, { store: cosmosLedgerStore }, now),
  ]);
  return {
    rules,
    now: now.toISOString(),
    durationMinutes: type.durationMinutes,
    window: { start: iso(start), end: iso(end) },
    busy: [...calendarBusy, ...booked.busy],
    meetings: booked.meetings,
    contact: { timeZone: contactZone },
    suggestions: 3,
  };
}

export async function measureFloors(ownerId: string, contactZone: string, runs: number) {
  const now = new Date();
  const request = await engineRequest(ownerId, contactZone, now);
  const engine = await timeCalls(runs, () => findSlots(request), 20);
  const slots = findSlots(request).slots.map((s) => s.start);

  // Each step of the endpoint's work alone, one after another (nothing else running).
  const rules = (request.rules as { maxDaysAhead: number }).maxDaysAhead;
  const range = { start: now.getTime(), end: now.getTime() + (rules + 2) * DAY };
  const calendar = createLocalCalendar(ownerId);
  const deps = bookingDeps();
  const setup = await bookingSetup(ownerId, MEETING_TYPE.id, deps, { activeOnly: true });
  const steps = {
    availabilityRead: await timeCalls(runs, () => cosmosAvailabilityStore.read(ownerId)),
    calendarQuery: await timeCalls(runs, () =>
      calendar.listBusy({ start: iso(range.start), end: iso(range.end) }),
    ),
    ledgerQuery: await timeCalls(runs, () =>
      ledgerBusy(ownerId, range, setup.rules, { store: cosmosLedgerStore }, now),
    ),
    /** bookingSetup + searchSlots in this process: the use case without HTTP. */
    useCase: await timeCalls(runs, async () =>
      searchSlots(
        ownerId,
        await bookingSetup(ownerId, MEETING_TYPE.id, deps, { activeOnly: true }),
        { contact: { timeZone: contactZone } },
        deps,
      ),
    ),
  };
  return {
    engine,
    steps,
    inputs: {
      busyIntervals: request.busy?.length ?? 0,
      bookedMeetings: request.meetings?.length ?? 0,
      windowDays: round((range.end - range.start) / DAY, 1),
      freeSlots: slots.length,
    },
    slots,
  };
}
