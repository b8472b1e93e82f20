import type { TestProject } from 'vitest/node';
import { startAzurite } from '../../dev/azurite.js';
import { COSMOS_EMULATOR_KEY, startCosmosServer } from '../../dev/cosmos-server.js';
import { startRadicale } from '../../dev/radicale.js';

declare module 'vitest' {
  export interface ProvidedContext {
    cosmosEndpoint: string;
    cosmosKey: string;
    storageConnectionString: string;
    /** Radicale (CalDAV): its root URL and its one throwaway user. */
    caldavUrl: string;
    caldavUsername: string;
    caldavPassword: string;
  }
}

/** One Cosmos API server, one Azurite (in memory) and one Radicale for the whole integration run. */
export default async function setup(project: TestProject) {
  const [cosmos, azurite, radicale] = await Promise.all([
    startCosmosServer(),
    startAzurite(),
    startRadicale(),
  ]);
  project.provide('cosmosEndpoint', cosmos.endpoint);
  project.provide('cosmosKey', COSMOS_EMULATOR_KEY);
  project.provide('storageConnectionString', azurite.connectionString);
  project.provide('caldavUrl', radicale.url);
  project.provide('caldavUsername', radicale.username);
  project.provide('caldavPassword', radicale.password);
  return async () => {
    await radicale.stop();
    await azurite.stop();
    await cosmos.stop();
  };
}
