import OpenAI from 'openai';
import type { ChatModel } from '../../bot/llm-understanding.js';
import type { Config } from '../_shared/config.js';

/**
 * The chat model behind the bot's optional LLM understanding: the `openai` client against any
 * OpenAI-compatible endpoint. No retries (a turn would rather answer without it) and JSON output.
 */
export function openAiChatModel(config: Config): ChatModel {
  const client = new OpenAI({
    baseURL: config.BOT_LLM_BASE_URL,
    // Local and self-hosted servers take no key; the client insists on one.
    apiKey: config.BOT_LLM_API_KEY ?? 'none',
    maxRetries: 0,
    timeout: config.BOT_LLM_TIMEOUT_MS,
  });
  const model = config.BOT_LLM_MODEL!;
  return {
    async complete({ system, user, signal }) {
      const completion = await client.chat.completions.create(
        {
          model,
          temperature: 0,
          response_format: { type: 'json_object' },
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: user },
          ],
        },
        { signal },
      );
      return completion.choices[0]?.message?.content ?? '';
    },
  };
}
