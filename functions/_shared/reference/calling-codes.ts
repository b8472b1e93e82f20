import { getCountries, getCountryCallingCode } from 'libphonenumber-js';

let callingCodes: Set<string> | undefined;

/** Whether international digits (no "+") start with a country calling code followed by a number. */
export function knownCallingCode(digits: string): boolean {
  callingCodes ??= new Set(getCountries().map((c) => getCountryCallingCode(c)));
  return [1, 2, 3].some((n) => callingCodes!.has(digits.slice(0, n)) && digits[n] !== '0');
}

/** E.164 as the import writes it, optionally with an extension: "+4930123456", "+12025550100;ext=12". */
const E164 = /^\+(\d{7,15})(?:;ext=\d+)?$/;

/** Whether a stored phone number is in international form; a number kept as typed is not. */
export function isInternationalNumber(phone: string): boolean {
  const digits = E164.exec(phone)?.[1];
  return digits !== undefined && knownCallingCode(digits);
}
