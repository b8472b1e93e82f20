import { stringify } from 'csv-stringify/sync';
import type { RejectedRow } from './rejected-row.js';

// Excel runs a cell starting with these as a formula (CSV injection); tab and CR count too (OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a quote so spreadsheet apps show the text instead of evaluating it: "=cmd" → "'=cmd". */
export const neutralise = (cell: string): string => (FORMULA_START.test(cell) ? `'${cell}` : cell);

// csv-stringify quotes a cell for its delimiter or quote, not for a bare CR or LF; a spreadsheet
// would read such a cell as two rows.
const LINE_BREAK = /[\r\n]/;

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
