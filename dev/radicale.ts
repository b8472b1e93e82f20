import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from './ports.js';

export interface RunningRadicale {
  /** The server's root, e.g. `http://127.0.0.1:5232/`. */
  url: string;
  username: string;
  password: string;
  stop(): Promise<void>;
}

/**
 * Starts Radicale (Debian's `radicale` package, a CalDAV server) on a free loopback port with a
 * throwaway storage folder and one throwaway user, for the CalDAV provider's tests. The user's
 * password is random and kept in plain text in a temporary htpasswd file, removed on stop.
 */
export async function startRadicale(options: { username?: string } = {}): Promise<RunningRadicale> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'momentum-radicale-'));
  const username = options.username ?? 'organizer';
  const password = randomBytes(12).toString('base64url');
  const htpasswd = path.join(dir, 'users');
  writeFileSync(htpasswd, `${username}:${password}\n`, { mode: 0o600 });
  const args = [
    // An empty list: no system or user configuration file is read, only these flags.
    '--config',
    '',
    '--server-hosts',
    `127.0.0.1:${port}`,
    '--auth-type',
    'htpasswd',
    '--auth-htpasswd-filename',
    htpasswd,
    '--auth-htpasswd-encryption',
    'plain',
    // A wrong password is answered at once (the default waits a second to slow guessing).
    '--auth-delay',
    '0',
    '--rights-type',
    'owner_only',
    '--storage-filesystem-folder',
    path.join(dir, 'collections'),
    '--logging-level',
    'warning',
  ];
  let child: ChildProcess;
  try {
    child = spawn('radicale', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`Radicale could not start (${error.message}) — install it: apt-get install radicale`)),
    );
    child.once('exit', (code) => reject(new Error(`Radicale exited (${code}): ${stderr.trim()}`)));
  });
  exited.catch(() => {});
  try {
    await Promise.race([waitForPort(port, 20_000), exited]);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    url: `http://127.0.0.1:${port}/`,
    username,
    password,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
