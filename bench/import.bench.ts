/**
 * Contact-import benchmark (npm run bench:import). Generates 100k-row CSV and xlsx lists and a
 * 1M-row CSV in bench/tmp/, then measures, each phase in its own child process (3 runs, median,
 * spread kept): the parser alone (floor), the full parse + validate + dedupe pipeline, their ratio,
 * rows/s and peak RSS; then imports the 100k CSV into the local Cosmos API twice (new contacts,
 * then the same file again) counting Cosmos operations. Writes bench/results/import.json and
 * import.md and prints the summary.
 */
import { fork } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CosmosRun, EndToEnd } from './import-cosmos.js';
import { writeCsv, writeXlsx } from './import-data.js';
import { type Phase, type PhaseResult, runPhase } from './import-phases.js';

const TMP = new URL('./tmp/', import.meta.url);
const RESULTS = new URL('./results/', import.meta.url);
const RUNS = 3;
const TARGET_RATIO = 1.3;
const TARGET_OPS_PER_NEW_ROW = 1.1;
const TARGET_1M_RSS_MB = 300;
const file = (name: string) => fileURLToPath(new URL(name, TMP));

/** The median run, with the fastest and slowest kept: the machine is shared and noisy. */
type Measured = PhaseResult & { minSeconds: number; maxSeconds: number };

function child(phase: Phase, path: string): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), ['--phase', phase, path], { stdio: 'inherit' });
    proc.once('message', (message) => resolve(message as PhaseResult));
    proc.once('exit', (code) => code !== 0 && reject(new Error(`${phase} exited with ${code}`)));
  });
}

async function measure(phase: Phase, path: string, runs = RUNS): Promise<Measured> {
  const results: PhaseResult[] = [];
  for (let i = 0; i < runs; i++) results.push(await child(phase, path));
  results.sort((a, b) => a.seconds - b.seconds);
  const median = results[Math.floor(results.length / 2)]!;
  return {
    ...median,
    minSeconds: results[0]!.seconds,
    maxSeconds: results[results.length - 1]!.seconds,
    maxRssMB: Math.max(...results.map((r) => r.maxRssMB)),
  };
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const rate = (r: { rows: number; seconds: number }) => Math.round(r.rows / r.seconds);

function summary(name: string, path: string, r: { floor: Measured; pipeline: Measured }) {
  return {
    name,
    fileMB: round(statSync(path).size / 1024 / 1024, 1),
    rows: r.pipeline.rows,
    floorSeconds: round(r.floor.seconds),
    floorSpread: `${round(r.floor.minSeconds)}–${round(r.floor.maxSeconds)}`,
    pipelineSeconds: round(r.pipeline.seconds),
    pipelineSpread: `${round(r.pipeline.minSeconds)}–${round(r.pipeline.maxSeconds)}`,
    ratio: round(r.pipeline.seconds / r.floor.seconds),
    rowsPerSecond: rate(r.pipeline),
    floorPeakRssMB: r.floor.maxRssMB,
    pipelinePeakRssMB: r.pipeline.maxRssMB,
    contacts: r.pipeline.contacts ?? 0,
    rejected: r.pipeline.rejected ?? 0,
    duplicatesInFile: r.pipeline.duplicates ?? 0,
  };
}
type FormatSummary = ReturnType<typeof summary>;

function cosmosSummary(name: string, run: CosmosRun, per: 'created' | 'unchanged') {
  const operations = run.contactOperations + run.progressOperations;
  return {
    name,
    rows: run.rows,
    seconds: round(run.seconds, 1),
    rowsPerSecond: rate(run),
    contactOperations: run.contactOperations,
    progressOperations: run.progressOperations,
    /** Per contact created (first run) or found unchanged (second run). */
    operationsPerContact: round(operations / run[per], 3),
    operationsPerFileRow: round(operations / run.rows, 3),
    storeSeconds: `${run.storeSeconds.create} / ${run.storeSeconds.findByIdentities} / ${run.storeSeconds.replace}`,
    created: run.created,
    updated: run.updated,
    unchanged: run.unchanged,
    duplicatesInFile: run.duplicatesInFile,
    rejected: run.rejected,
    storedContacts: run.storedContacts,
    peakRssMB: run.maxRssMB,
  };
}
type CosmosSummary = ReturnType<typeof cosmosSummary>;

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
  console.log('Importing the 100k CSV into the local Cosmos API, twice (about 2 minutes)…');
  // Loaded here only, so the measured phases' processes (and their RSS) do not carry the server.
  const { endToEndIntoCosmos } = await import('./import-cosmos.js');
  const cosmos: EndToEnd = await endToEndIntoCosmos(csv100k);

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    runsPerPhase: RUNS,
    baselineRssMB: baseline.maxRssMB,
    targets: {
      pipelineToFloorRatio: TARGET_RATIO,
      cosmosOperationsPerNewRow: TARGET_OPS_PER_NEW_ROW,
      millionRowPeakRssMB: TARGET_1M_RSS_MB,
    },
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
    cosmos: [
      cosmosSummary('CSV 100k into an empty container (new contacts)', cosmos.first, 'created'),
      cosmosSummary('same file again (every contact stored, unchanged)', cosmos.again, 'unchanged'),
    ],
  };
  writeFileSync(new URL('import.json', RESULTS), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(new URL('import.md', RESULTS), markdown(results));
  console.log(markdown(results));
}

