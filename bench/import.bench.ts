/**
 * Contact-import benchmark (npm run bench:import). Generates 100k-row CSV and xlsx lists and a
 * 1M-row CSV in bench/tmp/, then measures, each phase in its own child process (3 runs, median):
 * the parser alone (floor), the full parse + validate + dedupe pipeline, their ratio, rows/s and
 * peak RSS. Writes bench/results/import.json and import.md.
 */
import { fork } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeCsv, writeXlsx } from './import-data.js';
import { type Phase, type PhaseResult, runPhase } from './import-phases.js';

const TMP = new URL('./tmp/', import.meta.url);
const RESULTS = new URL('./results/', import.meta.url);
const RUNS = 3;
const file = (name: string) => fileURLToPath(new URL(name, TMP));

// ── HOOK (lead): end-to-end into the local Cosmos API ─────────────────────────────────────────
// Once the import use case runs against the local Cosmos API server, implement this: import
// `csvPath` through openTable → processTable → applyChunk with a ContactStore that counts its
// requests, and return the time and the Cosmos operations per row. It is reported when non-null.
export interface EndToEndResult {
  rows: number;
  seconds: number;
  cosmosOperations: number;
}
export async function endToEndIntoCosmos(_csvPath: string): Promise<EndToEndResult | null> {
  return null;
}
// ──────────────────────────────────────────────────────────────────────────────────────────────

function child(phase: Phase, path: string): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), ['--phase', phase, path], { stdio: 'inherit' });
    proc.once('message', (message) => resolve(message as PhaseResult));
    proc.once('exit', (code) => code !== 0 && reject(new Error(`${phase} exited with ${code}`)));
  });
}

async function measure(phase: Phase, path: string, runs = RUNS): Promise<PhaseResult> {
  const results: PhaseResult[] = [];
  for (let i = 0; i < runs; i++) results.push(await child(phase, path));
  results.sort((a, b) => a.seconds - b.seconds);
  const median = results[Math.floor(results.length / 2)]!;
  return { ...median, maxRssMB: Math.max(...results.map((r) => r.maxRssMB)) };
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const rate = (r: PhaseResult) => Math.round(r.rows / r.seconds);

async function main(): Promise<void> {
  mkdirSync(TMP, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  const csv100k = file('contacts-100k.csv');
  const xlsx100k = file('contacts-100k.xlsx');
  const csv1m = file('contacts-1m.csv');
  await writeCsv(csv100k, 100_000);
  writeXlsx(xlsx100k, 100_000);
  await writeCsv(csv1m, 1_000_000);

  const baseline = await measure('baseline', csv100k, 1);
  const csv = {
    floor: await measure('csv-floor', csv100k),
    pipeline: await measure('csv-pipeline', csv100k),
  };
  const noPhone = await measure('csv-pipeline-no-phone', csv100k);
  const xlsx = {
    floor: await measure('xlsx-floor', xlsx100k),
    pipeline: await measure('xlsx-pipeline', xlsx100k),
  };
  const million = await measure('csv-pipeline', csv1m, 1);
  const endToEnd = await endToEndIntoCosmos(csv100k);

  const summary = (name: string, path: string, r: { floor: PhaseResult; pipeline: PhaseResult }) => ({
    name,
    fileMB: round(statSync(path).size / 1024 / 1024, 1),
    rows: r.pipeline.rows,
    floorSeconds: round(r.floor.seconds),
    pipelineSeconds: round(r.pipeline.seconds),
    ratio: round(r.pipeline.seconds / r.floor.seconds),
    rowsPerSecond: rate(r.pipeline),
    floorPeakRssMB: r.floor.maxRssMB,
    pipelinePeakRssMB: r.pipeline.maxRssMB,
    contacts: r.pipeline.contacts,
    rejected: r.pipeline.rejected,
    duplicatesInFile: r.pipeline.duplicates,
  });
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    runsPerPhase: RUNS,
    baselineRssMB: baseline.maxRssMB,
    formats: [
      summary('CSV 100k', csv100k, csv),
      summary('CSV 100k, phone column unmapped', csv100k, { floor: csv.floor, pipeline: noPhone }),
      summary('xlsx 100k', xlsx100k, xlsx),
    ],
    million: {
      rows: million.rows,
      seconds: round(million.seconds),
      rowsPerSecond: rate(million),
      peakRssMB: million.maxRssMB,
    },
    endToEnd,
  };
  writeFileSync(new URL('import.json', RESULTS), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(new URL('import.md', RESULTS), markdown(results));
  console.log(markdown(results));
}

function markdown(r: {
  date: string;
  node: string;
  baselineRssMB: number;
  formats: ReturnType<typeof Object>[];
  million: { rows: number; seconds: number; rowsPerSecond: number; peakRssMB: number };
  endToEnd: EndToEndResult | null;
}): string {
  const lines = [
    `# Contact import benchmark (${r.date}, Node ${r.node})`,
    '',
    'Floor = the parser alone (csv-parse over the file; SheetJS read + sheet_to_json). Pipeline = openTable +',
    `processTable (parse, validate, dedupe). Median of ${RUNS} runs, each in its own process; RSS is the`,
    `process peak (a bare process with the modules loaded: ${r.baselineRssMB} MB). Targets: ratio ≤ 1.3, 1M-row RSS < 300 MB.`,
    '',
    '| file | MB | rows | floor s | pipeline s | ratio | rows/s | floor RSS MB | pipeline RSS MB | contacts | rejected | duplicates |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.formats.map((f) => `| ${Object.values(f).join(' | ')} |`),
    '',
    `1M-row CSV streamed through the pipeline: ${r.million.rows} rows in ${r.million.seconds} s ` +
      `(${r.million.rowsPerSecond} rows/s), peak RSS ${r.million.peakRssMB} MB.`,
    '',
    r.endToEnd
      ? `End to end into the local Cosmos API: ${r.endToEnd.rows} rows in ${r.endToEnd.seconds} s, ` +
        `${round(r.endToEnd.cosmosOperations / r.endToEnd.rows)} Cosmos operations per row.`
      : 'End to end into the local Cosmos API: not measured yet (hook `endToEndIntoCosmos` in bench/import.bench.ts).',
  ];
  return `${lines.join('\n')}\n`;
}

const phaseAt = process.argv.indexOf('--phase');
if (phaseAt > 0) {
  const result = await runPhase(process.argv[phaseAt + 1] as Phase, process.argv[phaseAt + 2]!);
  process.send?.(result);
} else {
  await main();
}
