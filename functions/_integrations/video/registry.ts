import { getConfig } from '../../_shared/config.js';
import { createJitsiVideo } from './jitsi.js';
import type { VideoProvider, VideoProviderFactory } from './video-provider.js';

/** Every video provider, by name. The only place one is chosen. */
export const videoProviders = {
  jitsi: createJitsiVideo,
} satisfies Record<string, VideoProviderFactory>;

export type VideoProviderKind = keyof typeof videoProviders;

/** The provider of that kind, built from configuration (Jitsi: JITSI_BASE_URL). */
export function getVideoProvider(kind: VideoProviderKind = 'jitsi'): VideoProvider {
  return videoProviders[kind](getConfig());
}
