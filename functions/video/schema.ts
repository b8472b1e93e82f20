import { z } from 'zod';

/**
 * Where an organizer's video meetings happen. `auto`: Google Meet when meetings go to a connected
 * Google Calendar, Teams when they go to Microsoft 365, else Jitsi (no account needed). `custom`:
 * their own room address or template.
 */
export const VIDEO_CHOICES = ['auto', 'jitsi', 'zoom', 'meet', 'teams', 'custom'] as const;
export type VideoChoice = (typeof VIDEO_CHOICES)[number];

export const VideoSettingsPut = z
  .object({
    provider: z.enum(VIDEO_CHOICES),
    /** For `custom`: https, with `{meetingId}` / `{room}` placeholders or a fixed room. */
    urlTemplate: z.string().trim().max(500).nullable().default(null),
  })
  .refine((v) => v.provider !== 'custom' || Boolean(v.urlTemplate), {
    message: 'Enter the address of your meeting room',
    path: ['urlTemplate'],
  });
export type VideoSettingsPut = z.output<typeof VideoSettingsPut>;

export interface VideoSettingsDto {
  provider: VideoChoice;
  urlTemplate: string | null;
  /** What this server can offer now: Zoom when its app is configured, Meet / Teams with a Google / Microsoft calendar to write to. */
  available: VideoChoice[];
}
