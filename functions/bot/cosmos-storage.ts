import { hash } from 'node:crypto';
import type { Storage, StoreItem } from '@microsoft/agents-hosting';
import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import type { ContainerName } from '../_shared/cosmos/containers.js';

/**
 * The Agents SDK's Storage over Cosmos: one document per key in `conversations`, each its own
 * partition (a conversation's owner is not known before its first message is read). Writes are
 * eTag-checked: an item read with an eTag is replaced only if unchanged (If-Match), an item
 * without one is only created, never overwritten; `*` overwrites. A write that loses throws, so a
 * turn never silently drops another turn's state. State expires after 30 days without a turn.
 */

const STATE_TTL_S = 30 * 86_400;
const MAX_ID = 255;

/** Thrown when the stored item changed (or appeared, or went) since it was read. */
export class StorageConflictError extends Error {
  constructor(key: string) {
    super(`Storage item changed meanwhile: ${key}`);
  }
}

interface StateDoc {
  id: string;
  ownerId: string;
  kind: 'state';
  state: Record<string, unknown>;
  updatedAt: string;
  ttl: number;
  _etag?: string;
}

/** Cosmos ids cannot hold / \ ? #; long keys keep a readable start and a hash. */
export function stateDocId(key: string): string {
  const escaped = key.replace(
    /[/\\?#%]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  if (escaped.length <= MAX_ID) return escaped;
  return `${escaped.slice(0, 200)}~${hash('sha256', key, 'base64url').slice(0, 43)}`;
}

const partitionOf = (id: string) => `conversation:${id}`;

export function createCosmosStorage(name: ContainerName = 'conversations', now = () => new Date()): Storage {
  const container = () => getContainer(name);
  return {
    async read(keys) {
      const c = await container();
      const items: Record<string, StoreItem> = {};
      await Promise.all(
        keys.map(async (key) => {
          const id = stateDocId(key);
          const { resource } = await c.item(id, partitionOf(id)).read<StateDoc>();
          if (resource?.kind === 'state') items[key] = { ...resource.state, eTag: resource._etag };
        }),
      );
      return items;
    },
    async write(changes) {
      const c = await container();
      for (const [key, item] of Object.entries(changes as Record<string, StoreItem>)) {
        const { eTag, ...state } = item;
        const id = stateDocId(key);
        const doc: StateDoc = {
          id,
          ownerId: partitionOf(id),
          kind: 'state',
          state,
          updatedAt: now().toISOString(),
          ttl: STATE_TTL_S,
        };
        try {
          if (eTag === '*') await c.items.upsert(doc);
          else if (!eTag) await c.items.create(doc);
          else
            await c
              .item(id, doc.ownerId)
              .replace(doc, { accessCondition: { type: 'IfMatch', condition: eTag } });
        } catch (err) {
          const status = cosmosStatus(err);
          if (status === 409 || status === 412 || status === 404) throw new StorageConflictError(key);
          throw err;
        }
      }
    },
    async delete(keys) {
      const c = await container();
      for (const key of keys) {
        const id = stateDocId(key);
        try {
          await c.item(id, partitionOf(id)).delete();
        } catch (err) {
          if (cosmosStatus(err) !== 404) throw err;
        }
      }
    },
  };
}
