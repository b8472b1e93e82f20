import {
  type Container,
  CosmosClient,
  type CosmosClientOptions,
  type ContainerDefinition as CosmosContainerDefinition,
  type Database,
} from '@azure/cosmos';
import { getConfig } from '../config.js';
import { getAzureCredential } from '../identity.js';
import { CONTAINER_DEFINITIONS, type ContainerDefinition, type ContainerName } from './containers.js';

export { CONTAINERS, type ContainerName } from './containers.js';

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

/** The container; with a key (locally) created with partition key /ownerId on first use in this process. */
export function getContainer(name: ContainerName): Promise<Container> {
  let pending = containers.get(name);
  if (!pending) {
    pending = (async () => {
      const cosmos = getCosmosClient();
      const config = getConfig();
      // With a managed identity (production) data-plane roles cannot create or change containers:
      // infra/ creates them with the same definitions (a test keeps the two equal).
      if (!config.COSMOS_KEY && !config.COSMOS_CONNECTION_STRING) {
        return cosmos.database(config.COSMOS_DATABASE).container(name);
      }
      const database = await ensureDatabase(cosmos, config.COSMOS_DATABASE);
      const definition = containerDefinition(name, CONTAINER_DEFINITIONS[name]);
      const { container, resource } = await createIfNotExists(() =>
        database.containers.createIfNotExists(definition),
      );
      // A container made by an older version lacks a newer index: bring its policy up to date
      // (documents are kept; Azure re-indexes in the background).
      const wanted = indexKeys(definition.indexingPolicy?.compositeIndexes);
      const have = new Set(indexKeys(resource?.indexingPolicy?.compositeIndexes));
      if (resource && wanted.some((k) => !have.has(k))) {
        await container.replace({
          ...resource,
          indexingPolicy: { ...resource.indexingPolicy, ...definition.indexingPolicy },
        });
      }
      return container;
    })();
    // A failed start (emulator not up yet) must not be remembered forever.
    pending.catch(() => containers.delete(name));
    containers.set(name, pending);
  }
  return pending;
}

let database: Promise<Database> | undefined;

/** One database creation per process: first uses of two containers at once must not race to create it. */
function ensureDatabase(cosmos: CosmosClient, id: string): Promise<Database> {
  database ??= createIfNotExists(() => cosmos.databases.createIfNotExists({ id })).then((r) => r.database);
  database.catch(() => {
    database = undefined;
  });
  return database;
}

/**
 * createIfNotExists reads, then creates: two processes (or two containers' first uses) can both
 * read "missing" and one create then answers 409. The resource exists then; ask again.
 */
async function createIfNotExists<T>(make: () => Promise<T>): Promise<T> {
  try {
    return await make();
  } catch (err) {
    if (cosmosStatus(err) !== 409) throw err;
    return make();
  }
}

/** Each composite index as one comparable string: "/sortName:ascending,/id:ascending". */
const indexKeys = (indexes: { path: string; order?: string }[][] | undefined): string[] =>
  (indexes ?? []).map((paths) => paths.map((p) => `${p.path}:${p.order ?? 'ascending'}`).join(','));

function containerDefinition(id: ContainerName, def: ContainerDefinition): CosmosContainerDefinition {
  return {
    id,
    partitionKey: { paths: ['/ownerId'] },
    ...(def.compositeIndexes && { indexingPolicy: { compositeIndexes: def.compositeIndexes } }),
    ...(def.perDocumentTtl && { defaultTtl: -1 }),
  };
}

/** Tests point the process at a fresh database; production never calls this. */
export function resetCosmosForTests(): void {
  client?.dispose();
  client = undefined;
  database = undefined;
  containers.clear();
}

/** Cosmos SDK errors carry the HTTP status in `code`. */
export function cosmosStatus(err: unknown): number | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}
