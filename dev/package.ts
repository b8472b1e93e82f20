import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm run package`: exactly what Azure runs, under .deploy/ (azure.yaml points azd there).
 *   .deploy/api  the Function App: dist/, host.json, package.json (production dependencies only,
 *                pinned to the versions the lockfile installed and the tests ran with)
 *   .deploy/web  the SPA build for Static Web Apps, with staticwebapp.config.json beside index.html
 * Flags: --api-only (skip the SPA), --no-build (package what dist/ and web/dist/ already hold),
 * --out DIR (instead of .deploy; tests use a temporary folder).
 */
const root = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const outFlag = argv.indexOf('--out');
const out = outFlag >= 0 ? path.resolve(argv[outFlag + 1]!) : path.join(root, '.deploy');
const args = new Set(argv);
const apiOnly = args.has('--api-only');
const build = !args.has('--no-build');

const run = (cmd: string, cmdArgs: string[]) =>
  execFileSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });

interface Manifest {
  name: string;
  version: string;
  type?: string;
  main: string;
  engines?: Record<string, string>;
  dependencies: Record<string, string>;
}
interface Lock {
  packages: Record<string, { version?: string; name?: string }>;
}

/** The production manifest: same entry point, runtime dependencies at their locked versions. */
export function productionManifest(pkg: Manifest, lock: Lock): Manifest {
  const dependencies: Record<string, string> = {};
  for (const name of Object.keys(pkg.dependencies).sort()) {
    const locked = lock.packages[`node_modules/${name}`];
    if (!locked?.version) throw new Error(`${name} is not in package-lock.json: run npm install`);
    // An alias ("xlsx": "npm:@e965/xlsx@…") stays an alias.
    dependencies[name] =
      locked.name && locked.name !== name ? `npm:${locked.name}@${locked.version}` : locked.version;
  }
  const manifest: Manifest = { name: pkg.name, version: pkg.version, main: pkg.main, dependencies };
  if (pkg.type) manifest.type = pkg.type;
  manifest.engines = { node: '>=22' };
  return manifest;
}

function packageApi(): void {
  if (build) {
    rmSync(path.join(root, 'dist'), { recursive: true, force: true });
    run('npx', ['tsc', '-p', 'tsconfig.build.json']);
  }
  const api = path.join(out, 'api');
  rmSync(api, { recursive: true, force: true });
  mkdirSync(api, { recursive: true });
  cpSync(path.join(root, 'dist'), path.join(api, 'dist'), { recursive: true });
  cpSync(path.join(root, 'host.json'), path.join(api, 'host.json'));
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lock;
  writeFileSync(
    path.join(api, 'package.json'),
    `${JSON.stringify(productionManifest(pkg, lock), null, 2)}\n`,
  );
}

function packageWeb(): void {
  if (build) run('npx', ['vite', 'build', '--config', 'web/vite.config.ts']);
  const web = path.join(out, 'web');
  rmSync(web, { recursive: true, force: true });
  if (!existsSync(path.join(root, 'web/dist/index.html')))
    throw new Error('web/dist is empty: build the SPA');
  cpSync(path.join(root, 'web/dist'), path.join(web, 'dist'), { recursive: true });
  cpSync(path.join(root, 'staticwebapp.config.json'), path.join(web, 'dist/staticwebapp.config.json'));
  // azd runs `npm install` in a service folder; nothing to install for static files.
  writeFileSync(
    path.join(web, 'package.json'),
    `${JSON.stringify({ name: 'momentum-meet-web', version: '0.0.0', private: true }, null, 2)}\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  packageApi();
  if (!apiOnly) packageWeb();
  console.log(`Packaged into ${path.relative(root, out)}/ in ${Math.round(performance.now() - started)} ms`);
}
