import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { freePort, waitForPort } from './ports.js';

/** Azurite's published development account (the same on every machine; not a secret). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  connectionString: string;
  blobPort: number;
  queuePort: number;
  stop(): Promise<void>;
}

/**
 * Starts Azurite (blobs + queues) as a child process on free loopback ports. `location` keeps
 * its data on disk; without it, data is in memory.
 */
export async function startAzurite(
  options: { location?: string; quiet?: boolean } = {},
): Promise<RunningAzurite> {
  const [blobPort, queuePort, tablePort] = [await freePort(), await freePort(), await freePort()];
  const entry = createRequire(import.meta.url).resolve('azurite/dist/src/azurite.js');
  const args = [
    // With an IPC channel open, Azurite ends when its parent does — even one killed with SIGKILL.
    '--import',
    'data:text/javascript,process.on("disconnect",()=>process.exit(0))',
    entry,
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    String(blobPort),
    '--queueHost',
    '127.0.0.1',
    '--queuePort',
    String(queuePort),
    '--tableHost',
    '127.0.0.1',
    '--tablePort',
    String(tablePort),
    // The SDKs send a newer service version than Azurite knows; the calls we make work.
    '--skipApiVersionCheck',
    '--disableProductStyleUrl',
  ];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  if (options.quiet !== false) args.push('--silent');
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += String(d);
  });
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`Azurite exited (${code}): ${stderr.trim()}`))),
  );
  exited.catch(() => {});
  await Promise.race([Promise.all([waitForPort(blobPort, 20_000), waitForPort(queuePort, 20_000)]), exited]);

  const connectionString = [
    'DefaultEndpointsProtocol=http',
    `AccountName=${ACCOUNT}`,
    `AccountKey=${ACCOUNT_KEY}`,
    `BlobEndpoint=http://127.0.0.1:${blobPort}/${ACCOUNT}`,
    `QueueEndpoint=http://127.0.0.1:${queuePort}/${ACCOUNT}`,
  ].join(';');

  return {
    connectionString,
    blobPort,
    queuePort,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        // On SIGINT Azurite closes its servers and saves its metadata, says so on stdout, but
        // then lingers: end it once both services we use report closed (or after 10 s).
        const closed = () =>
          /Blob service successfully closed/.test(stdout) && /Queue service successfully closed/.test(stdout);
        child.stdout?.on('data', () => {
          if (closed()) child.kill('SIGKILL');
        });
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
