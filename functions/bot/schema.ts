/** The booking page chat's shapes (the SPA imports them). */

/** One message of the bot in the booking page's chat: its text and the buttons it offers. */
export interface ChatReplyDto {
  text: string;
  choices: string[];
}
