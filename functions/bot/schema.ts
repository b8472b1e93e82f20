import { z } from 'zod';
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

/**
 * POST /api/bot/teams-link: a one-time code the organizer sends the bot in their own Teams chat —
 * it makes that Teams user theirs (the assistant answers them there) and that chat their "Teams
 * chat" notifications channel.
 */
export interface TeamsLinkCode {
  code: string;
  /** What to send the bot in Teams: "link <code>". */
  command: string;
  expiresAt: string;
  /** Opens a chat with the bot in Teams with the command typed in (when the bot has an app id). */
  deepLink: string | null;
}

/** POST /api/bot/assistant: one message to the signed-in organizer's assistant. */
export const AssistantMessage = z
  .object({
    /** Empty to open the conversation (the assistant says what it can do). */
    text: z.string().max(10_000),
    /** The conversation to continue; a new one is started (and returned) without it. */
    conversationId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/, 'a random id of 16 to 64 letters, digits, - or _')
      .optional(),
  })
  .strict();

export interface AssistantLinkDto {
  label: string;
  href: string;
}

export interface AssistantReplyDto {
  text: string;
  choices: string[];
  links: AssistantLinkDto[];
}

export interface AssistantTurnDto {
  conversationId: string;
  replies: AssistantReplyDto[];
}
