import type { VideoChoice } from '../../../../functions/video/schema';

export const VIDEO_LABELS: Record<VideoChoice, string> = {
  auto: 'Automatic — Google Meet or Teams when meetings go to Google or Microsoft 365, else Jitsi',
  jitsi: 'Jitsi Meet (no account needed)',
  zoom: 'Zoom',
  meet: 'Google Meet',
  teams: 'Microsoft Teams',
  custom: 'My own meeting room',
};

/** The organizer's video choice, read by the Calendars page and the meeting types. */
export const videoSettingsKey = ['calendars', 'video'] as const;
