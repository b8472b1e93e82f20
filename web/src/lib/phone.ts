import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A stored number (E.164, "+4930123456") as its owner's country writes it ("030 123456"), with
 * the international form to show on hover. Numbers kept as typed (country unknown) stay as typed.
 */
export function formatPhone(stored: string): { national: string; international: string } {
  const parsed = stored.startsWith('+') ? parsePhoneNumberFromString(stored) : undefined;
  if (!parsed?.isPossible()) return { national: stored, international: stored };
  return { national: parsed.formatNational(), international: parsed.formatInternational() };
}
