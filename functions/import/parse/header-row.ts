import { AppError } from '../../_shared/errors.js';
import { normaliseHeader, recognisedColumns } from '../mapping.js';
import type { FileKind } from './detect.js';
import type { Table, TableRow } from './table.js';

// Notes, a title or a blank line can sit above the header; ten rows is plenty for real exports.
const HEADER_WINDOW = 10;

export const isBlank = (text: string): boolean => {
  // Most cells start with a printable ASCII character: decided without building a string.
  const first = text.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 32 && text[i]?.trim()) return false;
  return true;
};

/** Spreadsheet column letters, for headers left blank: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The first row naming at least two known fields, else the first row. */
function pickHeader(rows: readonly TableRow[]): number {
  const found = rows.findIndex((r) => recognisedColumns(r.cells) >= 2);
  return Math.max(found, 0);
}

const LINKEDIN_COLUMNS = ['first name', 'last name', 'url', 'connected on'];
export const isLinkedInHeader = (headers: readonly string[]): boolean => {
  const names = new Set(headers.map(normaliseHeader));
  return LINKEDIN_COLUMNS.every((c) => names.has(c));
};

/**
 * Reads ahead to find the header row (skipping LinkedIn's "Notes:" lines or a title), names blank
 * header cells by column letter, and refuses a file with no data row below the header.
 */
export async function tableFromRows(
  kind: FileKind,
  fileName: string,
  rows: AsyncIterable<TableRow[]>,
  nonEmptyRows: number | null,
): Promise<Table> {
  const iterator = rows[Symbol.asyncIterator]();
  const ahead: TableRow[] = [];
  let done = false;
  while (ahead.length <= HEADER_WINDOW && !done) {
    const next = await iterator.next();
    if (next.done) done = true;
    else ahead.push(...next.value);
  }
  if (ahead.length === 0)
    throw new AppError('BAD_FILE', `"${fileName}" has no rows: the file or sheet is empty.`);
  const headerIndex = pickHeader(ahead.slice(0, HEADER_WINDOW));
  const header = ahead[headerIndex]!;
  const data = ahead.slice(headerIndex + 1);
  const width = Math.max(header.cells.length, ...data.map((r) => r.cells.length));
  const headers = Array.from(
    { length: width },
    (_, i) => header.cells[i]?.trim() || `Column ${columnLetter(i)}`,
  );
  if (data.length === 0 && done) throw noData(fileName, header.row, recognisedColumns(header.cells) > 0);
  async function* batches(): AsyncGenerator<TableRow[]> {
    try {
      if (data.length > 0) yield data;
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
      done = true;
    } finally {
      if (!done) await iterator.return?.();
    }
  }
  return {
    format: kind === 'csv' && isLinkedInHeader(headers) ? 'linkedin' : kind,
    headers,
    headerRow: header.row,
    batches: batches(),
    totalRows: nonEmptyRows === null ? null : nonEmptyRows - headerIndex - 1,
  };
}

function noData(fileName: string, row: number, recognised: boolean): AppError {
  const message = recognised
    ? `"${fileName}" has a header row but no contacts below it.`
    : `"${fileName}" has no recognisable column (such as Email, Name or Company) and no data rows.`;
  return new AppError('BAD_FILE', message, [{ row, message }]);
}
