import { describe, expect, it } from 'vitest';
import type { Config } from './config.js';
import { createBlobService, createQueueService } from './storage-clients.js';

const base = { COSMOS_DATABASE: 'm', LOG_FORMAT: 'text' } as Config;
// The SDK keeps the credential it signs requests with; its kind is what matters here.
const credentialOf = (client: object) => (client as { credential: object }).credential.constructor.name;

describe('storage clients', () => {
  it('use the managed identity with the service addresses when no connection string is set', () => {
    const config = {
      ...base,
      AzureWebJobsStorage__queueServiceUri: 'https://acct.queue.core.windows.net',
      AzureWebJobsStorage__blobServiceUri: 'https://acct.blob.core.windows.net',
      AZURE_CLIENT_ID: '00000000-0000-0000-0000-000000000001',
    } as Config;
    const queues = createQueueService(config);
    const blobs = createBlobService(config);
    expect(queues.url).toBe('https://acct.queue.core.windows.net');
    expect(blobs.url).toBe('https://acct.blob.core.windows.net/');
    // A token credential, never a shared key.
    expect(credentialOf(queues)).not.toBe('StorageSharedKeyCredential');
    expect(credentialOf(blobs)).not.toBe('StorageSharedKeyCredential');
  });

  it('use the connection string when one is set (Azurite locally)', () => {
    const config = { ...base, AzureWebJobsStorage: 'UseDevelopmentStorage=true' } as Config;
    expect(createQueueService(config).url).toBe('http://127.0.0.1:10001/devstoreaccount1');
    expect(credentialOf(createBlobService(config))).toBe('StorageSharedKeyCredential');
  });
});
