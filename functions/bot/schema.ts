import type { TranscriptEntry } from '../../bot/transcript.js';

/** The bot API's shapes (the SPA imports them). */

/** One message of the bot in the booking page's chat: its text and the buttons it offers. */
export interface ChatReplyDto {
  text: string;
  choices: string[];
}

/** A transcript as the API returns it (no Cosmos fields, no owner). */
export interface TranscriptDto {
  id: string;
  channelId: string;
  contactId: string | null;
  entries: TranscriptEntry[];
  createdAt: string;
  updatedAt: string;
}

/** POST /api/bot/teams-link: what the organizer sends the bot in Teams to get notices there. */
export interface TeamsLinkCode {
  /** What to send the bot in Teams: "link <code>". */
  command: string;
  expiresAt: string;
  /** Opens a chat with the bot in Teams with the command typed in (when the bot has an app id). */
  deepLink: string | null;
}
