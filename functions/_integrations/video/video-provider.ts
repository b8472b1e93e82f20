/**
 * The video seam: one interface for where a booked meeting happens online — `jitsi` (the
 * default, no credentials), `zoom` (a Server-to-Server OAuth app), `custom` (an organizer's own
 * room address or template), later Google Meet, Teams. Chosen in registry.ts; the booking
 * flow asks for a meeting, stores its join URL with the booked meeting and hands it to the
 * calendar event (`conference.joinUrl`). Every implementation runs the shared contract suite
 * (contract.test-support.ts).
 */

export interface VideoMeetingRequest {
  /** Our meeting id. */
  meetingId: string;
  title: string;
  /** UTC ISO. */
  start: string;
  end: string;
  organizer: { email: string; name?: string | undefined };
}

export interface VideoMeeting {
  /** The https address every participant opens. */
  joinUrl: string;
  /** Which provider made it (a registry key). */
  provider: string;
  /** Our meeting id, echoed. */
  meetingId: string;
  /** A phone way in, when the provider offers one. */
  dialIn?: { number: string; pin?: string | undefined } | undefined;
  /**
   * The provider's own id for the room (Zoom's meeting number), where it keeps one. Store it
   * with the meeting and hand it back to `deleteMeeting`: that deletes without a look-up.
   */
  providerMeetingId?: string | undefined;
}

export interface VideoProvider {
  readonly name: string;
  /**
   * Makes a room for the meeting. Not idempotent for every provider (Jitsi makes a new room
   * each call): the caller stores the answer with the meeting and asks once.
   */
  createMeeting(request: VideoMeetingRequest): Promise<VideoMeeting>;
  /**
   * Gives up the meeting's room; safe to repeat (and for an unknown meeting), a no-op where rooms
   * are not kept. `providerMeetingId` is what `createMeeting` returned; without it a provider
   * that keeps rooms finds the room by our meeting id (slower, one listing call for Zoom).
   */
  deleteMeeting(meetingId: string, providerMeetingId?: string): Promise<void>;
}

/** The settings a provider may need (functions/_shared/config.ts). */
export interface VideoSettings {
  JITSI_BASE_URL: string;
  /** Zoom Server-to-Server OAuth app (video provider `zoom`); the URLs default to Zoom's own. */
  ZOOM_ACCOUNT_ID?: string | undefined;
  ZOOM_CLIENT_ID?: string | undefined;
  ZOOM_CLIENT_SECRET?: string | undefined;
  ZOOM_API_URL?: string | undefined;
  ZOOM_OAUTH_URL?: string | undefined;
}

/**
 * A connection's secrets or settings, decrypted by the caller: `urlTemplate` for `custom`, OAuth
 * tokens for Meet/Teams later.
 */
export type VideoCredentials = Readonly<Record<string, string>>;

/**
 * Builds a provider from the settings and, for providers with per-organizer accounts, the
 * connection's owner and decrypted credentials. One line each in registry.ts.
 */
export type VideoProviderFactory = (
  settings: VideoSettings,
  connection?: { ownerId: string; credentials?: VideoCredentials },
) => VideoProvider;
