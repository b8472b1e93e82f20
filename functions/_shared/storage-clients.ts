import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import { type Config, getConfig } from './config.js';
import { getAzureCredential } from './identity.js';

/**
 * Storage service clients from configuration: a connection string when one is set (Azurite
 * locally), else the identity-based service URIs Azure uses (no account key anywhere).
 */
export function createQueueService(config: Config = getConfig()): QueueServiceClient {
  if (config.AzureWebJobsStorage) return QueueServiceClient.fromConnectionString(config.AzureWebJobsStorage);
  return new QueueServiceClient(
    config.AzureWebJobsStorage__queueServiceUri!,
    getAzureCredential(config.AZURE_CLIENT_ID),
  );
}

export function createBlobService(config: Config = getConfig()): BlobServiceClient {
  if (config.AzureWebJobsStorage) return BlobServiceClient.fromConnectionString(config.AzureWebJobsStorage);
  return new BlobServiceClient(
    config.AzureWebJobsStorage__blobServiceUri!,
    getAzureCredential(config.AZURE_CLIENT_ID),
  );
}
