import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFunctions } from '../../dev/host.js';
import { LOCAL_ONLY_SETTINGS, PLATFORM_SETTINGS, SETTING_NAMES } from '../../functions/_shared/config.js';
import {
  CONTAINER_DEFINITIONS,
  type ContainerDefinition,
} from '../../functions/_shared/cosmos/containers.js';
import { listRegistrations } from '../../functions/_shared/registry.js';
import { BLOB_CONTAINERS } from '../../functions/_shared/storage.js';
import { METRICS } from '../../functions/_shared/telemetry.js';

/**
 * The Bicep CLI cannot run here, so these tests read the infrastructure files and hold them to
 * the code: what the code uses must be provisioned, configured and documented, in every place.
 * On a machine with the Azure tools, `az bicep build --file infra/main.bicep` and
 * `azd provision --preview` are the full check.
 */
const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const bicepFiles = readdirSync(path.join(root, 'infra'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.bicep'))
  .map((f) => `infra/${f}`);
const main = read('infra/main.bicep');
const appResources = JSON.parse(read('infra/app-resources.json')) as {
  queues: string[];
  blobContainers: string[];
  cosmosContainers: { name: string; defaultTtl: number | null; compositeIndexes?: unknown }[];
};

/** Keys of `var functionAppSettings = { ... }` in main.bicep: the Function App's app settings. */
function functionAppSettings(): string[] {
  const block = /var functionAppSettings = \{\n([\s\S]*?)\n\}/.exec(main)?.[1];
  if (!block) throw new Error('main.bicep has no functionAppSettings block');
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('//'))
    .map((line) => line.slice(0, line.indexOf(':')));
}

/** The text inside the braces that open at `opener`, searching from `from`. */
function blockAfter(text: string, opener: string, from: number): string {
  const start = text.indexOf(opener, from) + opener.length;
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start, i);
  }
  throw new Error(`unbalanced braces after ${opener}`);
}

/** Keys of a Bicep object literal's body, at its top level only (nested objects skipped). */
function topLevelKeys(body: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let atEntryStart = true;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '{' || ch === '[' || ch === '(') depth++;
    else if (ch === '}' || ch === ']' || ch === ')') depth--;
    else if (depth === 0 && (ch === '\n' || ch === ',')) atEntryStart = true;
    else if (depth === 0 && atEntryStart && /\S/.test(ch)) {
      if (body.startsWith('//', i)) {
        i = body.indexOf('\n', i) - 1;
        continue;
      }
      const key = /^'?([\w-]+)'?\s*:/.exec(body.slice(i));
      if (key) keys.push(key[1]!);
      atEntryStart = false;
    }
  }
  return keys;
}

