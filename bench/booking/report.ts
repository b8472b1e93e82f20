import type { BookingBenchResult } from '../booking.bench.js';
import type { Summary } from './measure.js';

type Run = BookingBenchResult['floors']['health'];
const v = (met: boolean) => (met ? 'met' : 'NOT met');
const statuses = (r: Run) =>
  Object.entries(r.statuses)
    .map(([code, n]) => `${n}× ${code}`)
    .join(', ');
const row = (name: string, r: Run) =>
  `| ${name} | ${r.connections} | ${r.seconds} | ${r.requestsPerSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${statuses(r)} | ${r.socketErrors + r.timeouts} |`;
const inside = (r: Run) =>
  Object.entries(r.inside)
    .filter(([key]) => !/^handler\.[^.]+$/.test(key))
    .map(([key, s]: [string, Summary]) => `| ${key} | ${s.calls} | ${s.p50} | ${s.p99} | ${s.mean} |`);
const cpu = (name: string, r: Run) =>
  `| ${name} | ${r.cpu.appMsPerRequest} | ${r.cpu.cosmosServerMsPerRequest} | ${r.cpu.loadGeneratorMsPerRequest} | ${r.cpu.appEventLoopUtilization} | ${Math.round(r.cpu.machineBusy * 100)}% |`;
const profile = (r: Run) =>
  r.appProfile
    .filter((p) => p.share >= 0.01)
    .map((p) => `| ${p.area} | ${p.ms} | ${Math.round(p.share * 100)}% |`);

