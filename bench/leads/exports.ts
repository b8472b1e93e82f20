import { fileURLToPath } from 'node:url';
import { type Backends, peakRssMB, round, runChild, startBackends } from './backends.js';
import { benchContact, seedBenchContacts } from './data.js';

/**
 * Export of N contacts to xlsx and csv through the real export code (exports/exports.ts: count,
 * job, pages of 500 read from the local Cosmos API, cells typed and neutralised, CSV pages staged
 * to an Azurite blob, xlsx streamed by exceljs into the blob's upload), against the floor:
 * csv-stringify / SheetJS writing the same rows, already in memory, to a buffer alone — and for
 * xlsx also exceljs's streaming writer alone (to a sink), the library the export streams with.
 * Each measured part runs in its own child process (peak RSS its own).
 */
export interface ExportsOptions {
  contacts?: number;
  runs?: number;
}

interface ChildResult {
  rows: number;
  seconds: number;
  bytes: number;
  maxRssMB: number;
  secondsIn?: Record<string, number>;
}

const OWNER = 'bench-exports-owner';
const CHILD_FLAG = '--exports-child';
const self = fileURLToPath(import.meta.url);
const createdAt = (i: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + i * 1000).toISOString();

export async function benchExports(opts: ExportsOptions = {}) {
  const contacts = opts.contacts ?? 100_000;
  const runs = opts.runs ?? 1;
  const backends = await startBackends('bench-exports');
  try {
    // Seeded from a child too: the functions code keeps its clients (and their endpoint) per process.
    const seedStart = performance.now();
    await runChild(self, [CHILD_FLAG, 'seed', 'csv', String(contacts)], backends.env);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const formats: Record<string, unknown> = {};
    for (const format of ['csv', 'xlsx'] as const) {
      const exported = await median(backends, ['export', format, String(contacts)], runs);
      const floor = await median(backends, ['floor', format, String(contacts)], runs);
      if (exported.rows !== contacts) throw new Error(`export wrote ${exported.rows} of ${contacts} rows`);
      const ratio = round(exported.seconds / floor.seconds);
      const streaming =
        format === 'xlsx'
          ? await median(backends, ['floor', 'xlsx-stream', String(contacts)], runs)
          : undefined;
      formats[format] = {
        rows: exported.rows,
        seconds: round(exported.seconds),
        secondsIn: exported.secondsIn,
        rowsPerSecond: Math.round(exported.rows / exported.seconds),
        peakRssMB: exported.maxRssMB,
        fileMB: round(exported.bytes / 1024 / 1024),
        floorSeconds: round(floor.seconds),
        floorRowsPerSecond: Math.round(floor.rows / floor.seconds),
        floorPeakRssMB: floor.maxRssMB,
        ratio,
        ...(streaming && {
          streamingFloorSeconds: round(streaming.seconds),
          streamingFloorPeakRssMB: streaming.maxRssMB,
          ratioToStreamingFloor: round(exported.seconds / streaming.seconds),
        }),
        targets: { ratio: 1.5, peakRssMB: 400 },
        meetsRatio: ratio <= 1.5,
        meetsRss: exported.maxRssMB < 400,
      };
    }
    return { contacts, runs, seedSeconds: round(seedSeconds, 1), ...formats };
  } finally {
    await backends.stop();
  }
}

async function median(backends: Backends, args: string[], runs: number): Promise<ChildResult> {
  const results: ChildResult[] = [];
  for (let i = 0; i < runs; i++)
    results.push(await runChild<ChildResult>(self, [CHILD_FLAG, ...args], backends.env));
  results.sort((a, b) => a.seconds - b.seconds);
  return {
    ...results[Math.floor(results.length / 2)]!,
    maxRssMB: Math.max(...results.map((r) => r.maxRssMB)),
  };
}

/** The real export, start to finished file, as the queue worker runs it. */
async function exportChild(format: 'csv' | 'xlsx'): Promise<ChildResult> {
  const { exportDeps } = await import('../../functions/exports/store.js');
  const { startExport, runExport } = await import('../../functions/exports/exports.js');
  const { getContainer } = await import('../../functions/_shared/cosmos/client.js');
  await getContainer('export-jobs'); // created outside the timing
  const base = exportDeps();
  // Where the time goes: reading pages (the local Cosmos API), writing parts (Azurite), saving progress.
  const waited = { readPages: 0, writeParts: 0, saveProgress: 0 };
  const timed =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>, key: keyof typeof waited) =>
    async (...args: A): Promise<R> => {
      const t = performance.now();
      try {
        return await fn(...args);
      } finally {
        waited[key] += (performance.now() - t) / 1000;
      }
    };
  const deps = {
    ...base,
    rows: { ...base.rows, page: timed(base.rows.page, 'readPages') },
    files: { ...base.files, stagePart: timed(base.files.stagePart, 'writeParts') },
    jobs: { ...base.jobs, save: timed(base.jobs.save, 'saveProgress') },
  };
  const started = performance.now();
  const { job } = await startExport(OWNER, { kind: 'contacts', format, filter: {} }, deps);
  const done =
    job.status === 'completed' ? job : await runExport(OWNER, job.id, deps, { finalAttempt: true });
  const seconds = (performance.now() - started) / 1000;
  const secondsIn = Object.fromEntries(Object.entries(waited).map(([k, v]) => [k, round(v)]));
  return { rows: done.processed, seconds, bytes: done.size ?? 0, maxRssMB: peakRssMB(), secondsIn };
}

/** The floor: the same rows, already in memory as the cells the export writes, written by the library alone. */
async function floorChild(format: 'csv' | 'xlsx' | 'xlsx-stream', count: number): Promise<ChildResult> {
  const { columnsOf } = await import('../../functions/exports/columns.js');
  const columns = columnsOf('contacts', { timeZone: 'UTC', stageNames: {}, campaignNames: new Map() });
  const rows: (string | number | undefined | null)[][] = [columns.map((c) => c.header)];
  for (let i = 0; i < count; i++) {
    const doc = benchContact(OWNER, i, createdAt(i));
    rows.push(columns.map((c) => c.value(doc)));
  }
  const started = performance.now();
  let bytes: number;
  if (format === 'csv') {
    const { stringify } = await import('csv-stringify/sync');
    bytes = Buffer.byteLength(stringify(rows as string[][]));
  } else if (format === 'xlsx-stream') {
    const { Writable } = await import('node:stream');
    const ExcelJS = (await import('exceljs')).default;
    let written = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        done();
      },
    });
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: sink,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = book.addWorksheet('Contacts');
    for (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await book.commit();
    bytes = written;
  } else {
    const XLSX = await import('xlsx');
    const sheet = XLSX.utils.aoa_to_sheet(rows, { dense: true });
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Contacts');
    bytes = (XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer).length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { rows: count, seconds, bytes, maxRssMB: peakRssMB() };
}

const at = process.argv.indexOf(CHILD_FLAG);
if (at > 0) {
  const [phase, format, count] = process.argv.slice(at + 1) as [
    'seed' | 'export' | 'floor',
    'csv' | 'xlsx' | 'xlsx-stream',
    string,
  ];
  const result =
    phase === 'seed'
      ? await seedBenchContacts(OWNER, Number(count), createdAt).then(() => ({}))
      : phase === 'export'
        ? await exportChild(format as 'csv' | 'xlsx')
        : await floorChild(format, Number(count));
  // The Cosmos client keeps sockets open: leave once the parent has the result.
  process.send?.(result, () => process.exit(0));
}
