import { normaliseEmail } from '../functions/contacts/fields/email.js';
import { normalisePhone, phoneCountry } from '../functions/contacts/fields/phone.js';
import type { Intent, Understanding, UnderstandingContext, Understood } from './understanding.js';
import { parseWhen } from './when.js';

/**
 * The deterministic understanding: intents by patterns, times by chrono-node (when.ts), emails
 * and phone numbers by the import's own validators, so the bot keeps exactly what an import
 * would keep.
 */

/** Longer messages are cut: nothing the bot asks for needs more. */
export const MAX_MESSAGE = 2000;

const INTENTS: [RegExp, Intent][] = [
  [/\b(start (over|again|afresh)|restart|reset|begin again|from scratch)\b/i, 'restart'],
  [/^(help|\?+|what can you do\??)$/i, 'help'],
  [
    /^(hi|hello|hey|hiya|howdy|hallo|hola|bonjour|good (morning|afternoon|evening))\b[\s!.,]*(there)?[\s!.]*$/i,
    'greet',
  ],
  [/^(none|no|nope|n\/?a|-+|skip|nothing|no company|not applicable|prefer not to say)[\s.!]*$/i, 'skip'],
  [
    /\b(other|another|more|different|none of (these|them|those)|something else|anything else|later|earlier)\b/i,
    'more',
  ],
];

const ORDINALS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3 };
const CHOICE =
  /^(?:(?:i'?ll take|let'?s do|i choose|i pick|go with|book)\s+)?(?:the\s+)?(?:option|number|no\.?|#)?\s*([1-9]|first|second|third|1st|2nd|3rd)(?:\s+(?:one|option|slot|time))?(?:\s+please)?[\s.!)]*$/i;

// A message that is only a name: letters (any script), spaces, hyphens and apostrophes.
const NAME_ONLY = /^\p{L}[\p{L}\p{M}'’.-]*(?:\s+\p{L}[\p{L}\p{M}'’.-]*){0,3}$/u;
const NAME_INTRO =
  /(?:^|\s)(?:i am|i'm|im|my name is|my name's|this is|it's|call me|name:|me llamo|mi nombre es|je m'appelle|ich heiße|ich heisse|mein name ist|mi chiamo|meu nome é|me chamo)\s+(\p{L}[\p{L}\p{M}'’.-]*(?:\s+\p{L}[\p{L}\p{M}'’.-]*){0,3})/iu;
/** Words that make a short message a request rather than a name ("book a meeting"). */
const NOT_A_NAME =
  /(?:^|\s)(book|meeting|meet|schedule|time|times|call|slot|demo|help|want|need|please|thanks|thank|yes|no|ok|okay|hello|hi|hey|tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|week|start|over|again|restart|reset|quiero|quisiera|reunión|reunion|cita|hola|gracias|rendez-vous|réunion|bonjour|merci|termin|treffen|möchte|hallo|danke|vorrei|riunione|ciao|grazie)(?=\s|$)/i;

const EMAIL_CANDIDATE = /[^\s<>()[\],;:"']+@[^\s<>()[\],;:"']*/g;
const PHONE_CANDIDATE = /\+?\d[\d\s().-]{6,}\d/g;

/** Only a hello: the greeting answers it, nothing to read in it. */
export const isGreeting = (text: string): boolean =>
  INTENTS.find(([re]) => re.test(text.trim()))?.[1] === 'greet';

export function createPatternUnderstanding(): Understanding {
  return { understand: async (text, context) => understand(text, context) };
}

export function understand(raw: string, context: UnderstandingContext): Understood {
  const text = raw.trim().slice(0, MAX_MESSAGE);
  const intent = INTENTS.find(([re]) => re.test(text))?.[1] ?? 'none';
  const out: Understood = { intent, text };

  let rest = text;
  for (const candidate of text.match(EMAIL_CANDIDATE) ?? []) {
    const cleaned = candidate.replace(/[.!?]+$/, '');
    const result = normaliseEmail(cleaned);
    if (result && 'email' in result) {
      out.email ??= result.email;
    } else out.invalidEmail ??= cleaned;
    rest = rest.replace(candidate, ' ');
  }
  for (const candidate of rest.match(PHONE_CANDIDATE) ?? []) {
    const phone = normalisePhone(candidate, phoneCountry({ email: out.email }, undefined));
    if (/^\+\d{8,15}$/.test(phone)) {
      out.phone = phone;
      rest = rest.replace(candidate, ' ');
      break;
    }
  }

  // A button's text ("2. Thu 3 Dec, 09:30") picks by its number.
  const choice = CHOICE.exec(text) ?? /^([1-9])\.\s/.exec(text);
  if (choice) {
    const word = choice[1]!.toLowerCase();
    out.choice = ORDINALS[word] ?? Number(word);
    return out;
  }
  const name = nameIn(rest.trim());
  if (name) out.name = name;
  const when = out.email || out.phone ? undefined : parseWhen(text, context.zone, context.now);
  if (when) out.when = when;
  return out;
}

/** A name in a message, as the bot keeps it (capitalised); undefined when it is not one. */
export function nameIn(text: string): string | undefined {
  // "I'm Jane Doe from Acme": the name ends where the sentence goes on.
  const intro = NAME_INTRO.exec(text)?.[1]?.split(/\s+(?:and|from|at|with|of|here|in|i|my)\b/i)[0];
  const candidate = (intro ?? text).replace(/[.!,]+$/, '').trim();
  if (candidate.length === 0 || candidate.length > 100) return undefined;
  if (!NAME_ONLY.test(candidate) || NOT_A_NAME.test(candidate)) return undefined;
  return candidate
    .split(/\s+/)
    .map((w) => (w === w.toLowerCase() ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(' ');
}
