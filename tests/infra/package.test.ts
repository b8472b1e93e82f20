import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFunctions } from '../../dev/host.js';
import type { Registration } from '../../functions/_shared/registry.js';

/**
 * Loads the deployable package the way the Azure Functions host does: Node imports every file
 * that package.json "main" names, with `@azure/functions-core` present — here a stand-in that
 * records each `registerFunction` call — and the app settings Azure gives it (identity only).
 */
const root = path.resolve(import.meta.dirname, '../..');
let work: string;
let api: string;
let registered: CoreMetadata[];
let packageMs: number;

interface CoreMetadata {
  name: string;
  bindings: Record<string, { type: string; direction: string; [key: string]: unknown }>;
}

const STAND_IN = `
const { writeFileSync } = require('node:fs');
const registered = [];
process.on('exit', () => writeFileSync(process.env.REGISTRATIONS_OUT, JSON.stringify(registered)));
module.exports = {
  setProgrammingModel() {},
  registerFunction(metadata) { registered.push(metadata); return { dispose() {} }; },
  registerHook() { return { dispose() {} }; },
  log() {},
};`;

// The host expands the "main" glob and imports each file (ESM: "type": "module").
const LOADER = `
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const app = process.argv[2];
const main = JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')).main;
const [before, after] = main.split('*');
const dir = path.join(app, before);
for (const entry of readdirSync(dir).sort()) {
  const file = path.join(dir, entry, after.replace(/^\\//, ''));
  if (existsSync(file)) await import(pathToFileURL(file).href);
}`;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'momentum-package-'));
  const started = performance.now();
  execFileSync('npx', ['tsx', 'dev/package.ts', '--api-only', '--out', work], { cwd: root, stdio: 'pipe' });
  packageMs = performance.now() - started;
  api = path.join(work, 'api');
  // On Azure the package's dependencies sit in its own node_modules.
  symlinkSync(path.join(root, 'node_modules'), path.join(api, 'node_modules'), 'dir');
  const core = path.join(work, 'host-modules/@azure/functions-core');
  mkdirSync(core, { recursive: true });
  writeFileSync(path.join(core, 'index.js'), STAND_IN);
  writeFileSync(path.join(work, 'loader.mjs'), LOADER);
  const out = path.join(work, 'registrations.json');
  execFileSync(process.execPath, [path.join(work, 'loader.mjs'), api], {
    cwd: api,
    stdio: 'pipe',
    env: {
      PATH: process.env.PATH,
      NODE_PATH: path.join(work, 'host-modules'),
      REGISTRATIONS_OUT: out,
      AzureWebJobsStorage__queueServiceUri: 'https://acct.queue.core.windows.net',
      AzureWebJobsStorage__blobServiceUri: 'https://acct.blob.core.windows.net',
      AZURE_CLIENT_ID: '00000000-0000-0000-0000-000000000001',
      COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/',
    },
  });
  registered = JSON.parse(readFileSync(out, 'utf8'));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What the host must receive for each entry of the registrations table. */
function expectedTrigger(r: Registration): Record<string, unknown> {
  switch (r.kind) {
    case 'http':
      return {
        type: 'httpTrigger',
        direction: 'in',
        route: r.options.route,
        methods: r.options.methods,
        authLevel: 'anonymous',
      };
    case 'queue':
      return {
        type: 'queueTrigger',
        direction: 'in',
        queueName: r.options.queueName,
        connection: 'AzureWebJobsStorage',
      };
    case 'timer':
      return { type: 'timerTrigger', direction: 'in', schedule: r.options.schedule };
  }
}

describe('the deployable package', () => {
  it('is built in well under 30 s', () => {
    console.log(`npm run package (API): ${Math.round(packageMs)} ms`);
    expect(packageMs).toBeLessThan(30_000);
  });

  it('registers every function of the registrations table with the Azure host, with its trigger', async () => {
    const table = await loadFunctions(path.join(root, 'functions'));
    expect(table.length).toBeGreaterThan(0);
    expect(registered.map((m) => m.name).sort()).toEqual(table.map((r) => r.name).sort());
    for (const r of table) {
      const metadata = registered.find((m) => m.name === r.name)!;
      const triggers = Object.values(metadata.bindings).filter((b) => b.type.endsWith('Trigger'));
      expect(triggers, r.name).toHaveLength(1);
      expect(triggers[0], r.name).toMatchObject(expectedTrigger(r));
    }
  });

  it('holds dist/, host.json and a package.json with production dependencies only', () => {
    expect(readdirSync(api).sort()).toEqual(['dist', 'host.json', 'node_modules', 'package.json']);
    const pkg = JSON.parse(readFileSync(path.join(api, 'package.json'), 'utf8'));
    const rootPkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.devDependencies).toBeUndefined();
    expect(pkg.scripts).toBeUndefined();
    expect(Object.keys(pkg.dependencies).sort()).toEqual(Object.keys(rootPkg.dependencies).sort());
    expect(pkg.main).toBe(rootPkg.main);
    expect(existsSync(path.join(api, 'dist/functions/health/function.js'))).toBe(true);
    // No tests ship.
    expect(filesUnder(path.join(api, 'dist')).filter((f) => f.includes('.test.'))).toEqual([]);
  });

  it('imports at run time only what its package.json declares (or Node, or the host)', () => {
    const pkg = JSON.parse(readFileSync(path.join(api, 'package.json'), 'utf8'));
    const declared = new Set([...Object.keys(pkg.dependencies), '@azure/functions-core']);
    const builtins = new Set(builtinModules);
    const undeclared = new Set<string>();
    for (const file of filesUnder(path.join(api, 'dist')).filter((f) => f.endsWith('.js'))) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"./][^'"]*)['"]/g)) {
        const spec = m[1]!;
        if (spec.startsWith('node:') || builtins.has(spec)) continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!declared.has(name)) undeclared.add(`${name} (${path.relative(api, file)})`);
      }
    }
    expect([...undeclared]).toEqual([]);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}
