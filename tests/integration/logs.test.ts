import { QueueClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContext } from '../../dev/host.js';
import { listRegistrations } from '../../functions/_shared/registry.js';
import { importJobsQueue } from '../../functions/import/queue.js';
import type { ImportDto } from '../../functions/import/schema.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { peopleCsv, uploadForm } from './support/files.js';

/**
 * Runs a user's ordinary session — sign-in, an import, the contacts list, a search, an edit, a
 * delete, a failed job — and reads every log line it produced: none may carry a seeded email, a
 * name, the session token or a queue message body.
 */
let app: TestApp;
let alice: Session;
const seeded = [
  {
    first: 'Ada',
    last: 'Lovelace',
    email: 'ada.lovelace@analytical.example',
    company: 'Engines',
    title: 'CTO',
  },
  { first: 'Grace', last: 'Hopper', email: 'grace.hopper@cobol.example', company: 'Navy', title: 'Admiral' },
];

beforeAll(async () => {
  useEmulators({ LOG_FORMAT: 'json' });
  app = await startTestApp();
  alice = await app.signIn('alice.owner@private.example', 'Alice Owner');
});
afterAll(() => app.close());

describe('logs of a user session', () => {
  it('carry no email, name, session token or message body', async () => {
    const upload = await alice.fetch('/api/imports', {
      method: 'POST',
      body: uploadForm('people.csv', peopleCsv(seeded)),
    });
    expect(upload.status).toBe(201);
    const preview: ImportDto = await upload.json();
    const commit = await alice.fetch(`/api/imports/${preview.id}/commit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mapping: preview.mapping }),
    });
    expect(commit.status).toBe(200);
    const page = await (await alice.fetch('/api/contacts?q=ada')).json();
    const ada = page.items[0];
    expect(ada.email).toBe(seeded[0]!.email);
    expect(
      (
        await alice.fetch(`/api/contacts/${ada.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ company: 'Analytical Engines' }),
        })
      ).status,
    ).toBe(200);
    expect((await alice.fetch(`/api/contacts/${ada.id}`, { method: 'DELETE' })).status).toBe(204);
    // A bad request and a failed background job (its message names a contact).
    expect((await alice.fetch('/api/contacts?limit=banana')).status).toBe(400);
    const poison = new QueueClient(process.env.AzureWebJobsStorage!, `${importJobsQueue.name}-poison`);
    await poison.createIfNotExists();
    await poison.sendMessage(Buffer.from(JSON.stringify({ email: seeded[1]!.email })).toString('base64'));
    const watch = listRegistrations().find((r) => r.name === 'queue-watch');
    if (watch?.kind !== 'timer') throw new Error('queue-watch is not registered');
    const logs: string[] = [...app.logs];
    const ctx = makeContext('queue-watch', { trigger: { type: 'timerTrigger', name: 'timer' } }, (l) =>
      logs.push(l),
    );
    await watch.options.handler({ isPastDue: false } as never, ctx);

    // Azurite is shared by the test files: other queues may hold poison messages of their own.
    const poisonLine = logs.find((l) => l.includes('queue.poison') && l.includes('"queue":"import-jobs"'));
    expect(poisonLine, logs.join('\n')).toBeDefined();
    const entry = JSON.parse(poisonLine!.slice(poisonLine!.indexOf('{')));
    expect(entry).toMatchObject({ level: 'warn', event: 'queue.poison', queue: 'import-jobs' });
    expect(entry.poison).toBeGreaterThan(0);

    // The session was logged (one line per request), so the check below reads real output.
    expect(logs.filter((l) => l.startsWith('Executed ')).length).toBeGreaterThanOrEqual(6);
    const text = logs.join('\n');
    const token = alice.cookie.split('=')[1]!;
    const forbidden = [
      ...seeded.flatMap((p) => [p.email, p.last]),
      'alice.owner@private.example',
      'Alice Owner',
      token,
      token.split('.')[0]!,
    ];
    for (const value of forbidden) expect(text, `logs contain ${value}`).not.toContain(value);
  });
});
