import { messageIdOfReply } from '../campaigns/reply-address.js';
import type { MessageDoc } from '../campaigns/store.js';
import { messages, querySystem } from '../campaigns/store.js';
import type { CountMessages } from '../dashboard/count-events.js';
import { countMessages } from '../dashboard/deps.js';
import { moveLead, type PipelineDeps } from '../leads/pipeline.js';

/**
 * A reply that came back through Inbound Parse: its message becomes "replied" (so its follow-up
 * steps stop) and the lead moves to replied unless it is further along already (leads/stages.ts).
 */
export async function applyReply(
  fields: { to: string; from: string; subject: string },
  pipeline: PipelineDeps,
  now: Date,
  countEvents: CountMessages = countMessages,
): Promise<'replied' | 'unknown'> {
  const id = messageIdOfReply(fields.to);
  if (!id) return 'unknown';
  // The address names the message, not its owner: the one lookup by id across owners.
  const [found] = await querySystem<MessageDoc>('messages', 'SELECT * FROM c WHERE c.id = @id', [
    { name: '@id', value: id },
  ]);
  if (!found) return 'unknown';
  const at = now.toISOString();
  if (found.status !== 'replied') {
    await messages.save({
      ...found,
      status: 'replied',
      events: [...found.events, { type: 'replied', at, detail: fields.subject.slice(0, 200) }],
    });
    // Saved with the etag read: of two deliveries of the same reply, only one gets here.
    await countEvents([{ message: found, kind: 'replied', at }]);
  }
  await moveLead(found.ownerId, found.contactId, { kind: 'reply', at }, pipeline, found.id);
  return 'replied';
}
