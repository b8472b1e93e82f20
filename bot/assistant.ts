import { DateTime } from 'luxon';
import { zoneCity } from '../functions/_shared/scheduling/zone-clock.js';
import { book, confirmBook, findWith, offerTimes } from './assistant-book.js';
import { confirmMove, move, offerMoveTimes, reschedule } from './assistant-move.js';
import {
  type AssistantDeps,
  type AssistantReply,
  type AssistantResult,
  type AssistantState,
  contactLink,
  formatSpan,
  YES_NO,
} from './assistant-state.js';
import { type AssistantCommand, readCommand } from './assistant-understanding.js';
import { parseWhen } from './when.js';

/**
 * The organizer's assistant, separate from the visitor's conversation: a command ("find 30
 * minutes with Jane next week", "what's on tomorrow", "who hasn't replied?", "move my 3pm to
 * Friday") starts a flow; a flow waits on one question at a time (which contact, which time,
 * yes/no). Nothing is booked or moved before an explicit "yes" to a confirmation that names the
 * time and the person. A new command at any point leaves the open question.
 */

export const SUGGESTIONS = [
  "What's on tomorrow?",
  "Who hasn't replied?",
  'Find 30 minutes with … next week',
  'Move my 3pm to Friday',
];

const HELP =
  'I can:\n' +
  '• find a time and book it — "find 30 minutes with Jane next week"\n' +
  '• show a day — "what\'s on tomorrow" or "what\'s on Friday"\n' +
  '• list who hasn\'t replied to your campaign emails — "who hasn\'t replied?"\n' +
  '• move a meeting — "move my 3pm to Friday"\n' +
  'I always ask before I book or move anything.';

export function newAssistant(ownerId: string, zone: string): AssistantState {
  return { ownerId, zone };
}

/** What a new conversation opens with. */
export function hello(state: AssistantState): AssistantResult {
  return {
    state,
    replies: [
      {
        text: `Hi! I work in your calendar and contacts (${zoneCity(state.zone)} time).\n${HELP}`,
        choices: SUGGESTIONS.filter((s) => !s.includes('…')),
      },
    ],
  };
}

export async function assistantTurn(
  state: AssistantState,
  message: string,
  deps: AssistantDeps,
): Promise<AssistantResult> {
  const context = { zone: state.zone, now: deps.ports.now() };
  const command = deps.read ? await deps.read(message, context) : readCommand(message, context);
  const pending = state.pending;
  if (pending) {
    const answered = await answer(state, command, deps);
    if (answered) return answered;
  }
  const idle: AssistantState = { ...state, pending: undefined };
  switch (command.kind) {
    case 'find':
      return findWith(idle, command, deps);
    case 'agenda':
      return agenda(idle, command.day, deps);
    case 'replies':
      return notReplied(idle, deps);
    case 'move':
      return move(idle, command, deps);
    case 'yes':
    case 'no':
    case 'pick':
      return {
        state: idle,
        replies: [
          {
            text: 'There is nothing waiting for an answer. What would you like to do?',
            choices: SUGGESTIONS.filter((s) => !s.includes('…')),
          },
        ],
      };
    case 'help':
      return { state: idle, replies: [{ text: HELP }] };
    default:
      return {
        state: idle,
        replies: [{ text: `Sorry, I didn't understand that. ${HELP}` }],
      };
  }
}

