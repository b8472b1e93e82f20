import { getConfig } from '../../_shared/config.js';
import { createCustomVideo } from './custom.js';
import { createJitsiVideo } from './jitsi.js';
import type { VideoCredentials, VideoProvider, VideoProviderFactory } from './video-provider.js';
import { createZoomVideo } from './zoom.js';

/** Every video provider, by name. The only place one is chosen. */
export const videoProviders = {
  jitsi: createJitsiVideo,
  zoom: createZoomVideo,
  custom: createCustomVideo,
} satisfies Record<string, VideoProviderFactory>;

export type VideoProviderKind = keyof typeof videoProviders;

/**
 * The provider of that kind, built from configuration (Jitsi: JITSI_BASE_URL; Zoom: the ZOOM_*
 * settings) and, for per-organizer providers (`custom`), the organizer's connection.
 */
export function getVideoProvider(
  kind: VideoProviderKind = 'jitsi',
  connection?: { ownerId: string; credentials?: VideoCredentials },
): VideoProvider {
  return videoProviders[kind](getConfig(), connection);
}
