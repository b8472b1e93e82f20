import { z } from 'zod';
import { normaliseEmail } from '../functions/contacts/fields/email.js';
import { normalisePhone, phoneCountry } from '../functions/contacts/fields/phone.js';
import { nameIn } from './patterns.js';
import type { Understanding, UnderstandingContext, Understood } from './understanding.js';
import { parseWhen } from './when.js';

/**
 * An optional LLM behind the same interface. It only proposes: the deterministic reading comes
 * first, and the model's proposal may fill what that reading missed, each field validated as the
 * deterministic path validates it — an email or phone must appear in the message, a name must be
 * made of the message's words, a time is re-read by chrono-node from the model's English phrase.
 * It never picks an offered time (only an explicit number or the time itself books), and what the
 * bot says stays the conversation's own text, so an instruction asking it to reveal its prompt
 * or book without confirmation has nothing to act on. Slow (timeout) or malformed answers leave
 * the deterministic reading as it is.
 */

export interface ChatModel {
  /** One chat completion: the assistant message's content. Rejects when `signal` aborts. */
  complete(input: { system: string; user: string; signal: AbortSignal }): Promise<string>;
}

export interface LlmOptions {
  model: ChatModel;
  fallback: Understanding;
  timeoutMs: number;
  /** The organizer's editable instruction (tone, what their meetings are about). */
  instruction(ownerId: string | undefined): Promise<string>;
}

const Proposal = z.object({
  intent: z.enum(['restart', 'greet', 'help', 'skip', 'more', 'none']).optional().catch(undefined),
  name: z.string().max(200).optional().catch(undefined),
  email: z.string().max(300).optional().catch(undefined),
  phone: z.string().max(50).optional().catch(undefined),
  when: z.string().max(200).optional().catch(undefined),
});

/** The fixed part of the system prompt: what to return. The organizer's instruction follows it. */
export const OUTPUT_CONTRACT = `You read one chat message from a person booking a meeting and return only a JSON object with these optional fields:
"intent": one of "restart" (they want to start over), "greet" (only a hello), "help", "skip" (they have none / would rather not say), "more" (they want other times), "none";
"name": their name if they give it; "email"; "phone";
"when": when they would like to meet, rewritten in plain English (e.g. "next Tuesday afternoon", "tomorrow at 15:00", "not before 3pm Thursday").
Leave out what the message does not say. Never invent values. Return JSON only.`;

export function createLlmUnderstanding(options: LlmOptions): Understanding {
  return {
    async understand(text, context) {
      const base = await options.fallback.understand(text, context);
      if (!base.text) return base;
      const proposal = await propose(base.text, context, options);
      return proposal ? merge(base, proposal, context) : base;
    },
  };
}

async function propose(
  text: string,
  context: UnderstandingContext,
  options: LlmOptions,
): Promise<z.infer<typeof Proposal> | undefined> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs);
  try {
    const instruction = (await options.instruction(context.ownerId)).trim();
    const system = instruction
      ? `${OUTPUT_CONTRACT}\n\nThe organizer's notes:\n${instruction}`
      : OUTPUT_CONTRACT;
    const answer = await Promise.race([
      options.model.complete({ system, user: text, signal: abort.signal }),
      new Promise<never>((_, reject) =>
        abort.signal.addEventListener('abort', () => reject(new Error('timeout'))),
      ),
    ]);
    const json = answer.replace(/^```(?:json)?\s*|\s*```$/g, '');
    const parsed = Proposal.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

function merge(
  base: Understood,
  proposal: z.infer<typeof Proposal>,
  context: UnderstandingContext,
): Understood {
  const out: Understood = { ...base };
  const lower = base.text.toLowerCase();
  if (base.intent === 'none' && proposal.intent) out.intent = proposal.intent;
  if (!out.email && proposal.email) {
    const result = normaliseEmail(proposal.email);
    if (result && 'email' in result && lower.includes(result.email)) out.email = result.email;
  }
  if (!out.phone && proposal.phone) {
    const phone = normalisePhone(proposal.phone, phoneCountry({ email: out.email }, undefined));
    const digits = base.text.replace(/\D/g, '');
    if (/^\+\d{8,15}$/.test(phone) && digits.includes(phone.slice(-8))) out.phone = phone;
  }
  if (!out.name && proposal.name) {
    const name = nameIn(proposal.name);
    const words = (name ?? '').toLowerCase().split(/\s+/);
    if (name && words.every((w) => lower.includes(w))) out.name = name;
  }
  if (!out.when && out.choice === undefined && proposal.when) {
    const when = parseWhen(proposal.when, context.zone, context.now);
    if (when) out.when = when;
  }
  return out;
}