function markdown(r: {
  date: string;
  node: string;
  baselineRssMB: number;
  formats: FormatSummary[];
  million: { rows: number; seconds: number; rowsPerSecond: number; peakRssMB: number };
  cosmos: CosmosSummary[];
}): string {
  const csv = r.formats[0]!;
  const [first, again] = r.cosmos;
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const lines = [
    `# Contact import benchmark (${r.date}, Node ${r.node})`,
    '',
    'Floor = the parser alone (csv-parse over the file; SheetJS read + sheet_to_json). Pipeline = openTable +',
    `processTable (parse, validate, dedupe). Median of ${RUNS} runs (spread: fastest–slowest), each in its own`,
    `process; RSS is the process peak (a bare process with the modules loaded: ${r.baselineRssMB} MB).`,
    '',
    '| file | MB | rows | floor s | floor spread | pipeline s | pipeline spread | ratio | rows/s | floor RSS MB | pipeline RSS MB | contacts | rejected | duplicates |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.formats.map((f) => `| ${Object.values(f).join(' | ')} |`),
    '',
    `1M-row CSV streamed through the pipeline: ${r.million.rows} rows in ${r.million.seconds} s ` +
      `(${r.million.rowsPerSecond} rows/s), peak RSS ${r.million.peakRssMB} MB.`,
    '',
    '## End to end into the local Cosmos API',
    '',
    'openTable → processTable → applyChunk (functions/import/apply-chunk.ts) → upsertContacts with the Cosmos',
    'contact store (lookup by identity, bulk create/replace), chunks of 500, against dev/cosmos-server.ts (in memory) running in the parent process.',
    'Operations = contact-container operations, each one inside a bulk call counted, plus the import',
    "document's progress write after each chunk (import.ts; counted, 1 per chunk, not performed here).",
    '',
    '| run | rows | s | rows/s | contact ops | progress ops | ops per contact | ops per file row | store s: create / findByIdentities / replace | created | updated | unchanged | duplicates | rejected | stored | peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.cosmos.map((c) => `| ${Object.values(c).join(' | ')} |`),
    '',
    '## Targets',
    '',
    `- pipeline / floor ≤ ${TARGET_RATIO} (CSV): ${csv.ratio} — ${verdict(csv.ratio <= TARGET_RATIO)}`,
    `- Cosmos operations per new contact ≤ ${TARGET_OPS_PER_NEW_ROW}: ${first?.operationsPerContact} — ${verdict((first?.operationsPerContact ?? Infinity) <= TARGET_OPS_PER_NEW_ROW)}` +
      ` (re-import: ${again?.operationsPerContact} per stored contact)`,
    `- 1M-row CSV peak RSS < ${TARGET_1M_RSS_MB} MB: ${r.million.peakRssMB} MB — ${verdict(r.million.peakRssMB < TARGET_1M_RSS_MB)}`,
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