/** An answer to the open question; undefined when the message is a new command instead. */
async function answer(
  state: AssistantState,
  command: AssistantCommand,
  deps: AssistantDeps,
): Promise<AssistantResult | undefined> {
  const pending = state.pending!;
  if (command.kind === 'no') {
    const text =
      pending.kind === 'confirm-book'
        ? 'OK — nothing booked.'
        : pending.kind === 'confirm-move'
          ? 'OK — the meeting stays where it is.'
          : 'OK — dropped.';
    return { state: { ...state, pending: undefined }, replies: [{ text: `${text} What next?` }] };
  }
  switch (pending.kind) {
    case 'contact': {
      const chosen =
        command.kind === 'pick'
          ? pending.candidates[command.choice - 1]
          : command.kind === 'other'
            ? pending.candidates.find(
                (c) =>
                  c.name.toLowerCase() ===
                  command.text
                    .replace(/^\d\.\s*/, '')
                    .split(/\s+[(—]/)[0]!
                    .toLowerCase(),
              )
            : undefined;
      if (chosen) return offerTimes(state, chosen, pending, deps);
      if (command.kind === 'pick' || command.kind === 'other' || command.kind === 'yes') {
        return {
          state,
          replies: [
            { text: `Please pick a number from 1 to ${pending.candidates.length}, or say "no" to drop it.` },
          ],
        };
      }
      return undefined;
    }
    case 'time':
    case 'move-time': {
      if (command.kind === 'pick') {
        return pending.kind === 'time'
          ? confirmBook(state, pending, command.choice)
          : confirmMove(state, pending, command.choice);
      }
      if (command.kind === 'other' || command.kind === 'yes') {
        // "Thursday afternoon instead": look there.
        const said = command.kind === 'other' ? command.text : '';
        const wish = said ? parseWhen(said, state.zone, deps.ports.now()) : undefined;
        if (wish && pending.kind === 'time') {
          return offerTimes(
            state,
            pending.contact,
            { durationMinutes: pending.durationMinutes, ...wish },
            deps,
          );
        }
        if (wish && pending.kind === 'move-time') {
          return offerMoveTimes(state, pending.meeting, { ...wish, toText: said }, deps, false);
        }
        return {
          state,
          replies: [
            {
              text: `Reply with a number from 1 to ${pending.offered.length} to pick a time, or name another day.`,
            },
          ],
        };
      }
      return undefined;
    }
    case 'confirm-book':
    case 'confirm-move': {
      if (command.kind === 'yes')
        return pending.kind === 'confirm-book'
          ? book(state, pending, deps)
          : reschedule(state, pending, deps);
      if (command.kind === 'pick') {
        return pending.kind === 'confirm-book'
          ? confirmBook(state, pending, command.choice)
          : confirmMove(state, pending, command.choice);
      }
      if (command.kind === 'other' || command.kind === 'help') {
        const what =
          pending.kind === 'confirm-book'
            ? `Book ${formatSpan(pending.slot, state.zone)} with ${pending.contact.name}`
            : `Move ${pending.meeting.title} to ${formatSpan(pending.slot, state.zone)}`;
        return { state, replies: [{ text: `Please answer yes or no: ${what}?`, choices: YES_NO }] };
      }
      return undefined;
    }
    case 'meeting': {
      if (command.kind === 'pick') {
        const meeting = pending.candidates[command.choice - 1];
        if (meeting) return offerMoveTimes(state, meeting, pending, deps, true);
      }
      if (command.kind === 'pick' || command.kind === 'other' || command.kind === 'yes') {
        return {
          state,
          replies: [
            { text: `Please pick a number from 1 to ${pending.candidates.length}, or say "no" to drop it.` },
          ],
        };
      }
      return undefined;
    }
  }
}

async function agenda(state: AssistantState, day: string, deps: AssistantDeps): Promise<AssistantResult> {
  const start = DateTime.fromISO(day, { zone: state.zone }).startOf('day');
  const today = DateTime.fromJSDate(deps.ports.now()).setZone(state.zone).startOf('day');
  const daysAway = Math.round(start.diff(today, 'days').days);
  const label =
    daysAway === 0
      ? 'today'
      : daysAway === 1
        ? 'tomorrow'
        : daysAway === -1
          ? 'yesterday'
          : `on ${start.setLocale('en-GB').toFormat('cccc d LLLL')}`;
  const dated = daysAway >= -1 && daysAway <= 1 ? ` (${start.setLocale('en-GB').toFormat('ccc d LLL')})` : '';
  const meetings = await deps.ports.meetings(state.ownerId, {
    from: start.toUTC().toISO()!,
    to: start.plus({ days: 1 }).toUTC().toISO()!,
  });
  if (meetings.length === 0) {
    return {
      state,
      replies: [
        {
          text: `Nothing on ${label}${dated} — your calendar is clear.`.replace(
            'Nothing on on ',
            'Nothing on ',
          ),
        },
      ],
    };
  }
  const lines = meetings.map((m) => `• ${formatSpan(m, state.zone).slice(-11)} ${m.title}`);
  const reply: AssistantReply = {
    text: `${meetings.length === 1 ? '1 meeting' : `${meetings.length} meetings`} ${label}${dated}, ${zoneCity(state.zone)} time:\n${lines.join('\n')}`,
    links: dedupe(meetings.map((m) => contactLink({ id: m.contactId, name: m.contactName }))),
  };
  return { state, replies: [reply] };
}

const SHOWN = 10;

async function notReplied(state: AssistantState, deps: AssistantDeps): Promise<AssistantResult> {
  const { contacts, total } = await deps.ports.notReplied(state.ownerId, SHOWN);
  if (total === 0) {
    return {
      state,
      replies: [
        {
          text: "Nobody is waiting on a reply: everyone you've emailed in a campaign has answered or moved on.",
        },
      ],
    };
  }
  const lines = contacts.map((c, i) => `${i + 1}. ${c.name}${c.company ? ` (${c.company})` : ''}`);
  const head =
    total === 1
      ? "1 contact hasn't replied yet:"
      : total > contacts.length
        ? `${total} contacts haven't replied yet. The newest ${contacts.length}:`
        : `${total} contacts haven't replied yet, newest first:`;
  return {
    state,
    replies: [
      {
        text: `${head}\n${lines.join('\n')}`,
        links: [
          ...contacts.map(contactLink),
          { label: 'All of them in Contacts', href: '/contacts?status=contacted' },
        ],
      },
    ],
  };
}

function dedupe<T extends { href: string }>(links: T[]): T[] {
  const seen = new Set<string>();
  return links.filter((l) => !seen.has(l.href) && seen.add(l.href));
}