describe('infra/ (Bicep) against the code', () => {
  it('references only modules that exist: local files, or Azure Verified Modules pinned to a version', () => {
    const refs: string[] = [];
    for (const file of bicepFiles) {
      for (const m of read(file).matchAll(/^module\s+\w+\s+'([^']+)'/gm)) {
        const ref = m[1]!;
        refs.push(ref);
        if (ref.startsWith('br/public:'))
          expect(ref).toMatch(/^br\/public:avm\/(res|ptn)\/[a-z0-9/-]+:\d+\.\d+\.\d+$/);
        else expect(existsSync(path.join(root, path.dirname(file), ref)), `${file} → ${ref}`).toBe(true);
      }
    }
    expect(refs.length).toBeGreaterThan(5);
    // Every module file is used by something.
    for (const file of bicepFiles.filter((f) => f.startsWith('infra/modules/'))) {
      expect(
        refs.some((r) => r.endsWith(path.basename(file))),
        file,
      ).toBe(true);
    }
  });

  it('passes each local module exactly the parameters it declares, and every one it requires', () => {
    let calls = 0;
    for (const file of bicepFiles) {
      const text = read(file);
      for (const m of text.matchAll(/^module\s+\w+\s+'([^']+)'[^\n]*\{/gm)) {
        if (m[1]!.startsWith('br/')) continue;
        const target = read(path.join(path.dirname(file), m[1]!));
        const declared = [...target.matchAll(/^param (\w+) \S+( = )?/gm)].map((p) => ({
          name: p[1]!,
          required: !p[2],
        }));
        const passed = topLevelKeys(blockAfter(text, 'params: {', m.index!));
        for (const name of passed) {
          expect(
            declared.map((d) => d.name),
            `${file} passes ${name} to ${m[1]}`,
          ).toContain(name);
        }
        for (const d of declared.filter((d) => d.required)) {
          expect(passed, `${file} omits ${d.name} for ${m[1]}`).toContain(d.name);
        }
        calls++;
      }
    }
    expect(calls).toBeGreaterThan(5);
  });

  it('describes every parameter', () => {
    for (const file of bicepFiles) {
      const lines = read(file).split('\n');
      lines.forEach((line, i) => {
        if (!/^param\s/.test(line)) return;
        const decorators: string[] = [];
        for (let j = i - 1; j >= 0 && lines[j]!.startsWith('@'); j--) decorators.push(lines[j]!);
        expect(
          decorators.some((d) => d.startsWith('@description(')),
          `${file}:${i + 1} ${line}`,
        ).toBe(true);
      });
    }
    const parameters = JSON.parse(read('infra/main.parameters.json')).parameters as Record<string, unknown>;
    for (const name of Object.keys(parameters))
      expect(main, name).toMatch(new RegExp(`^param ${name} `, 'm'));
  });

  it('sets every setting the configuration schema reads, except the local-only ones, and nothing unknown', () => {
    const set = functionAppSettings();
    const expected = SETTING_NAMES.filter((s) => !LOCAL_ONLY_SETTINGS.includes(s));
    for (const name of expected) expect(set, `main.bicep functionAppSettings lacks ${name}`).toContain(name);
    for (const name of LOCAL_ONLY_SETTINGS)
      expect(set, `${name} is local-only (a key or switch)`).not.toContain(name);
    for (const name of set) {
      expect([...SETTING_NAMES, ...PLATFORM_SETTINGS], `${name} is read by nothing`).toContain(name);
    }
  });

  it('documents every setting in the README and lists it in local.settings.sample.json', () => {
    const readme = read('README.md');
    const sample = JSON.parse(read('local.settings.sample.json')).Values as Record<string, string>;
    for (const name of SETTING_NAMES) {
      expect(readme, `README Configuration table lacks ${name}`).toMatch(
        new RegExp(`^\\| \`${name}\` `, 'm'),
      );
      expect(Object.keys(sample), `local.settings.sample.json lacks ${name}`).toContain(name);
    }
    for (const name of Object.keys(sample)) {
      expect([...SETTING_NAMES, 'FUNCTIONS_WORKER_RUNTIME'], `${name} is read by nothing`).toContain(name);
    }
  });

  it('creates every queue (with its poison twin), blob container and Cosmos container the code uses', async () => {
    await loadFunctions(path.join(root, 'functions'));
    const queues = listRegistrations().flatMap((r) => (r.kind === 'queue' ? [r.options.queueName] : []));
    expect([...appResources.queues].sort()).toEqual(queues.sort());
    expect([...appResources.blobContainers].sort()).toEqual(Object.values(BLOB_CONTAINERS).sort());
    const expected = Object.entries(CONTAINER_DEFINITIONS as Record<string, ContainerDefinition>).map(
      ([name, def]) => ({
        name,
        defaultTtl: def.perDocumentTtl ? -1 : null,
        ...(def.compositeIndexes && { compositeIndexes: def.compositeIndexes }),
      }),
    );
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect([...appResources.cosmosContainers].sort(byName)).toEqual(expected.sort(byName));
    expect(main).toContain("loadJsonContent('app-resources.json')");
    expect(main).toContain('queueNames: appResources.queues');
    expect(main).toContain('blobContainerNames: appResources.blobContainers');
    expect(main).toContain('containers: appResources.cosmosContainers');
    // Bicep interpolation, not a JavaScript template.
    expect(read('infra/modules/storage.bicep')).toContain(`name: '\${queue}-poison'`);
    expect(read('infra/modules/cosmos.bicep')).toContain("partitionKey: { paths: ['/ownerId']");
  });

  it('keeps keys out: no local auth on Cosmos, Storage or Application Insights; identity-based storage', () => {
    expect(read('infra/modules/cosmos.bicep')).toMatch(/disableLocalAuth: true/);
    expect(read('infra/modules/storage.bicep')).toMatch(/allowSharedKeyAccess: false/);
    expect(read('infra/modules/monitoring.bicep')).toMatch(/disableLocalAuth: true/);
    expect(main).toMatch(/AzureWebJobsStorage__credential: 'managedidentity'/);
    const functionApp = read('infra/modules/function-app.bicep');
    expect(functionApp).toMatch(/runtime: \{ name: 'node', version: '22' \}/);
    expect(functionApp).toMatch(/tier: 'FlexConsumption'/);
    expect(functionApp).toMatch(/type: 'UserAssigned'/);
  });

  it('holds no secret literal in infra, azd, workflows or settings files', () => {
    const files = [
      ...bicepFiles,
      'infra/main.parameters.json',
      'azure.yaml',
      'staticwebapp.config.json',
      'local.settings.sample.json',
      'host.json',
      ...readdirSync(path.join(root, '.github/workflows')).map((f) => `.github/workflows/${f}`),
    ];
    const forbidden = [
      /listKeys\(|listConnectionStrings\(/, // reading a key at deploy time and storing it
      /AccountKey=|SharedAccessSignature=|InstrumentationKey=[0-9a-f]/i,
      /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
      /\bSG\.[\w-]{16,}\.[\w-]{16,}/, // SendGrid key
      /\b(?:ghp|gho|github_pat)_[A-Za-z0-9_]{20,}/,
      /(?:password|secret|clientSecret)\s*[:=]\s*['"][^'"$@{][^'"]{5,}['"]/i,
      /[A-Za-z0-9+/]{60,}={0,2}/, // a long base64 blob
    ];
    for (const file of files) {
      const text = read(file);
      for (const pattern of forbidden) expect(text, `${file} matches ${pattern}`).not.toMatch(pattern);
    }
    // Secure parameters default to nothing; values come from the azd environment.
    for (const file of bicepFiles) {
      for (const m of read(file).matchAll(/@secure\(\)\n(?:@.*\n)*param \w+ \w+(.*)/g)) {
        expect(m[1]!.trim(), file).toMatch(/^(= '')?$/);
      }
    }
  });

  it('sets every setting staticwebapp.config.json names for sign-in, from Key Vault when secret', () => {
    const swa = read('staticwebapp.config.json');
    const bicep = read('infra/modules/static-web-app.bicep');
    const names = [...swa.matchAll(/"\w*SettingName":\s*"(\w+)"/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(bicep, name).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
    expect(bicep).toMatch(/LINKEDIN_CLIENT_SECRET: '@Microsoft\.KeyVault\(SecretUri=/);
  });

  it('alerts only on metrics the code defines', () => {
    const alerts = read('infra/modules/alerts.bicep');
    const used = [...alerts.matchAll(/name == "(momentum\.[a-z.]+)"/g)].map((m) => m[1]!);
    expect(new Set(used).size).toBeGreaterThanOrEqual(4);
    const defined = Object.values(METRICS).map((m) => m.name) as string[];
    for (const name of used) expect(defined, name).toContain(name);
  });
});

describe('GitHub workflows', () => {
  const ci = read('.github/workflows/ci.yml');
  const deploy = read('.github/workflows/deploy.yml');

  it('CI runs what .ci/run runs: install, typecheck, lint, build, tests, end-to-end', () => {
    for (const step of [
      'npm ci',
      'npm run typecheck',
      'npm run lint',
      'npm run build',
      'npm test',
      'npm run test:e2e',
    ]) {
      expect(ci, step).toContain(`run: ${step}`);
      expect(read('.ci/run'), step).toContain(step);
    }
  });

  it('deploys main with azd after CI, signing in with OpenID Connect and no stored Azure secret', () => {
    expect(deploy).toMatch(
      /workflow_run:\n\s+workflows: \[CI\]\n\s+types: \[completed\]\n\s+branches: \[main\]/,
    );
    expect(deploy).toContain("github.event.workflow_run.conclusion == 'success'");
    expect(ci).toMatch(/^name: CI$/m);
    expect(deploy).toMatch(/id-token: write/);
    expect(deploy).toContain('--federated-credential-provider github');
    expect(deploy).toContain('azd deploy');
    expect(deploy).not.toMatch(/secrets\./);
  });
});