export function renderMarkdown(r: BookingBenchResult): string {
  const f = r.floors;
  const s = r.scenario;
  const c = r.confirm;
  const lines = [
    `# Booking benchmark (${r.at}, Node ${r.machine.node}, ${r.machine.cpus} CPUs)`,
    '',
    'One run; each figure beside a floor measured in the same run; nothing asserted on time. The app is the',
    'server the integration tests drive (dev/app-server + the real function registrations) in its own process;',
    'the Cosmos API server (dev/cosmos-server.ts, in memory) in the parent, Azurite in its own process,',
    'autocannon in its own. All share the same CPUs.',
    '',
    `Organizer in ${s.organizerZone}: Mon–Fri 09:00–12:00 and 13:00–17:30, buffers ${s.rules.bufferBeforeMinutes}/${s.rules.bufferAfterMinutes} min,`,
    `${s.rules.maxDaysAhead} days ahead, ${s.rules.minimumNoticeMinutes} min notice, at most ${s.rules.maxMeetingsPerDay} a day, 30-min meetings every ${s.rules.slotIntervalMinutes} min.`,
    `${s.calendarEvents} calendar events (5 calendars × 4 a working day, overlapping) in the local calendar, ${s.prebookedMeetings}`,
    `meetings booked through the API, ${s.contactsWithLinks} contacts each with a signed booking link; every request picks a random`,
    `link. ${s.rateLimits}. Client timeout ${s.timeoutSeconds} s.`,
    '',
    '## Results',
    '',
    '| run | connections | s | req/s | p50 ms | p99 ms | responses | socket errors + timeouts |',
    '|---|---:|---:|---:|---:|---:|---|---:|',
    row('floor: GET /api/health', f.health),
    row('slots, one connection', f.slotsOneConnection),
    row('**slots** GET /api/public/booking/{token}/slots', r.slots),
    row('**confirm** POST /api/public/booking/{token}', c),
    '',
    `Slot engine alone (findSlots, same rules, ${f.engineInputs.busyIntervals} busy intervals, ${f.engineInputs.bookedMeetings} meetings, ${f.engineInputs.windowDays}-day window,`,
    `${f.engineInputs.freeSlots} free slots; same slots as the endpoint returned: ${f.engineSameSlotsAsEndpoint}): p50 **${f.engine.p50} ms**, p99 ${f.engine.p99} ms over ${f.engine.calls} calls.`,
    '',
    `- slots p50 at ${s.connections} connections is **${r.ratios.slotsP50ToEngineP50}×** the engine's p50; with one connection ${r.ratios.slotsOneConnectionP50ToEngineP50}×.`,
    `- slots req/s is ${r.ratios.slotsRpsToHealthRps}× the health endpoint's through the same server (framework floor).`,
    `- confirm p50 is ${r.ratios.confirmP50ToEngineP50}× the engine's p50. Unloaded (one request at a time, before the runs): 201 p50 ${f.unloadedConfirm.created.p50} ms`,
    `  (${f.unloadedConfirm.created.calls} bookings), 409 p50 ${f.unloadedConfirm.refused409.p50} ms.`,
    '',
    '## Confirm: outcomes and double bookings',
    '',
    `${c.freeSlotsOffered} free slots fetched once before the run; each request picked one at random. ${c.created} × 201, ${c.refused409} × 409`,
    `(expected: the time was taken, or the day full), ${c.errors} errors (5xx, socket errors, timeouts).`,
    `Booked meetings afterwards: ${c.check.booked} (${c.bookedBefore} before the run; new ones match the 201s: ${c.createdMatchesMeetings});`,
    `not booked (undone): ${c.check.notBooked}. **Double bookings (overlap including buffers, ledger's collides): ${c.check.doubleBookings}.**`,
    `Days over the cap of ${s.rules.maxMeetingsPerDay}: ${c.check.daysOverCap} (busiest day: ${c.check.busiestDay}).`,
    '',
    '## Where the time goes',
    '',
    'CPU per request by process (ms), app event-loop utilisation, and the machine busy share:',
    '',
    '| run | app | Cosmos API server | autocannon | app ELU | machine |',
    '|---|---:|---:|---:|---:|---:|',
    cpu('health', f.health),
    cpu('slots, one connection', f.slotsOneConnection),
    cpu('slots', r.slots),
    cpu('confirm', c),
    '',
    'Each step alone, one after another, in the parent (ms):',
    '',
    '| step | p50 | p99 |',
    '|---|---:|---:|',
    `| findSlots (engine) | ${f.engine.p50} | ${f.engine.p99} |`,
    `| availability read (point read) | ${f.steps.availabilityRead.p50} | ${f.steps.availabilityRead.p99} |`,
    `| calendar busy query (local calendar) | ${f.steps.calendarQuery.p50} | ${f.steps.calendarQuery.p99} |`,
    `| ledger query (ledgerBusy) | ${f.steps.ledgerQuery.p50} | ${f.steps.ledgerQuery.p99} |`,
    `| use case without HTTP (bookingSetup + searchSlots) | ${f.steps.useCase.p50} | ${f.steps.useCase.p99} |`,
    '',
    'Inside the app under load: handler time by status, and the await time of each store call (ms; under',
    'saturation these include waiting for the event loop):',
    '',
    '| slots: measure | calls | p50 | p99 | mean |',
    '|---|---:|---:|---:|---:|',
    ...inside(r.slots),
    '',
    '| confirm: measure | calls | p50 | p99 | mean |',
    '|---|---:|---:|---:|---:|',
    ...inside(c),
    '',
    'App CPU profile (self time, ≥ 1%) during the slots run:',
    '',
    '| area | ms | share |',
    '|---|---:|---:|',
    ...profile(r.slots),
    '',
    'During the confirm run:',
    '',
    '| area | ms | share |',
    '|---|---:|---:|',
    ...profile(c),
    '',
    '## Targets',
    '',
    `- slots p99 < ${r.targets.slots.p99BelowMs} ms with 0 errors: p99 ${r.slots.latencyMs.p99} ms, ${r.slots.errors} errors — ${v(r.targets.slots.met)}`,
    `- confirm p99 < ${r.targets.confirm.p99BelowMs} ms with 0 double bookings: p99 ${c.latencyMs.p99} ms, ${c.check.doubleBookings} double bookings,` +
      ` ${c.check.daysOverCap} days over the cap — ${v(r.targets.confirm.met)}`,
    '',
    `Load average before ${r.machine.loadBefore.join(' ')}, after ${r.machine.loadAfter.join(' ')}.`,
  ];
  return `${lines.join('\n')}\n`;
}
