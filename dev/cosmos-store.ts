// The in-memory store of @vercel/cosmosdb-server 1.0.1, reached through `server.account` (added by
// patches/@vercel+cosmosdb-server+1.0.1.patch). These members are private to the package; the
// patch pins the version, so a release that changes them fails at `patch-package`, not silently.
//
// Every change to the store goes through exactly two calls on an `Items` collection's `_data`
// map: `_data.set(rid, entry)` (create, replace, upsert, patch — replace is delete + set) and
// `_data.delete(rid)`. Watching those two calls gives a complete, ordered change log.

export interface Resource {
  id: string;
  _rid: string;
  [key: string]: unknown;
}

interface Entry {
  read(): Resource | undefined;
}

interface Items<E extends Entry = Entry> {
  _data: Map<string, E>;
  _ridCount: number;
  _set(data: Resource): Resource;
  delete(idOrRid: string, partition?: unknown): void;
}

interface UdfItems extends Items {
  functions: Record<string, unknown>;
}

interface ContainerEntry extends Entry {
  documents: Items;
  userDefinedFunctions: UdfItems;
}

interface DatabaseEntry extends Entry {
  collections: Items<ContainerEntry>;
}

export interface Account {
  databases: Items<DatabaseEntry>;
}

export type Kind = 'database' | 'container' | 'document' | 'udf';

/**
 * One change to the store. `parent` holds the _rids of the enclosing database (and container).
 * `ridCount` is the owning collection's _rid counter, so new resources never reuse a _rid.
 * A snapshot is simply the sequence of records that rebuilds the store from empty.
 */
export type StoreRecord =
  | { op: 'put'; kind: Kind; parent: string[]; data: Resource; ridCount?: number }
  | { op: 'delete'; kind: Kind; parent: string[]; rid: string }
  | { op: 'ridCount'; kind: Kind; parent: string[]; ridCount: number };

function itemsOf(account: Account, kind: Kind, parent: readonly string[]): Items {
  if (kind === 'database') return account.databases;
  const database = account.databases._data.get(parent[0] ?? '');
  if (!database) throw new Error(`snapshot refers to a missing database ${parent[0]}`);
  if (kind === 'container') return database.collections;
  const container = database.collections._data.get(parent[1] ?? '');
  if (!container) throw new Error(`snapshot refers to a missing container ${parent[1]}`);
  return kind === 'document' ? container.documents : container.userDefinedFunctions;
}

// The server compiles a UDF body the same way when it is created.
function defineUdf(body: unknown): unknown {
  return new Function(`"use strict";return (${String(body)})`)();
}

/** Replays one record into the store, keeping data (incl. _etag, _ts, _rid) byte for byte. */
export function applyRecord(account: Account, record: StoreRecord): void {
  const items = itemsOf(account, record.kind, record.parent);
  if (record.op === 'delete') {
    items.delete(record.rid, record.rid);
    return;
  }
  if (record.op === 'put') {
    items._set(record.data);
    if (record.kind === 'udf') (items as UdfItems).functions[record.data.id] = defineUdf(record.data.body);
  }
  if (record.ridCount !== undefined) items._ridCount = record.ridCount;
}

/**
 * The records that rebuild the current store, in the store's own iteration order (which is the
 * order un-ordered queries return). Resources are captured by reference: the server never mutates
 * a stored resource (replace and patch store new objects), so they can be serialised later.
 */
export function snapshotRecords(account: Account): StoreRecord[] {
  const records: StoreRecord[] = [];
  const add = (kind: Kind, parent: string[], items: Items, each?: (rid: string, entry: Entry) => void) => {
    for (const [rid, entry] of items._data) {
      const data = entry.read();
      if (data) records.push({ op: 'put', kind, parent, data });
      each?.(rid, entry);
    }
    records.push({ op: 'ridCount', kind, parent, ridCount: items._ridCount });
  };
  add('database', [], account.databases, (dbRid, db) => {
    add('container', [dbRid], (db as DatabaseEntry).collections, (collRid, coll) => {
      add('document', [dbRid, collRid], (coll as ContainerEntry).documents);
      add('udf', [dbRid, collRid], (coll as ContainerEntry).userDefinedFunctions);
    });
  });
  return records;
}

/** Calls `onChange` synchronously, in order, for every change made to the store from now on. */
export function watchStore(account: Account, onChange: (record: StoreRecord) => void): void {
  watchItems(account.databases, 'database', [], onChange);
  for (const [dbRid, db] of account.databases._data) watchChildren('database', [dbRid], db, onChange);
}

// A container whose definition is replaced keeps its documents collection: watch each once.
const watched = new WeakSet<object>();

function watchItems(items: Items, kind: Kind, parent: string[], onChange: (record: StoreRecord) => void) {
  const data = items._data;
  if (watched.has(data)) return;
  watched.add(data);
  const set = data.set.bind(data);
  const remove = data.delete.bind(data);
  data.set = (rid: string, entry: Entry) => {
    set(rid, entry);
    const resource = entry.read();
    if (resource) onChange({ op: 'put', kind, parent, data: resource, ridCount: items._ridCount });
    // A new database or container comes with new, empty child collections to watch.
    watchChildren(kind, [...parent, rid], entry, onChange);
    return data;
  };
  data.delete = (rid: string) => {
    const existed = remove(rid);
    if (existed) onChange({ op: 'delete', kind, parent, rid });
    return existed;
  };
}

function watchChildren(kind: Kind, path: string[], entry: Entry, onChange: (record: StoreRecord) => void) {
  if (kind === 'database') {
    const db = entry as DatabaseEntry;
    watchItems(db.collections, 'container', path, onChange);
    for (const [collRid, coll] of db.collections._data)
      watchChildren('container', [...path, collRid], coll, onChange);
  } else if (kind === 'container') {
    watchItems((entry as ContainerEntry).documents, 'document', path, onChange);
    watchItems((entry as ContainerEntry).userDefinedFunctions, 'udf', path, onChange);
  }
}
