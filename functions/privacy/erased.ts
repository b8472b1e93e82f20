import { getContainer } from '../_shared/cosmos/client.js';

/**
 * The hashed identities of every contact the owner erased (the erasure records in `suppressions`):
 * the import skips rows that match one, so an old spreadsheet does not bring the person back.
 */
export async function erasedIdentities(ownerId: string): Promise<Set<string>> {
  const { resources } = await (await getContainer('suppressions')).items
    .query<{ identityIds: string[] }>(
      {
        query: "SELECT c.identityIds FROM c WHERE c.ownerId = @o AND c.kind = 'erasure'",
        parameters: [{ name: '@o', value: ownerId }],
      },
      { partitionKey: ownerId },
    )
    .fetchAll();
  return new Set(resources.flatMap((r) => r.identityIds ?? []));
}
