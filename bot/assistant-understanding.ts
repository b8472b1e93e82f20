import { DateTime } from 'luxon';
import { MAX_MESSAGE, understand as visitorUnderstand } from './patterns.js';
import type { TimeWish } from './understanding.js';
import { parseWhen } from './when.js';

/**
 * What the organizer asked, read deterministically: the command by patterns, times by
 * chrono-node (when.ts) in the organizer's zone, picks ("2", "book the second one") as the
 * visitor's understanding reads them. It only reads: the conversation decides, and nothing is
 * booked or moved without the organizer's "yes" to a confirmation.
 */

export type AssistantCommand =
  | { kind: 'find'; who: string; durationMinutes?: number; when?: TimeWish }
  | { kind: 'agenda'; day: string }
  | { kind: 'replies' }
  | { kind: 'move'; at?: { hour: number; minute: number }; who?: string; to?: TimeWish; toText: string }
  | { kind: 'help' }
  | { kind: 'yes' }
  | { kind: 'no' }
  | { kind: 'pick'; choice: number }
  | { kind: 'other'; text: string };

export interface AssistantContext {
  zone: string;
  now: Date;
}

const YES =
  /^(y|yes|yep|yeah|yup|sure|ok|okay|confirm|confirmed|book it|do it|go ahead|please do|yes please|correct|sí|si|oui|ja)[\s.!]*$/i;
const NO = /^(n|no|nope|nah|cancel|stop|never ?mind|don'?t|not now|no thanks)[\s.!]*$/i;
const HELP = /^(help|\?+|what can you do\??|commands|menu|hi|hello|hey)[\s.!?]*$/i;
const AGENDA =
  /\b(what'?s|what is|whats)\s+(on|up|happening|planned|booked|scheduled)\b|\b(my|the)\s+(agenda|schedule|day|meetings)\b|\bwhat (do i have|meetings)\b|\bam i (free|busy)\b/i;
const REPLIES =
  /\b(hasn'?t|haven'?t|has not|have not|didn'?t|did not|not|no|never|yet to)\s+(yet\s+)?(replied|reply|answered|responded|come back|got back)\b|\bno repl(y|ies)\b|\bwho.*\brepl/i;
const MOVE = /^(?:please\s+)?(?:can you\s+)?(move|reschedule|shift|push|postpone|bring forward)\b\s*(.*)$/i;
const FIND = /\b(find|book|schedule|set up|setup|arrange|organi[sz]e|get|need|make)\b.*\bwith\s+(.+)$/i;
/** Where a person's name stops and the time words start ("Jane next week", "Jane Doe on Friday"). */
const NAME_STOP =
  /\s+(?:next|this|coming|tomorrow|today|tonight|on|in|at|for|after|before|around|by|from|sometime|some time|any|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|morning|afternoon|evening|please|asap|soon|later)\b.*$/i;

export function readCommand(raw: string, context: AssistantContext): AssistantCommand {
  const text = raw.trim().slice(0, MAX_MESSAGE);
  if (!text) return { kind: 'help' };
  if (YES.test(text)) return { kind: 'yes' };
  if (NO.test(text)) return { kind: 'no' };
  const visitor = visitorUnderstand(text, context);
  if (visitor.choice) return { kind: 'pick', choice: visitor.choice };
  if (HELP.test(text)) return { kind: 'help' };
  if (REPLIES.test(text)) return { kind: 'replies' };
  const move = MOVE.exec(text);
  if (move) return moveCommand(move[2] ?? '', context);
  const find = FIND.exec(text);
  if (find) {
    const who = find[2]!
      .replace(NAME_STOP, '')
      .replace(/[?.!,]+$/, '')
      .trim();
    const durationMinutes = durationIn(text);
    // Read the time without the length ("30 minutes" is not "in 30 minutes") or the name ("June").
    const rest = text
      .replace(DURATION_WORDS, ' ')
      .replace(new RegExp(`\\bwith\\s+${escapeRegExp(who)}`, 'i'), ' ');
    const when = parseWhen(rest, context.zone, context.now);
    if (who) return { kind: 'find', who, ...(durationMinutes && { durationMinutes }), ...(when && { when }) };
  }
  if (AGENDA.test(text)) return { kind: 'agenda', day: dayIn(text, context) };
  return { kind: 'other', text };
}

const DURATION_WORDS =
  /\b(?:half an? hour|\d{1,3}\s*-?\s*(?:m|min|mins|minute|minutes)|\d(?:\.\d+)?\s*-?\s*(?:h|hr|hrs|hour|hours)|(?:an|one)\s+hour)\b/gi;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "30 minutes", "45 min", "an hour", "1.5 hours", "half an hour". */
export function durationIn(text: string): number | undefined {
  if (/\bhalf an? hour\b/i.test(text)) return 30;
  const minutes = /\b(\d{1,3})\s*-?\s*(?:m|min|mins|minute|minutes)\b/i.exec(text);
  if (minutes) return Number(minutes[1]);
  const hours = /\b(\d(?:\.\d+)?)\s*-?\s*(?:h|hr|hrs|hour|hours)\b/i.exec(text);
  if (hours) return Math.round(Number(hours[1]) * 60);
  if (/\b(an|one)\s+hour\b/i.test(text)) return 60;
  return undefined;
}

/** The local day a question is about (YYYY-MM-DD): today unless it names one. */
function dayIn(text: string, context: AssistantContext): string {
  const today = DateTime.fromJSDate(context.now).setZone(context.zone);
  const when = parseWhen(text, context.zone, context.now);
  const at = when?.at ?? when?.from;
  return (at ? DateTime.fromISO(at).setZone(context.zone) : today).toISODate()!;
}

/** "my 3pm to Friday", "the 15:30 to tomorrow at 11", "my meeting with Jane to next Monday". */
function moveCommand(rest: string, context: AssistantContext): AssistantCommand {
  const [, what = rest, target = ''] = /^(.*?)\s+(?:to|until|till|for)\s+(.+)$/i.exec(rest) ?? [];
  const time = /\b(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?\b/i.exec(what);
  const who = /\bwith\s+(.+)$/i.exec(what)?.[1]?.replace(NAME_STOP, '').trim();
  let at: { hour: number; minute: number } | undefined;
  if (time) {
    let hour = Number(time[1]);
    const meridiem = time[3]?.toLowerCase();
    if (meridiem === 'pm' && hour < 12) hour += 12;
    if (meridiem === 'am' && hour === 12) hour = 0;
    // "my 3" means the afternoon, as the visitor's "at 3" does.
    if (!meridiem && !time[2] && hour >= 1 && hour <= 7) hour += 12;
    if (hour <= 23 && Number(time[2] ?? 0) <= 59) at = { hour, minute: Number(time[2] ?? 0) };
  }
  const to = target ? parseWhen(target, context.zone, context.now) : undefined;
  return {
    kind: 'move',
    ...(at && { at }),
    ...(who && { who }),
    ...(to && { to }),
    toText: target.replace(/[?.!]+$/, '').trim(),
  };
}
