import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse';
import * as XLSX from 'xlsx';
import { autoMap } from '../functions/import/mapping.js';
import { openTable } from '../functions/import/parse/open-table.js';
import { processTable } from '../functions/import/pipeline.js';

/** One measured phase; each runs alone in a child process so its peak RSS is its own. */
export type Phase =
  | 'baseline'
  | 'csv-floor'
  | 'csv-pipeline'
  | 'csv-pipeline-no-phone'
  | 'xlsx-floor'
  | 'xlsx-pipeline';

export interface PhaseResult {
  rows: number;
  seconds: number;
  maxRssMB: number;
  /** Pipeline phases: contacts, rejected rows and in-file duplicates found. */
  contacts?: number;
  rejected?: number;
  duplicates?: number;
}

const CSV_OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: false } as const;

async function csvFloor(file: string): Promise<number> {
  // The parser alone, fed the same 64 KB chunks and drained the same way as the pipeline reads it.
  const parser = parse(CSV_OPTIONS);
  let records = 0;
  for await (const chunk of createReadStream(file)) {
    parser.write(chunk);
    while (parser.read() !== null) records++;
  }
  parser.end();
  for await (const _ of parser) records++;
  return records - 1;
}

async function xlsxFloor(file: string): Promise<number> {
  const book = XLSX.read(await readFile(file), {
    type: 'buffer',
    dense: true,
    cellFormula: false,
    cellHTML: false,
  });
  const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]!]!, {
    header: 1,
    raw: false,
  });
  return rows.length - 1;
}

async function pipeline(file: string, fromDisk: 'stream' | 'buffer', phones = true) {
  const source = fromDisk === 'stream' ? createReadStream(file) : await readFile(file);
  const table = await openTable({ fileName: file, source, maxBytes: Number.POSITIVE_INFINITY });
  const counts = { rows: 0, contacts: 0, rejected: 0, duplicates: 0 };
  // Without phones: shows what E.164 normalisation (libphonenumber, ~8 µs a national number) costs.
  const mapping = autoMap(table.headers, table.format).map((f) => (f === 'phone' && !phones ? null : f));
  for await (const chunk of processTable(table, mapping, { chunkRows: 500 })) {
    counts.rows += chunk.rowCount;
    counts.contacts += chunk.drafts.size - chunk.seenEarlier.size;
    counts.rejected += chunk.rejected.length;
    counts.duplicates += chunk.duplicatesInFile;
  }
  return counts;
}

export async function runPhase(phase: Phase, file: string): Promise<PhaseResult> {
  const started = performance.now();
  let result: Omit<PhaseResult, 'seconds' | 'maxRssMB'> = { rows: 0 };
  if (phase === 'csv-floor') result = { rows: await csvFloor(file) };
  if (phase === 'xlsx-floor') result = { rows: await xlsxFloor(file) };
  if (phase === 'csv-pipeline') result = await pipeline(file, 'stream');
  if (phase === 'csv-pipeline-no-phone') result = await pipeline(file, 'stream', false);
  if (phase === 'xlsx-pipeline') result = await pipeline(file, 'buffer');
  const seconds = (performance.now() - started) / 1000;
  return { ...result, seconds, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
}
