import { moveLead, type PipelineDeps } from './pipeline.js';

export interface EndedMeeting {
  id: string;
  ownerId: string;
  contactId: string;
  end: string;
}

/** How far back the timer looks: a run missed for a day still counts those meetings as held. */
export const PASSED_LOOKBACK_MS = 2 * 86_400_000;

/**
 * "Meeting passed → met unless no-show": each booked meeting that ended since the lookback moves
 * its lead, at the meeting's end. Running again changes nothing (a met lead stays met), and a
 * no-show marked before the end is kept (stages.ts).
 */
export async function markPassedMeetings(
  deps: PipelineDeps & { endedBetween(from: string, to: string): Promise<EndedMeeting[]> },
): Promise<number> {
  const now = deps.now();
  const ended = await deps.endedBetween(
    new Date(now.getTime() - PASSED_LOOKBACK_MS).toISOString(),
    now.toISOString(),
  );
  let moved = 0;
  for (const m of ended) {
    const t = await moveLead(m.ownerId, m.contactId, { kind: 'meeting-passed', at: m.end }, deps, m.id);
    if (t?.moved) moved++;
  }
  return moved;
}
