/** What was said in a conversation, kept per conversation and tied to the lead's contact. */
export interface TranscriptEntry {
  from: 'visitor' | 'bot';
  text: string;
  at: string;
}

export interface TranscriptRef {
  ownerId: string;
  channelId: string;
  conversationId: string;
  /** Known once the lead is saved; the transcript is then found with the contact. */
  contactId?: string | undefined;
}

export interface TranscriptStore {
  append(ref: TranscriptRef, entries: TranscriptEntry[]): Promise<void>;
}
