import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startFakeSlack } from '../fakes/slack-server.js';
import { startFakeTwilio } from '../fakes/twilio-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    /** The Twilio- and Slack-shaped servers the app sends to, and the credentials they accept. */
    twilio: { accountSid: string; authToken: string };
    slackBotToken: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Runs `npm start` exactly as a developer would, on a fresh data directory, until deep health is ok
 * — with SMS and Slack pointed at local Twilio- and Slack-shaped servers (as an operator would set
 * TWILIO_API_URL / SLACK_API_URL), so a journey can connect them with the credentials they accept.
 */
export default async function setup(project: TestProject) {
  const port = Number(process.env.E2E_PORT ?? 4280);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'momentum-e2e-'));
  const [twilio, slack] = await Promise.all([startFakeTwilio(), startFakeSlack()]);
  project.provide('twilio', { accountSid: twilio.accountSid, authToken: twilio.authToken });
  project.provide('slackBotToken', slack.botToken);
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      TWILIO_API_URL: twilio.url,
      SLACK_API_URL: slack.apiUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    try {
      // Deep: the emulators answer, not only the app server.
      const res = await fetch(`${url}/api/health?deep=1`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`npm start did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  project.provide('appUrl', url);

  return async () => {
    // Ctrl-C, as a person would stop it; the whole process group so nothing is left behind.
    process.kill(-child.pid!, 'SIGINT');
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        process.kill(-child.pid!, 'SIGKILL');
        resolve();
      }, 15_000);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    if (process.env.E2E_LOG) console.log(output);
    rmSync(dataDir, { recursive: true, force: true });
    await Promise.all([twilio.close(), slack.close()]);
  };
}
