import { z } from 'zod';
import { type AssistantCommand, type AssistantContext, readCommand } from './assistant-understanding.js';
import type { ChatModel } from './llm-understanding.js';

/**
 * The optional LLM for the organizer's assistant. It only proposes, and only when the patterns
 * read nothing ("other"): its proposal is rewritten as the plain English command the patterns
 * read ("find 30 minutes with Jane next week") and read again by them, so every field is
 * validated the deterministic way. It can start a flow — never answer a question: a yes, a no or
 * a pick is only ever the organizer's own message, so nothing is booked or moved on its word.
 * A person's name must be made of the message's words. Slow or malformed answers change nothing.
 */

export const ORGANIZER_CONTRACT = `You read one message an organizer sends to their scheduling assistant and return only a JSON object:
"command": one of "find" (find a time to meet someone), "agenda" (what is on a day), "replies" (who has not replied to their emails), "move" (move one of their meetings), "help", "none";
"who": the person's name exactly as written in the message;
"minutes": the meeting length in minutes, if said;
"when": the day or window in plain English ("next week", "Friday", "tomorrow", "Tuesday afternoon");
"at": for "move", the current start time of the meeting to move, 24-hour ("15:00").
Leave out what the message does not say. Never invent values. Return JSON only.`;

const Proposal = z.object({
  command: z.enum(['find', 'agenda', 'replies', 'move', 'help', 'none']).catch('none'),
  who: z.string().max(100).optional().catch(undefined),
  minutes: z.number().int().min(5).max(480).optional().catch(undefined),
  when: z.string().max(100).optional().catch(undefined),
  at: z
    .string()
    .regex(/^\d{1,2}:\d{2}$/)
    .optional()
    .catch(undefined),
});

export function createLlmCommandReader(options: { model: ChatModel; timeoutMs: number }) {
  return async (text: string, context: AssistantContext): Promise<AssistantCommand> => {
    const base = readCommand(text, context);
    if (base.kind !== 'other') return base;
    const proposal = await propose(base.text, options);
    const phrase = proposal && canonical(proposal, base.text);
    if (!phrase) return base;
    const read = readCommand(phrase, context);
    return read.kind === 'other' || read.kind === 'yes' || read.kind === 'no' || read.kind === 'pick'
      ? base
      : read;
  };
}

/** The proposal as the command the patterns read; undefined when it does not hold up. */
function canonical(p: z.infer<typeof Proposal>, message: string): string | undefined {
  const lower = message.toLowerCase();
  const who = p.who?.trim();
  const whoOk = who?.split(/\s+/).every((w) => lower.includes(w.toLowerCase()));
  const when = p.when?.replace(/[^\p{L}\p{N}: -]/gu, '').trim() ?? '';
  switch (p.command) {
    case 'find':
      return whoOk
        ? `find ${p.minutes ? `${p.minutes} minutes` : 'time'} with ${who} ${when}`.trim()
        : undefined;
    case 'agenda':
      return `what's on ${when || 'today'}`;
    case 'replies':
      return "who hasn't replied";
    case 'move':
      if (!when) return undefined;
      if (p.at) return `move my ${p.at} to ${when}`;
      return whoOk ? `move my meeting with ${who} to ${when}` : undefined;
    case 'help':
      return 'help';
    default:
      return undefined;
  }
}

async function propose(
  text: string,
  options: { model: ChatModel; timeoutMs: number },
): Promise<z.infer<typeof Proposal> | undefined> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs);
  try {
    const answer = await Promise.race([
      options.model.complete({ system: ORGANIZER_CONTRACT, user: text, signal: abort.signal }),
      new Promise<never>((_, reject) =>
        abort.signal.addEventListener('abort', () => reject(new Error('timeout'))),
      ),
    ]);
    const parsed = Proposal.safeParse(JSON.parse(answer.replace(/^```(?:json)?\s*|\s*```$/g, '')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
