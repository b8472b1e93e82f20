import type { Storage, StoreItem } from '@microsoft/agents-hosting';
import { assistantTurn, hello, newAssistant } from '../../bot/assistant.js';
import type { AssistantPorts } from '../../bot/assistant-ports.js';
import type { AssistantDeps, AssistantReply, AssistantState } from '../../bot/assistant-state.js';
import { SayError } from '../../bot/ports.js';
import { AppError } from '../_shared/errors.js';

/**
 * One turn of the organizer's assistant for a signed-in owner: its state is read from the bot's
 * Storage under a key that names the owner (so a conversation id never reaches another owner's
 * state), the message runs through bot/assistant.ts, and the state is written back only if no
 * other turn wrote it meanwhile (eTag).
 */

export interface AssistantRunDeps {
  ports: AssistantPorts;
  storage: Storage;
  /** The LLM's reading when one is configured (it proposes commands; the patterns validate). */
  read?: AssistantDeps['read'];
}

interface StoredAssistant extends StoreItem {
  assistant: AssistantState;
}

export const assistantKey = (ownerId: string, conversationId: string): string =>
  `assistant/owners/${ownerId}/conversations/${conversationId}`;

const BUSY = 'I was still answering your previous message — could you send that again?';
const BROKEN = 'Something went wrong on my side — please try again in a moment.';

export async function runAssistantTurn(
  ownerId: string,
  conversationId: string,
  text: string,
  deps: AssistantRunDeps,
): Promise<AssistantReply[]> {
  const key = assistantKey(ownerId, conversationId);
  try {
    const stored = (await deps.storage.read([key]))[key] as StoredAssistant | undefined;
    let state = stored?.assistant;
    let replies: AssistantReply[] = [];
    if (!state || state.ownerId !== ownerId) {
      state = newAssistant(ownerId, await deps.ports.zoneOf(ownerId));
      if (!text.trim()) ({ state, replies } = hello(state));
    }
    if (text.trim() || stored)
      ({ state, replies } = await assistantTurn(state, text, {
        ports: deps.ports,
        ...(deps.read && { read: deps.read }),
      }));
    try {
      await deps.storage.write({ [key]: { assistant: state, eTag: stored?.eTag } });
    } catch {
      return [{ text: BUSY }];
    }
    return replies;
  } catch (err) {
    if (err instanceof SayError) return [{ text: err.message }];
    // A calendar that cannot be read, a meeting no longer movable: what the API would say.
    if (err instanceof AppError && (err.status < 500 || err.code === 'UNAVAILABLE'))
      return [{ text: err.message }];
    console.error(`assistant turn failed: ${(err as Error)?.message ?? err}`);
    return [{ text: BROKEN }];
  }
}
