import { readFileSync } from 'node:fs';
import { AppError } from '../_shared/errors.js';
import { type OpenTableInput, openTable } from './parse/open-table.js';
import type { Table, TableRow } from './parse/table.js';

/** Test helpers: open a file from text/bytes and read all its rows. */
export const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../../tests/fixtures/import/${name}`, import.meta.url));

export function open(fileName: string, content: string | Uint8Array, limits: Partial<OpenTableInput> = {}) {
  const source = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return openTable({ fileName, source, ...limits });
}

export async function rowsOf(table: Table): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const batch of table.batches) rows.push(...batch);
  return rows;
}

/** Runs `work` and returns the AppError it throws (fails the test if it throws nothing or something else). */
export async function appError(work: () => Promise<unknown>): Promise<AppError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, nothing was thrown');
}

/** Yields a buffer in small pieces, as a network stream would (splitting multi-byte characters). */
export async function* trickle(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
