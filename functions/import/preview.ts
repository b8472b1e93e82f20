import { autoMap } from './mapping.js';
import type { Table } from './parse/table.js';
import type { ColumnMapping, ImportFormat } from './schema.js';

export interface TablePreview {
  format: ImportFormat;
  headers: string[];
  headerRow: number;
  mapping: ColumnMapping;
  /** The first rows, one cell per header, each cut to a length the mapping screen can show. */
  rows: string[][];
  /** Non-empty data rows; null when `countAll` was false and the file was not read to the end. */
  totalRows: number | null;
}

const MAX_CELL = 200;

/**
 * Headers, suggested mapping and the first rows. With `countAll` (default) it reads to the end, so
 * the count is exact and a broken row (invalid UTF-8, an unclosed quote) fails now, at upload,
 * before anything is written; a 20 MB CSV takes well under a second.
 */
export async function previewTable(table: Table, limit = 20, countAll = true): Promise<TablePreview> {
  const rows: string[][] = [];
  let count = 0;
  for await (const batch of table.batches) {
    for (const { cells } of batch) {
      if (rows.length < limit) rows.push(table.headers.map((_, i) => clip(cells[i] ?? '')));
      count++;
    }
    if (!countAll && rows.length >= limit) break;
  }
  const complete = countAll || rows.length < limit;
  return {
    format: table.format,
    headers: table.headers,
    headerRow: table.headerRow,
    mapping: autoMap(table.headers, table.format),
    rows,
    totalRows: complete ? count : table.totalRows,
  };
}

const clip = (cell: string): string => (cell.length > MAX_CELL ? `${cell.slice(0, MAX_CELL - 1)}…` : cell);
