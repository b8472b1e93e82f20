import { messageIdOfReply } from '../campaigns/reply-address.js';
import type { MessageDoc } from '../campaigns/store.js';
import { messages, querySystem } from '../campaigns/store.js';
import type { ContactStore } from '../contacts/contact-store.js';

/**
 * A reply that came back through Inbound Parse: its message becomes "replied" (so its follow-up
 * steps stop) and the contact's status moves to replied unless they are further along already.
 */
export async function applyReply(
  fields: { to: string; from: string; subject: string },
  contacts: ContactStore,
  now: Date,
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
  }
  const contact = await contacts.read(found.ownerId, found.contactId);
  if (contact && (contact.status === 'new' || contact.status === 'contacted')) {
    await contacts.replace({ ...contact, status: 'replied', updatedAt: at });
  }
  return 'replied';
}
