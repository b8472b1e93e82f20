import type { Container, SqlParameter } from '@azure/cosmos';
import { bulkWrite, readOwned } from '../_shared/cosmos/bulk.js';
import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import { AppError } from '../_shared/errors.js';
import { foldAccents } from '../_shared/text/fold.js';
import type { BackfillStore } from './backfill.js';
import type { ContactOrder, ContactStore } from './contact-store.js';
import { type ContactDoc, withDerived } from './model.js';
import type { ContactFilter, ParsedContactListQuery } from './schema.js';

/**
 * Identity hashes per lookup query: one import chunk (500 rows, up to four identities each) in
 * one query. On the local API server each query scans the container, so fewer, larger queries
 * are faster; on Azure the index answers either way, far below the 256 KB query limit.
 */
const IDS_PER_QUERY = 2000;

// Documents written before identities were stored are still found by their id (the hash of their
// first identity), so the query asks for both.
const FIND_BY_IDENTITY = `SELECT * FROM c WHERE c.ownerId = @owner AND (ARRAY_CONTAINS(@ids, c.id)
  OR EXISTS(SELECT VALUE i FROM i IN c.identities WHERE ARRAY_CONTAINS(@ids, i)))`;

/** Contacts in Cosmos; `operations()` counts every request and every operation inside a bulk call. */
export function createCosmosContactStore(): ContactStore & { operations(): number } {
  let operations = 0;
  const container = () => getContainer('contacts');
  const write = async (ownerId: string, docs: ContactDoc[], mode: 'create' | 'replace') => {
    operations += docs.length;
    return bulkWrite(await container(), ownerId, docs.map(withDerived), mode);
  };
  return {
    operations: () => operations,
    async list(ownerId, q) {
      operations++;
      return listPage(await container(), ownerId, q);
    },
    async *pages(ownerId, filter, order, pageSize) {
      const { where, parameters } = whereOf(ownerId, filter);
      const iterator = (await container()).items.query<ContactDoc>(
        { query: `SELECT * FROM c WHERE ${where} ${orderBy(order)}`, parameters },
        { partitionKey: ownerId, maxItemCount: pageSize },
      );
      while (iterator.hasMoreResults()) {
        operations++;
        const { resources } = await iterator.fetchNext();
        const owned = resources.filter((d) => d.ownerId === ownerId);
        if (owned.length) yield owned;
      }
    },
    async pageAfter(ownerId, filter, afterId, limit) {
      operations++;
      const { where, parameters } = whereOf(ownerId, filter);
      const { resources } = await (await container()).items
        .query<ContactDoc>(
          {
            query: `SELECT TOP ${Math.trunc(limit)} * FROM c WHERE ${where} AND c.id > @after ORDER BY c.id`,
            parameters: [...parameters, { name: '@after', value: afterId ?? '' }],
          },
          // One round trip for the whole page (the service's default is 100 items per response).
          { partitionKey: ownerId, maxItemCount: Math.trunc(limit) },
        )
        .fetchAll();
      return resources.filter((d) => d.ownerId === ownerId);
    },
    async count(ownerId, filter) {
      operations++;
      return countMatching(await container(), ownerId, filter);
    },
    async readMany(ownerId, ids) {
      const found: ContactDoc[] = [];
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        operations++;
        const { resources } = await (await container()).items
          .query<ContactDoc>(
            {
              query: 'SELECT * FROM c WHERE c.ownerId = @owner AND ARRAY_CONTAINS(@ids, c.id)',
              parameters: [
                { name: '@owner', value: ownerId },
                { name: '@ids', value: ids.slice(i, i + IDS_PER_QUERY) },
              ],
            },
            { partitionKey: ownerId },
          )
          .fetchAll();
        found.push(...resources.filter((d) => d.ownerId === ownerId));
      }
      return found;
    },
    async read(ownerId, id) {
      operations++;
      return readOwned<ContactDoc>(await container(), ownerId, id);
    },
    async replace(doc) {
      operations++;
      try {
        const { resource } = await (await container())
          .item(doc.id, doc.ownerId)
          .replace<ContactDoc>(withDerived(doc), {
            accessCondition: { type: 'IfMatch', condition: doc._etag! },
          });
        return { status: 'ok', doc: resource! };
      } catch (err) {
        if (cosmosStatus(err) === 412) return { status: 'changed' };
        if (cosmosStatus(err) === 404) return { status: 'gone' };
        throw err;
      }
    },
    async delete(ownerId, id) {
      operations += 2;
      // Read first: ownership is checked on the document itself, never left to the partition option.
      if (!(await readOwned<ContactDoc>(await container(), ownerId, id))) return false;
      try {
        await (await container()).item(id, ownerId).delete();
        return true;
      } catch (err) {
        if (cosmosStatus(err) === 404) return false;
        throw err;
      }
    },
    createMany: (ownerId, docs) => write(ownerId, docs, 'create'),
    replaceMany: (ownerId, docs) => write(ownerId, docs, 'replace'),
    async findByIdentities(ownerId, ids) {
      const found = new Map<string, ContactDoc>();
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        operations++;
        const { resources } = await (await container()).items
          .query<ContactDoc>(
            {
              query: FIND_BY_IDENTITY,
              parameters: [
                { name: '@owner', value: ownerId },
                { name: '@ids', value: ids.slice(i, i + IDS_PER_QUERY) },
              ],
            },
            { partitionKey: ownerId },
          )
          .fetchAll();
        for (const doc of resources) if (doc.ownerId === ownerId) found.set(doc.id, doc);
      }
      return [...found.values()];
    },
  };
}

