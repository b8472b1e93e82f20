import { DateTime } from 'luxon';
import type { AssistantMeeting } from './assistant-ports.js';
import {
  type AssistantDeps,
  type AssistantResult,
  type AssistantState,
  contactLink,
  formatSpan,
  MEETINGS_LINK,
  timeChoices,
  timesReply,
  YES_NO,
} from './assistant-state.js';
import type { AssistantCommand } from './assistant-understanding.js';
import { OFFER_COUNT, pickOffer } from './offer.js';

/**
 * "Move my 3pm to Friday": the meeting at 15:00 on the first day (from today, two weeks ahead)
 * that has one — said which — or a question when that day has several; then free times on the
 * target day at the same time or nearest, a pick, a confirmation, and the move through the same
 * use case as the Meetings page's (the contact gets the "Moved" email).
 */

const LOOK_AHEAD_DAYS = 14;
const EXAMPLE = 'Say it like "move my 3pm to Friday" or "move my meeting with Jane to tomorrow at 11".';

type MoveCommand = Extract<AssistantCommand, { kind: 'move' }>;

export async function move(
  state: AssistantState,
  command: MoveCommand,
  deps: AssistantDeps,
): Promise<AssistantResult> {
  const idle = { ...state, pending: undefined };
  if (!command.at && !command.who) {
    return { state: idle, replies: [{ text: `Which meeting should I move? ${EXAMPLE}` }] };
  }
  if (!command.to) {
    const text = command.toText
      ? `I couldn't tell which day "${command.toText.slice(0, 80)}" is. ${EXAMPLE}`
      : `To when? ${EXAMPLE}`;
    return { state: idle, replies: [{ text }] };
  }
  const now = deps.ports.now();
  const upcoming = await deps.ports.meetings(state.ownerId, {
    from: now.toISOString(),
    to: new Date(now.getTime() + LOOK_AHEAD_DAYS * 86_400_000).toISOString(),
  });
  const matching = upcoming.filter((m) => {
    const local = DateTime.fromISO(m.start, { zone: state.zone });
    const atOk = !command.at || (local.hour === command.at.hour && local.minute === command.at.minute);
    const whoOk = !command.who || m.contactName.toLowerCase().includes(command.who.toLowerCase());
    return atOk && whoOk && Date.parse(m.start) > now.getTime();
  });
  const what = describeWanted(command);
  if (matching.length === 0) {
    return {
      state: idle,
      replies: [
        { text: `I found no upcoming meeting ${what} in the next two weeks.`, links: [MEETINGS_LINK] },
      ],
    };
  }
  const dayOf = (m: AssistantMeeting) => DateTime.fromISO(m.start, { zone: state.zone }).toISODate();
  const firstDay = dayOf(matching[0]!);
  const sameDay = matching.filter((m) => dayOf(m) === firstDay).slice(0, 5);
  const target = { from: command.to.from, to: command.to.to, at: command.to.at, toText: command.toText };
  if (sameDay.length > 1) {
    const lines = sameDay.map((m, i) => `${i + 1}. ${formatSpan(m, state.zone)} ${m.title}`);
    return {
      state: { ...state, pending: { kind: 'meeting', candidates: sameDay, ...target } },
      replies: [
        {
          text: `You have ${sameDay.length} meetings ${what} on that day — which one?\n${lines.join('\n')}`,
          choices: lines,
        },
      ],
    };
  }
  return offerMoveTimes(state, sameDay[0]!, target, deps, true);
}

function describeWanted(command: MoveCommand): string {
  const at =
    command.at &&
    `at ${String(command.at.hour).padStart(2, '0')}:${String(command.at.minute).padStart(2, '0')}`;
  const who = command.who && `with ${command.who.slice(0, 80)}`;
  return [at, who].filter(Boolean).join(' ');
}

/** Times on the target day nearest the meeting's own time of day (or the time asked for). */
export async function offerMoveTimes(
  state: AssistantState,
  meeting: AssistantMeeting,
  target: { from: string; to: string; at?: string | undefined; toText: string },
  deps: AssistantDeps,
  sayWhich: boolean,
): Promise<AssistantResult> {
  const picked = sayWhich ? `Your ${formatSpan(meeting, state.zone)} is ${meeting.title}. ` : '';
  const own = DateTime.fromISO(meeting.start, { zone: state.zone });
  const at =
    target.at ??
    DateTime.fromISO(target.from, { zone: state.zone })
      .set({ hour: own.hour, minute: own.minute, second: 0, millisecond: 0 })
      .toUTC()
      .toISO()!;
  const slots = await deps.ports.moveSlots(state.ownerId, meeting.id, { from: target.from, to: target.to });
  const times = pickOffer(slots, { from: target.from, to: target.to, at }, state.zone).slice(0, OFFER_COUNT);
  if (times.length === 0) {
    return {
      state: { ...state, pending: undefined },
      replies: [
        {
          text: `${picked}There is no free time ${target.toText ? `on ${target.toText.slice(0, 80)} ` : ''}to move it to. Try another day.`,
        },
      ],
    };
  }
  const reply = timesReply(`${picked}Free times to move it to`, times, state.zone);
  return { state: { ...state, pending: { kind: 'move-time', meeting, offered: times } }, replies: [reply] };
}

export function confirmMove(
  state: AssistantState,
  pending: { meeting: AssistantMeeting; offered: { start: string; end: string }[] },
  choice: number,
): AssistantResult {
  const slot = pending.offered[choice - 1];
  if (!slot) {
    return {
      state: { ...state, pending: { kind: 'move-time', ...pending } },
      replies: [
        {
          text: `Please pick a number from 1 to ${pending.offered.length}.`,
          choices: timeChoices(pending.offered, state.zone),
        },
      ],
    };
  }
  const from = DateTime.fromISO(pending.meeting.start, { zone: state.zone })
    .setLocale('en-GB')
    .toFormat('ccc d LLL HH:mm');
  return {
    state: {
      ...state,
      pending: { kind: 'confirm-move', meeting: pending.meeting, offered: pending.offered, slot },
    },
    replies: [
      {
        text: `Move ${pending.meeting.title} from ${from} to ${formatSpan(slot, state.zone)}? yes/no`,
        choices: YES_NO,
      },
    ],
  };
}

export async function reschedule(
  state: AssistantState,
  pending: {
    meeting: AssistantMeeting;
    offered: { start: string; end: string }[];
    slot: { start: string; end: string };
  },
  deps: AssistantDeps,
): Promise<AssistantResult> {
  const result = await deps.ports.reschedule(state.ownerId, pending.meeting.id, pending.slot.start);
  if ('taken' in result) {
    const others = result.taken.filter((s) => s.start !== pending.slot.start).slice(0, OFFER_COUNT);
    if (others.length === 0) {
      return {
        state: { ...state, pending: undefined },
        replies: [{ text: 'Sorry — that time was just taken. Ask me for another day.' }],
      };
    }
    return {
      state: { ...state, pending: { kind: 'move-time', meeting: pending.meeting, offered: others } },
      replies: [timesReply('Sorry — that time was just taken. The nearest free times', others, state.zone)],
    };
  }
  const moved = result.moved;
  return {
    state: { ...state, pending: undefined },
    replies: [
      {
        text: `Moved: ${moved.title} is now ${formatSpan(moved, state.zone)}. ${moved.contactName} gets an email with the new time.`,
        links: [MEETINGS_LINK, contactLink({ id: moved.contactId, name: moved.contactName })],
      },
    ],
  };
}
