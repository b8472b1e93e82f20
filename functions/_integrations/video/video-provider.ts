/**
 * The video seam: one interface for where a booked meeting happens online — `jitsi` (the
 * default, no credentials), later Zoom, Google Meet, Teams. Chosen in registry.ts; the booking
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
}

export interface VideoProvider {
  readonly name: string;
  /**
   * Makes a room for the meeting. Not idempotent for every provider (Jitsi makes a new room
   * each call): the caller stores the answer with the meeting and asks once.
   */
  createMeeting(request: VideoMeetingRequest): Promise<VideoMeeting>;
  /** Gives up the meeting's room; safe to repeat, and a no-op where rooms are not kept. */
  deleteMeeting(meetingId: string): Promise<void>;
}

/** The settings a provider may need (functions/_shared/config.ts). */
export interface VideoSettings {
  JITSI_BASE_URL: string;
}

/** A connection's secrets, decrypted by the caller (OAuth tokens for Zoom/Meet/Teams later). */
export type VideoCredentials = Readonly<Record<string, string>>;

/**
 * Builds a provider from the settings and, for providers with per-organizer accounts, the
 * connection's owner and decrypted credentials. One line each in registry.ts.
 */
export type VideoProviderFactory = (
  settings: VideoSettings,
  connection?: { ownerId: string; credentials?: VideoCredentials },
) => VideoProvider;