/** Sort field per list order; every one is paired with the id in a composite index (containers.ts). */
const SORT_FIELDS: Record<ContactOrder['sort'], string> = {
  name: 'sortName',
  company: 'sortCompany',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
};

function whereOf(ownerId: string, f: ContactFilter): { where: string; parameters: SqlParameter[] } {
  // The ownerId filter is in the WHERE clause as well as the partition option: the local API
  // server ignores the option, and owner isolation must never depend on it.
  const where = ['c.ownerId = @owner'];
  const parameters: SqlParameter[] = [{ name: '@owner', value: ownerId }];
  if (f.search) {
    where.push('CONTAINS(c.searchText, @search)');
    parameters.push({ name: '@search', value: foldAccents(f.search) });
  }
  if (f.tag) {
    where.push('ARRAY_CONTAINS(c.tagKeys, @tag)');
    parameters.push({ name: '@tag', value: f.tag.toLowerCase() });
  }
  if (f.source) {
    where.push('c.source = @source');
    parameters.push({ name: '@source', value: f.source });
  }
  if (f.status) {
    where.push('c.status = @status');
    parameters.push({ name: '@status', value: f.status });
  }
  return { where: where.join(' AND '), parameters };
}

const orderBy = (o: ContactOrder) => {
  const dir = o.dir === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY c.${SORT_FIELDS[o.sort]} ${dir}, c.id ${dir}`;
};

async function countMatching(container: Container, ownerId: string, f: ContactFilter): Promise<number> {
  const { where, parameters } = whereOf(ownerId, f);
  const { resources } = await container.items
    .query<number>(
      { query: `SELECT VALUE COUNT(1) FROM c WHERE ${where}`, parameters },
      { partitionKey: ownerId },
    )
    .fetchAll();
  return resources[0] ?? 0;
}

async function listPage(container: Container, ownerId: string, q: ParsedContactListQuery) {
  const { where, parameters } = whereOf(ownerId, q);
  const query = `SELECT * FROM c WHERE ${where} ${orderBy(q)}`;
  try {
    const [page, total] = await Promise.all([
      container.items
        .query<ContactDoc>(
          { query, parameters },
          { partitionKey: ownerId, maxItemCount: q.limit, continuationToken: q.continuationToken },
        )
        .fetchNext(),
      countMatching(container, ownerId, q),
    ]);
    return {
      docs: page.resources.filter((d) => d.ownerId === ownerId),
      continuationToken: page.continuationToken ?? null,
      total,
    };
  } catch (err) {
    if (q.continuationToken && cosmosStatus(err) === 400) {
      throw new AppError('VALIDATION', 'The page link has expired — start again from the first page.', [
        { path: 'continuationToken', message: 'not a valid continuation token' },
      ]);
    }
    throw err;
  }
}

/** The backfill's view of the contacts container: a system path, across owners. */
export function createCosmosBackfillStore(): BackfillStore {
  const store = createCosmosContactStore();
  const marker = { id: 'contacts-backfill-v1', ownerId: '_system' };
  return {
    async isDone() {
      return Boolean(await readOwned(await getContainer('settings'), marker.ownerId, marker.id));
    },
    async markDone(at) {
      await (await getContainer('settings')).items.upsert({ ...marker, doneAt: at.toISOString() });
    },
    async outdated(limit) {
      const { resources } = await (await getContainer('contacts')).items
        .query<ContactDoc>({
          query: `SELECT TOP ${Math.trunc(limit)} * FROM c WHERE NOT IS_DEFINED(c.sortName) OR NOT IS_DEFINED(c.sortCompany) OR NOT IS_DEFINED(c.identities)`,
        })
        .fetchAll();
      return resources;
    },
    async rewrite(docs) {
      let written = 0;
      const byOwner = new Map<string, ContactDoc[]>();
      for (const d of docs) {
        const list = byOwner.get(d.ownerId);
        if (list) list.push(d);
        else byOwner.set(d.ownerId, [d]);
      }
      for (const [ownerId, list] of byOwner) {
        written += (await store.replaceMany(ownerId, list)).filter((s) => s === 200).length;
      }
      return written;
    },
  };
}
