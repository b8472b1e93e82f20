import { stringify } from 'csv-stringify/sync';
import { LINE_BREAK, neutralise } from '../_shared/text/spreadsheet-cell.js';
import type { RejectedRow } from './rejected-row.js';

const write = (records: string[][]): string =>
  stringify(
    records.map((r) => r.map(neutralise)),
    { record_delimiter: 'windows', quoted_match: LINE_BREAK },
  );

/**
 * The first line of the "download rejected rows" report: Row, Reason, then the file's own headers.
 * Starts with a BOM so Excel opens it as UTF-8 (without one it assumes the ANSI code page).
 */
export const rejectedCsvHeader = (headers: readonly string[]): string =>
  `\uFEFF${write([['Row', 'Reason', ...headers]])}`;

/** Report lines for rejected rows, no header: one part per chunk, appended in row order. */
export const rejectedCsvRows = (rows: readonly RejectedRow[]): string =>
  rows.length === 0 ? '' : write(rows.map((r) => [String(r.row), r.reason, ...r.cells]));

/** A whole report: header and rows. */
export const rejectedCsv = (rows: readonly RejectedRow[], headers: readonly string[]): string =>
  rejectedCsvHeader(headers) + rejectedCsvRows(rows);
