import { parseUrlTemplate } from '../_integrations/video/custom.js';
import { getVideoProvider } from '../_integrations/video/registry.js';
import type { VideoProvider } from '../_integrations/video/video-provider.js';
import { getConfig } from '../_shared/config.js';
import { ownedDocuments } from '../_shared/cosmos/documents.js';
import { AppError } from '../_shared/errors.js';
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

export async function getVideoSettings(ownerId: string, writesToGoogle: boolean): Promise<VideoSettingsDto> {
  const choice = await readVideoChoice(ownerId);
  const available: VideoChoice[] = [
    'auto',
    'jitsi',
    ...(zoomConfigured() ? (['zoom'] as const) : []),
    ...(writesToGoogle ? (['meet'] as const) : []),
    'custom',
  ];
  return { ...choice, available };
}

export async function putVideoSettings(
  ownerId: string,
  input: VideoSettingsPut,
  writesToGoogle: boolean,
  now: Date,
): Promise<VideoSettingsDto> {
  if (input.provider === 'zoom' && !zoomConfigured()) {
    throw new AppError('VALIDATION', 'Zoom is not set up on this server.', [
      { path: 'provider', message: 'not available' },
    ]);
  }
  if (input.provider === 'meet' && !writesToGoogle) {
    throw new AppError('VALIDATION', 'Google Meet needs new meetings to go to a connected Google Calendar.', [
      { path: 'provider', message: 'connect Google Calendar first' },
    ]);
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
  return getVideoSettings(ownerId, writesToGoogle);
}

/**
 * The provider that makes an organizer's rooms, or 'calendar' when their calendar makes them
 * itself (Meet in Google Calendar: chosen, or `auto` while meetings go to Google).
 */
export async function videoFor(
  ownerId: string,
  writesToGoogle: boolean,
): Promise<VideoProvider | 'calendar'> {
  const { provider, urlTemplate } = await readVideoChoice(ownerId);
  if (provider === 'meet' || (provider === 'auto' && writesToGoogle))
    return writesToGoogle ? 'calendar' : getVideoProvider('jitsi');
  if (provider === 'zoom' && zoomConfigured()) return getVideoProvider('zoom');
  if (provider === 'custom' && urlTemplate)
    return getVideoProvider('custom', { ownerId, credentials: { urlTemplate } });
  return getVideoProvider('jitsi');
}
