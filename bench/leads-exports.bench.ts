/**
 * Leads benchmarks: the daily report for 10k leads (time, peak RSS) and the export of 100k
 * contacts to xlsx and csv (rows/s, peak RSS, ratio to csv-stringify / SheetJS alone). `--scale 0.1`
 * runs a tenth of each size (to check the bench works); `--runs 3` takes the median of three.
 * Merges its results into bench/results/leads.json under "report" and "exports".
 *   npx tsx bench/leads-exports.bench.ts [--scale 1] [--runs 1] [--only report|exports]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchExports } from './leads/exports.js';
import { benchDailyReport } from './leads/report.js';

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1]! : fallback;
};
const scale = Number(arg('scale', '1'));
const runs = Number(arg('runs', '1'));
const only = arg('only', 'all');
if (!(scale > 0) || !(runs >= 1)) throw new Error('--scale must be > 0 and --runs ≥ 1');

const file = fileURLToPath(new URL('./results/leads.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
const results: Record<string, unknown> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
const stamp = { measuredAt: new Date().toISOString(), node: process.version, scale };

if (only === 'all' || only === 'report') {
  results.report = { ...stamp, ...(await benchDailyReport({ leads: Math.round(10_000 * scale), runs })) };
  console.log('report', JSON.stringify(results.report));
}
if (only === 'all' || only === 'exports') {
  results.exports = { ...stamp, ...(await benchExports({ contacts: Math.round(100_000 * scale), runs })) };
  console.log('exports', JSON.stringify(results.exports));
}
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`written to ${file}`);
