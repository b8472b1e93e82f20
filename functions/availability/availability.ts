import { AppError, notFound } from '../_shared/errors.js';
import { findSlots } from '../_shared/scheduling/find-slots.js';
import { startOfLocalDay } from '../_shared/scheduling/local-ranges.js';
import { type AvailabilityRules, parseAvailabilityRules } from '../_shared/scheduling/rules.js';
import { DAY, dayToIsoDate, isValidZone, localDay, zoneClock } from '../_shared/scheduling/zone-clock.js';
import type {
  AvailabilityDto,
  AvailabilityPreview,
  AvailabilityPut,
  MeetingType,
  PreviewSlot,
} from './schema.js';

/** One document per owner in the settings container. */
export interface AvailabilityDoc {
  id: 'availability';
  ownerId: string;
  rules: AvailabilityRules;
  meetingTypes: MeetingType[];
  /** Who the booking pages and invitations name as the organizer until a sender is saved. */
  host?: { name: string; email: string } | undefined;
  updatedAt: string;
  _etag?: string;
}

export interface AvailabilityStore {
  read(ownerId: string): Promise<AvailabilityDoc | undefined>;
  /**
   * Creates the document when `etag` is null, else replaces it only if its `_etag` still is `etag`.
   * 'changed' when someone saved in between (or created it first).
   */
  write(doc: AvailabilityDoc, etag: string | null): Promise<AvailabilityDoc | 'changed'>;
}

export interface AvailabilityDeps {
  store: AvailabilityStore;
  now: () => Date;
  /**
   * What is already taken around a range (calendars, booked meetings): the preview leaves it
   * out. Absent, the preview shows the hours alone.
   */
  taken?: (
    ownerId: string,
    rules: AvailabilityRules,
    window: { start: number; end: number },
  ) => Promise<{ busy: { start: string; end: string }[]; meetings: { start: string; end: string }[] }>;
}

export const CHANGED_MESSAGE =
  'Your availability was changed in another tab — reload to see it before saving.';

export const DEFAULT_MEETING_TYPES: MeetingType[] = [
  {
    id: 'intro',
    name: 'Intro call',
    durationMinutes: 30,
    description: '',
    location: 'video',
    video: 'default',
    active: true,
  },
];

/** What a new user starts from: the engine's defaults in their browser's zone (UTC if unknown). */
export function defaultAvailability(
  timeZone: string | undefined,
): Pick<AvailabilityDto, 'rules' | 'meetingTypes'> {
  const zone = timeZone && isValidZone(timeZone) ? timeZone : 'UTC';
  return { rules: parseAvailabilityRules({ timeZone: zone }), meetingTypes: DEFAULT_MEETING_TYPES };
}

function toDto(doc: AvailabilityDoc): AvailabilityDto {
  return {
    rules: doc.rules,
    meetingTypes: doc.meetingTypes,
    etag: doc._etag ?? null,
    updatedAt: doc.updatedAt,
  };
}

export async function getAvailability(
  ownerId: string,
  query: { timeZone?: string | undefined },
  deps: AvailabilityDeps,
): Promise<AvailabilityDto> {
  const doc = await deps.store.read(ownerId);
  if (doc) return toDto(doc);
  return { ...defaultAvailability(query.timeZone), etag: null, updatedAt: null };
}

/**
 * Saves rules and meeting types together, only over what the caller read (`etag`): two tabs never
 * overwrite each other silently. A meeting type's length is added to the rules' lengths if missing.
 */
export async function putAvailability(
  ownerId: string,
  input: AvailabilityPut,
  deps: AvailabilityDeps,
  host?: { name: string; email: string },
): Promise<AvailabilityDto> {
  const lengths = [...new Set(input.rules.meetingLengths)];
  for (const type of input.meetingTypes) {
    if (!lengths.includes(type.durationMinutes)) lengths.push(type.durationMinutes);
  }
  const rules = parseAvailabilityRules({ ...input.rules, meetingLengths: lengths });
  const saved = await deps.store.write(
    {
      id: 'availability',
      ownerId,
      rules,
      meetingTypes: input.meetingTypes,
      ...(host?.email && { host }),
      updatedAt: deps.now().toISOString(),
    },
    input.etag,
  );
  if (saved === 'changed') throw new AppError('CONFLICT', CHANGED_MESSAGE);
  return toDto(saved);
}

export const PREVIEW_DAYS = 7;

/**
 * The free slots of the next 7 local days (today first) for one meeting type, as a contact would be
 * offered them: busy time from the connected calendars and booked meetings left out.
 */
export async function previewAvailability(
  ownerId: string,
  query: { meetingType?: string | undefined; timeZone?: string | undefined },
  deps: AvailabilityDeps,
): Promise<AvailabilityPreview> {
  const { rules, meetingTypes } = await getAvailability(ownerId, { timeZone: query.timeZone }, deps);
  const type = query.meetingType
    ? meetingTypes.find((t) => t.id === query.meetingType)
    : (meetingTypes.find((t) => t.active) ?? meetingTypes[0]);
  if (!type) throw notFound('That meeting type');
  const now = deps.now().getTime();
  const clock = zoneClock(rules.timeZone);
  const today = localDay(now, clock);
  const dates = Array.from({ length: PREVIEW_DAYS }, (_, i) => dayToIsoDate(today + i));
  const byDate = new Map<string, PreviewSlot[]>(dates.map((d) => [d, []]));
  const end = startOfLocalDay(clock, today + PREVIEW_DAYS);
  const taken = deps.taken
    ? await deps.taken(ownerId, rules, { start: now, end: Math.max(end, now) + DAY })
    : undefined;
  const search = findSlots({
    rules: rules.meetingLengths.includes(type.durationMinutes)
      ? rules
      : { ...rules, meetingLengths: [...rules.meetingLengths, type.durationMinutes] },
    now: new Date(now).toISOString(),
    durationMinutes: type.durationMinutes,
    window: { start: new Date(now).toISOString(), end: new Date(Math.max(end, now) + DAY).toISOString() },
    busy: taken?.busy ?? [],
    meetings: taken?.meetings ?? [],
    suggestions: 0,
  });
  for (const slot of search.slots) {
    byDate.get(slot.organizer.start.slice(0, 10))?.push({
      start: slot.start,
      end: slot.end,
      local: slot.organizer.start.slice(11, 16),
    });
  }
  return {
    timeZone: rules.timeZone,
    meetingType: { id: type.id, name: type.name, durationMinutes: type.durationMinutes },
    days: dates.map((date) => ({ date, slots: byDate.get(date)! })),
  };
}
