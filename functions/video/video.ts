import { parseUrlTemplate } from '../_integrations/video/custom.js';
import { getVideoProvider } from '../_integrations/video/registry.js';
import type { VideoProvider } from '../_integrations/video/video-provider.js';
import { getConfig } from '../_shared/config.js';
import { ownedDocuments } from '../_shared/cosmos/documents.js';
import { AppError } from '../_shared/errors.js';
import type { MeetingTypeVideo } from '../availability/schema.js';
import type { VideoChoice, VideoSettingsDto, VideoSettingsPut } from './schema.js';

/** The organizer's video choice: one `video` document per owner in the settings container. */
interface VideoSettingsDoc {
  id: 'video';
  ownerId: string;
  provider: VideoChoice;
  urlTemplate: string | null;
  updatedAt: string;
  _etag?: string;
}

const settings = ownedDocuments<VideoSettingsDoc>('settings', 'video setting');

export const zoomConfigured = (): boolean => Boolean(getConfig().ZOOM_ACCOUNT_ID);

export async function readVideoChoice(
  ownerId: string,
): Promise<{ provider: VideoChoice; urlTemplate: string | null }> {
  const doc = await settings.find(ownerId, 'video');
  return doc
    ? { provider: doc.provider, urlTemplate: doc.urlTemplate }
    : { provider: 'auto', urlTemplate: null };
}

/** The kind of the connection new meetings are written to (null: Momentum Meet's own calendar). */
type WritesTo = string | null | undefined;

/** The calendar's own video meeting, when meetings go to one that makes them. */
export const calendarRoom = (writesTo: WritesTo): 'meet' | 'teams' | null =>
  writesTo === 'google' ? 'meet' : writesTo === 'microsoft' ? 'teams' : null;

export async function getVideoSettings(ownerId: string, writesTo: WritesTo): Promise<VideoSettingsDto> {
  const choice = await readVideoChoice(ownerId);
  const room = calendarRoom(writesTo);
  const available: VideoChoice[] = [
    'auto',
    'jitsi',
    ...(zoomConfigured() ? (['zoom'] as const) : []),
    ...(room ? [room] : []),
    'custom',
  ];
  return { ...choice, available };
}

export async function putVideoSettings(
  ownerId: string,
  input: VideoSettingsPut,
  writesTo: WritesTo,
  now: Date,
): Promise<VideoSettingsDto> {
  if (input.provider === 'zoom' && !zoomConfigured()) {
    throw new AppError('VALIDATION', 'Zoom is not set up on this server.', [
      { path: 'provider', message: 'not available' },
    ]);
  }
  if (
    (input.provider === 'meet' || input.provider === 'teams') &&
    calendarRoom(writesTo) !== input.provider
  ) {
    const needs = input.provider === 'meet' ? 'Google Calendar' : 'Microsoft 365 calendar';
    throw new AppError(
      'VALIDATION',
      `${input.provider === 'meet' ? 'Google Meet' : 'Teams'} needs new meetings to go to a connected ${needs}.`,
      [{ path: 'provider', message: `connect a ${needs} first` }],
    );
  }
  let urlTemplate: string | null = null;
  if (input.provider === 'custom') {
    try {
      urlTemplate = parseUrlTemplate(input.urlTemplate ?? '').template;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new AppError('VALIDATION', message, [{ path: 'urlTemplate', message }]);
    }
  }
  await settings.upsert({
    id: 'video',
    ownerId,
    provider: input.provider,
    urlTemplate,
    updatedAt: now.toISOString(),
  });
  return getVideoSettings(ownerId, writesTo);
}

/**
 * The provider that makes an organizer's rooms, or 'calendar' when their calendar makes them
 * itself (Meet in Google Calendar, Teams in Microsoft 365: chosen, or `auto`). A meeting type may
 * choose its own (`forType`); the organizer's choice otherwise. What cannot be made here — a
 * calendar room while meetings go elsewhere, Zoom without its app, a custom room never entered —
 * falls back to Jitsi, so a booking never fails for want of a room.
 */
export async function videoFor(
  ownerId: string,
  writesTo: WritesTo,
  forType: MeetingTypeVideo = 'default',
): Promise<VideoProvider | 'calendar'> {
  const choice = await readVideoChoice(ownerId);
  const provider = forType === 'default' ? choice.provider : forType;
  const { urlTemplate } = choice;
  const room = calendarRoom(writesTo);
  // Meet / Teams, chosen or automatic, when the calendar meetings go to makes that kind of room.
  if (room && (provider === 'auto' || provider === room)) return 'calendar';
  if (provider === 'zoom' && zoomConfigured()) return getVideoProvider('zoom');
  if (provider === 'custom' && urlTemplate)
    return getVideoProvider('custom', { ownerId, credentials: { urlTemplate } });
  return getVideoProvider('jitsi');
}
