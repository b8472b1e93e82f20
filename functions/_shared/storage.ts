import type { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import type { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import type { QueueDefinition, QueueMessage } from './queue.js';
import { createBlobService, createQueueService } from './storage-clients.js';
import { withTraceContext } from './telemetry.js';

/** Blob containers: uploaded files, rejected-row reports of imports, daily lead reports. */
export const BLOB_CONTAINERS = {
  uploads: 'uploads',
  importRejects: 'import-rejects',
  reports: 'reports',
  exports: 'exports',
} as const;

let queueService: QueueServiceClient | undefined;
let blobService: BlobServiceClient | undefined;
const queues = new Map<string, Promise<QueueClient>>();
const blobContainers = new Map<string, Promise<ContainerClient>>();

function memoCreate<T>(cache: Map<string, Promise<T>>, name: string, make: () => Promise<T>): Promise<T> {
  let pending = cache.get(name);
  if (!pending) {
    pending = make();
    pending.catch(() => cache.delete(name));
    cache.set(name, pending);
  }
  return pending;
}

export function getQueueService(): QueueServiceClient {
  queueService ??= createQueueService();
  return queueService;
}

export function getQueue(name: string): Promise<QueueClient> {
  const service = getQueueService();
  return memoCreate(queues, name, async () => {
    const queue = service.getQueueClient(name);
    await queue.createIfNotExists();
    return queue;
  });
}

export function getBlobContainer(name: string): Promise<ContainerClient> {
  blobService ??= createBlobService();
  const service = blobService;
  return memoCreate(blobContainers, name, async () => {
    const container = service.getContainerClient(name);
    await container.createIfNotExists();
    return container;
  });
}

/**
 * Sends a message on a defined queue, checked against the queue's schema first, encoded the way
 * the Functions host expects it (base64 JSON, the host.json default).
 */
export async function enqueue<Q extends QueueDefinition>(
  definition: Q,
  message: QueueMessage<Q>,
  options: { visibilityTimeoutSeconds?: number } = {},
): Promise<void> {
  const body = withTraceContext(definition.schema.parse(message));
  const queue = await getQueue(definition.name);
  await queue.sendMessage(Buffer.from(JSON.stringify(body), 'utf8').toString('base64'), {
    ...(options.visibilityTimeoutSeconds && { visibilityTimeout: options.visibilityTimeoutSeconds }),
  });
}

/** Tests and the local host reset clients between runs; production never calls this. */
export function resetStorageForTests(): void {
  queueService = undefined;
  blobService = undefined;
  queues.clear();
  blobContainers.clear();
}
