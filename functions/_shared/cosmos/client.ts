import { type Container, CosmosClient, type CosmosClientOptions } from '@azure/cosmos';
import { getConfig } from '../config.js';
import { getAzureCredential } from '../identity.js';

/** Every owner-scoped container; all are partitioned by /ownerId. */
export const CONTAINERS = ['contacts', 'imports'] as const;
export type ContainerName = (typeof CONTAINERS)[number];

let client: CosmosClient | undefined;
const containers = new Map<ContainerName, Promise<Container>>();

/** One CosmosClient per process, built on first use from configuration. */
export function getCosmosClient(): CosmosClient {
  if (client) return client;
  const config = getConfig();
  const options: Partial<CosmosClientOptions> = {};
  if (config.COSMOS_DISABLE_ENDPOINT_DISCOVERY) {
    options.connectionPolicy = { enableEndpointDiscovery: false };
  }
  if (config.COSMOS_CONNECTION_STRING) {
    client = new CosmosClient({ ...parseConnectionString(config.COSMOS_CONNECTION_STRING), ...options });
  } else if (config.COSMOS_KEY) {
    client = new CosmosClient({ endpoint: config.COSMOS_ENDPOINT!, key: config.COSMOS_KEY, ...options });
  } else {
    // Managed identity on Azure; a developer's az login locally.
    client = new CosmosClient({
      endpoint: config.COSMOS_ENDPOINT!,
      aadCredentials: getAzureCredential(),
      ...options,
    });
  }
  return client;
}

function parseConnectionString(value: string): { endpoint: string; key: string } {
  const parts = Object.fromEntries(
    value
      .split(';')
      .filter(Boolean)
      .map((p) => {
        const i = p.indexOf('=');
        return [p.slice(0, i).toLowerCase(), p.slice(i + 1)];
      }),
  );
  if (!parts.accountendpoint || !parts.accountkey) {
    throw new Error('COSMOS_CONNECTION_STRING needs AccountEndpoint=…;AccountKey=…');
  }
  return { endpoint: parts.accountendpoint, key: parts.accountkey };
}

/** The container, created with partition key /ownerId on first use in this process. */
export function getContainer(name: ContainerName): Promise<Container> {
  let pending = containers.get(name);
  if (!pending) {
    pending = (async () => {
      const cosmos = getCosmosClient();
      const { database } = await cosmos.databases.createIfNotExists({ id: getConfig().COSMOS_DATABASE });
      const { container } = await database.containers.createIfNotExists({
        id: name,
        partitionKey: { paths: ['/ownerId'] },
      });
      return container;
    })();
    // A failed start (emulator not up yet) must not be remembered forever.
    pending.catch(() => containers.delete(name));
    containers.set(name, pending);
  }
  return pending;
}

/** Tests point the process at a fresh database; production never calls this. */
export function resetCosmosForTests(): void {
  client?.dispose();
  client = undefined;
  containers.clear();
}

/** Cosmos SDK errors carry the HTTP status in `code`. */
export function cosmosStatus(err: unknown): number | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}
