import { z } from 'zod';
import { ownedDocuments } from '../_shared/cosmos/documents.js';

/**
 * The organizer's editable instruction for the bot's LLM (what their meetings are about, the tone):
 * one document per owner in `settings`. It is appended to the fixed output contract
 * (bot/llm-understanding.ts) — it can shape what the model reads, never what the bot does.
 */

export const MAX_INSTRUCTION = 4000;

export const BotInstructionInput = z.object({ instruction: z.string().trim().max(MAX_INSTRUCTION) }).strict();

export interface BotInstructionDto {
  instruction: string;
  /** Whether an LLM is configured to read it (BOT_LLM_MODEL); without one it is kept but unused. */
  llm: boolean;
  updatedAt: string | null;
}

interface InstructionDoc {
  id: 'bot-instruction';
  ownerId: string;
  instruction: string;
  updatedAt: string;
  _etag?: string;
}

const settings = ownedDocuments<InstructionDoc>('settings', 'bot instruction');

export async function readInstruction(
  ownerId: string,
): Promise<{ instruction: string; updatedAt: string | null }> {
  const doc = await settings.find(ownerId, 'bot-instruction');
  return { instruction: doc?.instruction ?? '', updatedAt: doc?.updatedAt ?? null };
}

export async function writeInstruction(
  ownerId: string,
  instruction: string,
  now: Date,
): Promise<{ instruction: string; updatedAt: string }> {
  const doc = await settings.upsert({
    id: 'bot-instruction',
    ownerId,
    instruction,
    updatedAt: now.toISOString(),
  });
  return { instruction: doc.instruction, updatedAt: doc.updatedAt };
}
