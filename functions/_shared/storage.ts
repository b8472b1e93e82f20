import type { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import type { QueueClient, QueueServiceClient } from '@azure/storage-queue';
import { createBlobService, createQueueService } from './storage-clients.js';

/** Queues the app uses; each has a `<name>-poison` twin the host fills after 5 failed tries. */
export const QUEUES = { importJobs: 'import-jobs' } as const;
/** Blob containers: uploaded files, and rejected-row reports of imports. */
export const BLOB_CONTAINERS = { uploads: 'uploads', importRejects: 'import-rejects' } as const;

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

export function getQueue(name: string): Promise<QueueClient> {
  queueService ??= createQueueService();
  const service = queueService;
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
 * Sends a JSON message the way the Functions host expects it (base64, the host.json default),
 * so the queue trigger hands the handler the parsed object.
 */
export async function enqueue(queueName: string, message: unknown): Promise<void> {
  const queue = await getQueue(queueName);
  await queue.sendMessage(Buffer.from(JSON.stringify(message), 'utf8').toString('base64'));
}

/** Tests and the local host reset clients between runs; production never calls this. */
export function resetStorageForTests(): void {
  queueService = undefined;
  blobService = undefined;
  queues.clear();
  blobContainers.clear();
}
