import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { SegmentedMessage } from 'sms-segments-calculator';
import type { Notification } from './channel.js';

/**
 * What every SMS-like channel (Twilio, ACS, WhatsApp's free text) shares: the recipient's number in
 * E.164, and the notice fitted into one SMS segment where it can be. Segments are counted by
 * Twilio's own calculator (sms-segments-calculator): 160 GSM-7 characters, or 70 once a single
 * character needs UCS-2 (an emoji, "–"), and each extra segment is billed.
 */

/** E.164 ("+447911123456") when the number is a valid one, else undefined: nothing to send to. */
export function toE164(phone: string | undefined, defaultCountry?: CountryCode): string | undefined {
  if (!phone?.trim()) return undefined;
  const parsed = parsePhoneNumberFromString(phone.trim(), defaultCountry);
  // An extension cannot receive a text.
  return parsed?.isValid() && !parsed.ext ? parsed.number : undefined;
}

/**
 * Typography our notices carry that GSM-7 lacks; swapping them keeps a notice in GSM-7 (160
 * characters a segment) instead of UCS-2 (70). Names and other text keep their own letters.
 */
const GSM_LOOKALIKES: [RegExp, string][] = [
  [/[–—−]/g, '-'],
  [/[‘’]/g, "'"],
  [/[“”]/g, '"'],
  [/…/g, '...'],
  [/\u00a0/g, ' '],
];

export function toGsmLookalikes(text: string): string {
  return GSM_LOOKALIKES.reduce((t, [from, to]) => t.replace(from, to), text);
}

export interface SmsText {
  body: string;
  segments: number;
  encoding: 'GSM-7' | 'UCS-2';
}

export const measureSms = (body: string): SmsText => {
  const m = new SegmentedMessage(body);
  return { body, segments: m.segmentsCount, encoding: m.encodingName as SmsText['encoding'] };
};

/**
 * The notice as one SMS where possible. Kept always: the headline, the first fact (when) and the
 * first link; the other facts and links are dropped from the end until it fits one segment. If the
 * kept lines alone are longer, they go as they are (several segments) rather than lose the time or
 * the link. Without details, the text's first and last lines are kept and the middle ones dropped.
 */
export function fitSms(n: Pick<Notification, 'text' | 'details'>): SmsText {
  const { required, optional } = n.details ? fromDetails(n.details) : fromText(n.text);
  const keep = [...optional];
  for (;;) {
    const body = toGsmLookalikes(assemble(required, keep));
    // Over 160 characters is never one segment (GSM-7's most; UCS-2's is 70): no need to measure.
    if (body.length > 160 && keep.length > 0) {
      keep.pop();
      continue;
    }
    const measured = measureSms(body);
    if (measured.segments <= 1 || keep.length === 0) return measured;
    keep.pop();
  }
}

interface Line {
  text: string;
  order: number;
}

const assemble = (required: Line[], optional: Line[]) =>
  [...required, ...optional]
    .sort((a, b) => a.order - b.order)
    .map((l) => l.text)
    .join('\n');

function fromDetails(d: NonNullable<Notification['details']>) {
  const facts = d.facts.map((f, i) => ({ text: `${f.label}: ${f.value}`, order: 1 + i }));
  const links = d.links.map((l, i) => ({ text: `${l.label}: ${l.url}`, order: 100 + i }));
  return {
    required: [{ text: d.headline, order: 0 }, ...facts.slice(0, 1), ...links.slice(0, 1)],
    // Dropped last first: the later links, then the later facts.
    optional: [...facts.slice(1), ...links.slice(1)],
  };
}

function fromText(text: string) {
  const lines = text
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t, order) => ({ text: t, order }));
  if (lines.length <= 2) return { required: lines, optional: [] };
  return { required: [lines[0]!, lines.at(-1)!], optional: lines.slice(1, -1) };
}
