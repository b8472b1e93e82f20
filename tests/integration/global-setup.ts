import type { TestProject } from 'vitest/node';
import { startAzurite } from '../../dev/azurite.js';
import { COSMOS_EMULATOR_KEY, startCosmosServer } from '../../dev/cosmos-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    cosmosEndpoint: string;
    cosmosKey: string;
    storageConnectionString: string;
  }
}

/** One Cosmos API server and one Azurite (in memory) for the whole integration run. */
export default async function setup(project: TestProject) {
  const [cosmos, azurite] = await Promise.all([startCosmosServer(), startAzurite()]);
  project.provide('cosmosEndpoint', cosmos.endpoint);
  project.provide('cosmosKey', COSMOS_EMULATOR_KEY);
  project.provide('storageConnectionString', azurite.connectionString);
  return async () => {
    await azurite.stop();
    await cosmos.stop();
  };
}
