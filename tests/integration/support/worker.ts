import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const workers: ChildProcess[] = [];

/** A separate worker process: the local Functions host's queue triggers, nothing else. */
export function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'dev/functions-host.ts'], {
    cwd: root,
    env: { ...process.env, QUEUE_LEASE_SECONDS: '2' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  workers.push(child);
  return child;
}

/** Kills every worker a test started (use in afterEach). */
export function stopWorkers(): void {
  for (const w of workers.splice(0)) if (w.exitCode === null) w.kill('SIGKILL');
}

export async function killWorker(worker: ChildProcess): Promise<void> {
  worker.kill('SIGKILL');
  await new Promise((r) => worker.once('exit', r));
}

/** Polls `read` until `done` holds, as the SPA's progress bar does. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
