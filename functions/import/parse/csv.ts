import { CsvError, type Parser, parse } from 'csv-parse';
import { AppError } from '../../_shared/errors.js';
import { isBlank, tableFromRows } from './header-row.js';
import { sniffDelimiter } from './sniff.js';
import { type Peeked, peek } from './source.js';
import type { Table, TableRow } from './table.js';
import { Utf8Guard } from './utf8.js';

const SNIFF_BYTES = 64 * 1024;

/**
 * Streams a CSV (comma, semicolon, tab or pipe; UTF-8 with or without BOM, or UTF-16 with BOM as
 * Excel's "Unicode Text" writes it). Row numbers count every record, blank ones and LinkedIn's notes
 * included, so they match the row numbers Excel shows for the same file.
 */
export async function openCsv(
  chunks: AsyncIterable<Buffer>,
  fileName: string,
  maxColumns: number,
): Promise<Table> {
  const { head, chunks: all } = await peek(chunks, SNIFF_BYTES);
  const utf16 =
    head[0] === 0xff && head[1] === 0xfe
      ? 'utf-16le'
      : head[0] === 0xfe && head[1] === 0xff
        ? 'utf-16be'
        : null;
  const text = utf16 ? fromUtf16(all, utf16, fileName) : withoutBom(all);
  const sample = await peek(text, SNIFF_BYTES);
  const delimiter = sniffDelimiter(sample.head.toString('utf8'));
  return tableFromRows('csv', fileName, csvRows(sample, delimiter, fileName, maxColumns), null);
}

async function* withoutBom(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let first = true;
  for await (const chunk of chunks) {
    const bom = first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
    first = false;
    yield bom ? chunk.subarray(3) : chunk;
  }
}

async function* fromUtf16(
  chunks: AsyncIterable<Buffer>,
  encoding: string,
  fileName: string,
): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    for await (const chunk of chunks) yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
    yield Buffer.from(decoder.decode(), 'utf8');
  } catch (error) {
    if (error instanceof TypeError) throw new AppError('BAD_FILE', `"${fileName}" is not valid UTF-16 text.`);
    throw error;
  }
}

async function* csvRows(source: Peeked, delimiter: string, fileName: string, maxColumns: number) {
  // relax_*: real exports carry ragged rows and stray quotes inside unquoted cells (Jane "JJ" Doe).
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  parser.on('error', () => {}); // surfaced below through `errored` and the async iterator
  const guard = new Utf8Guard();
  let row = 0;
  const take = (records: Iterable<string[]>): TableRow[] => {
    const batch: TableRow[] = [];
    for (const cells of records) {
      row++;
      let width = cells.length;
      while (width > 0 && isBlank(cells[width - 1]!)) width--;
      if (width === 0) continue;
      if (width > maxColumns) throw tooWide(fileName, row, width, maxColumns);
      if (width < cells.length) cells.length = width;
      batch.push({ row, cells });
    }
    return batch;
  };
  let lastByte = 0x0a;
  for await (const chunk of source.chunks) {
    const { bytes, invalidAt } = guard.push(chunk);
    parser.write(bytes);
    if (parser.errored) throw csvError(parser.errored, fileName, row + 1);
    if (bytes.length > 0) lastByte = bytes[bytes.length - 1]!;
    const batch = take(drain(parser));
    if (batch.length > 0) yield batch;
    if (invalidAt !== null) throw notUtf8(fileName, await rowOfCut(parser, row, lastByte));
  }
  if (!guard.end()) throw notUtf8(fileName, await rowOfCut(parser, row, lastByte));
  parser.end();
  const tail: string[][] = [];
  try {
    for await (const record of parser) tail.push(record as string[]);
  } catch (error) {
    throw csvError(error, fileName, row + tail.length + 1);
  }
  const batch = take(tail);
  if (batch.length > 0) yield batch;
}

/**
 * Row holding the first invalid byte: the parser may still hold complete records (it keeps a few
 * bytes of lookahead), so flush it and count them; a cut mid-record flushes as one more record.
 */
async function rowOfCut(parser: Parser, row: number, lastByte: number): Promise<number> {
  parser.end();
  let flushed = 0;
  try {
    for await (const _ of parser) flushed++;
  } catch {
    return row + flushed + 1; // cut inside a quoted cell: that record never closes
  }
  const atRecordStart = lastByte === 0x0a || lastByte === 0x0d;
  return row + flushed + (atRecordStart ? 1 : 0);
}

// Parsing a chunk pushes all its records synchronously; reading them in a loop avoids an await each.
function* drain(parser: Parser): Generator<string[]> {
  for (let record = parser.read(); record !== null; record = parser.read()) yield record as string[];
}

export function tooWide(fileName: string, row: number, columns: number, max: number): AppError {
  const message = `Row ${row} has ${columns} columns; at most ${max} are supported. Delete the unused columns and upload again.`;
  return new AppError('BAD_FILE', `"${fileName}": ${message}`, [{ row, message }]);
}

function notUtf8(fileName: string, row: number): AppError {
  const message = `Row ${row} contains characters that are not UTF-8 text.`;
  return new AppError(
    'BAD_FILE',
    `"${fileName}": ${message} In Excel use "Save As → CSV UTF-8 (Comma delimited)" and upload the new file.`,
    [{ row, message }],
  );
}

function csvError(error: unknown, fileName: string, row: number): AppError {
  if (error instanceof AppError) return error;
  const code = error instanceof CsvError ? error.code : undefined;
  const message =
    code === 'CSV_QUOTE_NOT_CLOSED' || code === 'CSV_MAX_RECORD_SIZE'
      ? `Row ${row} opens a quote (") that is never closed, so the rest of the file reads as one cell.`
      : `Row ${row} cannot be read as CSV (${error instanceof Error ? error.message : String(error)}).`;
  return new AppError('BAD_FILE', `"${fileName}": ${message}`, [{ row, message }]);
}
