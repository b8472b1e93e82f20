// Files of a persisted local Cosmos store:
//   snapshot.ndjson     header line {format, version, journal: G}, then StoreRecords
//   journal-<g>.ndjson  StoreRecords appended as changes happen, before they are acknowledged
//   lock                pid of the process serving this directory
// The store is the snapshot plus every journal with generation >= G, replayed in order. Taking a
// snapshot first switches appends to a new generation, so a crash at any point leaves either the
// old snapshot with all its journals, or the new snapshot with the journals it does not cover.

import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoreRecord } from './cosmos-store.js';

const FORMAT = 'cosmosdb-server-snapshot';
const VERSION = 1;
const SNAPSHOT = 'snapshot.ndjson';
const JOURNAL = /^journal-(\d+)\.ndjson$/;
const journalName = (generation: number) => `journal-${generation}.ndjson`;

/** Refuses a directory that a live process is serving: two writers would lose each other's data. */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const lock = join(dir, 'lock');
  const holder = Number.parseInt(await readFile(lock, 'utf8').catch(() => ''), 10);
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(`Cosmos data directory ${dir} is in use by process ${holder}`);
  }
  await writeFile(lock, String(process.pid));
  return () => rm(lock, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface LoadedDataDir {
  records: StoreRecord[];
  /** Generation for new appends: above everything on disk. */
  nextGeneration: number;
  /** True when journals were replayed, i.e. a snapshot would compact something. */
  replayedJournal: boolean;
}

export async function loadDataDir(dir: string): Promise<LoadedDataDir> {
  const records: StoreRecord[] = [];
  let from = 0;
  const snapshot = await readFile(join(dir, SNAPSHOT)).catch(ignoreMissing);
  if (snapshot) {
    const lines = parseLines(snapshot, `${dir}/${SNAPSHOT}`, false);
    const header = lines.shift() as { format?: string; version?: number; journal?: number } | undefined;
    if (header?.format !== FORMAT || header.version !== VERSION || typeof header.journal !== 'number') {
      throw new Error(`${dir}/${SNAPSHOT} is not a version ${VERSION} snapshot`);
    }
    from = header.journal;
    records.push(...(lines as StoreRecord[]));
  }
  const generations = await journalGenerations(dir);
  let replayedJournal = false;
  for (const generation of generations.filter((g) => g >= from)) {
    const journal = await readFile(join(dir, journalName(generation)));
    // A crash can cut the last append short; that change was never acknowledged.
    const lines = parseLines(journal, `${dir}/${journalName(generation)}`, true) as StoreRecord[];
    for (const line of lines) records.push(line);
    replayedJournal ||= lines.length > 0;
  }
  return { records, nextGeneration: Math.max(from, ...generations) + 1, replayedJournal };
}

function ignoreMissing(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}

async function journalGenerations(dir: string): Promise<number[]> {
  const names = await readdir(dir);
  return names
    .map((name) => JOURNAL.exec(name)?.[1])
    .filter((g): g is string => g !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

// Splits on newlines in the Buffer, so a store far larger than V8's string limit still loads.
function parseLines(buffer: Buffer, file: string, tolerateTornTail: boolean): unknown[] {
  const out: unknown[] = [];
  let start = 0;
  while (start < buffer.length) {
    let end = buffer.indexOf(10, start);
    const last = end === -1;
    if (last) end = buffer.length;
    try {
      out.push(JSON.parse(buffer.toString('utf8', start, end)));
    } catch (error) {
      if (!(last && tolerateTornTail))
        throw new Error(`${file}: unreadable record at byte ${start}: ${error}`);
    }
    start = end + 1;
  }
  return out;
}

/** Append-only change log; `append` returns only once the bytes are in the file (OS page cache). */
export class Journal {
  // Opened on the first append, so a generation without changes leaves no file behind.
  private fd: number | undefined;

  constructor(
    private readonly dir: string,
    public generation: number,
  ) {}

  /** Returns the number of bytes appended. */
  append(records: readonly StoreRecord[]): number {
    if (records.length === 0) return 0;
    this.fd ??= openSync(join(this.dir, journalName(this.generation)), 'a');
    const bytes = Buffer.from(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
    return written;
  }

  /** Starts the next generation; returns the generation a snapshot taken now must replay from. */
  rotate(): number {
    this.close();
    this.generation += 1;
    return this.generation;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * Writes the snapshot atomically (temp file, fsync, rename), then drops the journals it covers.
 * Serialises in chunks and awaits each write, so requests keep being served meanwhile. Returns
 * the snapshot's size in bytes.
 */
export async function writeSnapshot(
  dir: string,
  journalFrom: number,
  records: readonly StoreRecord[],
): Promise<number> {
  const tmp = join(dir, `${SNAPSHOT}.tmp`);
  const file = await open(tmp, 'w');
  let bytes = 0;
  try {
    let chunk = `${JSON.stringify({ format: FORMAT, version: VERSION, journal: journalFrom })}\n`;
    for (const record of records) {
      chunk += `${JSON.stringify(record)}\n`;
      if (chunk.length > 1 << 20) {
        bytes += (await file.write(chunk)).bytesWritten;
        chunk = '';
      }
    }
    bytes += (await file.write(chunk)).bytesWritten;
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, join(dir, SNAPSHOT));
  for (const generation of await journalGenerations(dir)) {
    if (generation < journalFrom) await rm(join(dir, journalName(generation)), { force: true });
  }
  return bytes;
}
