import { getContainer } from '../_shared/cosmos/client.js';
import { CONTAINERS } from '../_shared/cosmos/containers.js';
import { AppError } from '../_shared/errors.js';
import { deleteOwnerBlobs } from './blobs.js';
import { conversationStatePages, deleteDoc, ownerPages, type StoredDoc } from './owner-docs.js';

export interface AccountDeletion {
  deletedAt: string;
  removed: { container: string; count: number }[];
  blobs: number;
}

/**
 * Deletes every document of the owner's partition in every container, the bot's conversation
 * state that belongs to them, and every file under their prefix. Re-runnable: a second run after
 * a failure finds what is left. No audit entry survives it (the log is theirs too).
 */
export async function deleteAccount(
  user: { userId: string; userDetails: string },
  confirm: string,
  now: Date,
): Promise<AccountDeletion> {
  const expected = (user.userDetails || user.userId).trim().toLowerCase();
  if (confirm.trim().toLowerCase() !== expected) {
    throw new AppError(
      'VALIDATION',
      `Type ${user.userDetails || 'your sign-in name'} to confirm deleting your account.`,
      [{ path: 'confirm', message: 'must be the email you are signed in with' }],
    );
  }
  const ownerId = user.userId;
  const removed: AccountDeletion['removed'] = [];
  for (const name of CONTAINERS) {
    const container = await getContainer(name);
    const docs: StoredDoc[] = [];
    for await (const page of ownerPages(name, ownerId))
      docs.push(...page.map((d) => ({ id: d.id, ownerId: d.ownerId })));
    for (const doc of docs) await deleteDoc(container, doc);
    removed.push({ container: name, count: docs.length });
  }
  const states: StoredDoc[] = [];
  for await (const page of conversationStatePages()) {
    states.push(...page.filter((d) => JSON.stringify(d).includes(ownerId)));
  }
  const conversations = await getContainer('conversations');
  for (const doc of states) await deleteDoc(conversations, doc);
  removed.find((r) => r.container === 'conversations')!.count += states.length;
  return { deletedAt: now.toISOString(), removed, blobs: await deleteOwnerBlobs(ownerId) };
}
