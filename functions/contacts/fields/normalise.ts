import { AppError, type ErrorDetail } from '../../_shared/errors.js';
import type { ContactFields } from '../schema.js';
import { normaliseEmail } from './email.js';
import { normaliseLinkedIn } from './linkedin.js';
import { tidy } from './name.js';
import { normalisePhone, phoneCountry } from './phone.js';
import { normaliseTimeZone } from './time-zone.js';

const TIDY = ['firstName', 'lastName', 'company', 'title', 'location', 'city', 'country'] as const;

/**
 * A contact typed by a person, made the same as an imported row would be: email lower-cased and
 * checked, LinkedIn link canonical, phone in E.164 when its country can be told (kept as typed and
 * flagged otherwise), time zone an IANA name, names without stray spaces, tags once each. Fields
 * left undefined or null are passed through (null clears a field in a patch). A value that cannot
 * be kept is refused naming its field, nothing half-applied.
 *
 * `context` gives the rest of the contact when only some fields change (a patch), so a phone is
 * read in the country the contact is in.
 */
export function normaliseContactFields<T extends { [K in keyof ContactFields]?: ContactFields[K] | null }>(
  input: T,
  context: ContactFields = {},
): T {
  const out: Record<string, unknown> = { ...input };
  const problems: ErrorDetail[] = [];
  for (const field of TIDY) {
    const value = input[field];
    if (typeof value === 'string') out[field] = tidy(value) || null;
  }
  if (typeof input.email === 'string') {
    const result = normaliseEmail(input.email);
    if (result && 'error' in result) problems.push({ path: 'email', message: result.error });
    else out.email = result?.email ?? null;
  }
  if (typeof input.linkedinUrl === 'string') {
    const profile = normaliseLinkedIn(input.linkedinUrl);
    if (!profile) problems.push({ path: 'linkedinUrl', message: 'Give a linkedin.com profile link' });
    else out.linkedinUrl = profile.url;
  }
  if (typeof input.timeZone === 'string') {
    const zone = normaliseTimeZone(input.timeZone);
    if (!zone)
      problems.push({
        path: 'timeZone',
        message: `"${input.timeZone}" is not a time zone (e.g. Europe/Berlin)`,
      });
    else out.timeZone = zone;
  }
  if (typeof input.phone === 'string') {
    const where = { ...context, ...(out as ContactFields) };
    out.phone = normalisePhone(input.phone, phoneCountry(where, undefined)) || null;
  }
  if (Array.isArray(input.tags)) {
    const seen = new Set<string>();
    out.tags = input.tags.filter((t) => {
      const key = t.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  if (problems.length) {
    throw new AppError(
      'VALIDATION',
      `Check ${problems.map((p) => p.path).join(', ')}: ${problems[0]!.message}.`,
      problems,
    );
  }
  return out as T;
}
