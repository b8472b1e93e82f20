import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { ownerOf, seedContacts } from './support/seed.js';

/** Templates through HTTP, as the SPA uses them, against the emulators. */
let app: TestApp;
let alice: Session;
let bob: Session;

beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
  alice = await app.signIn('alice.cooper@example.com', 'Alice');
  bob = await app.signIn('templates-bob@example.com', 'Bob');
});
afterAll(() => app.close());

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const template = {
  name: 'Intro',
  subject: 'Hi {{firstName "there"}}',
  html: '<p>Hello {{firstName "there"}} at {{company}}.</p><p><a href="https://example.com/meet">Pick a time</a></p>',
};

describe('templates over HTTP', () => {
  it('greets a first visit with three starters, then keeps what the user saves, edits and deletes', async () => {
    const first = await alice.fetch('/api/templates');
    expect(first.status).toBe(200);
    const starters = (await first.json()).items;
    expect(starters.map((t: { name: string }) => t.name)).toEqual([
      'Introduction',
      'Follow-up',
      'Meeting request',
    ]);

    const created = await alice.fetch('/api/templates', json('POST', template));
    expect(created.status).toBe(201);
    const saved = await created.json();
    expect(saved).toMatchObject({ ...template, text: null, variables: ['firstName', 'company'] });
    expect(saved).not.toHaveProperty('ownerId');

    const list = (await (await alice.fetch('/api/templates')).json()).items;
    expect(list.map((t: { name: string }) => t.name)).toEqual([
      'Intro',
      'Introduction',
      'Follow-up',
      'Meeting request',
    ]);

    const put = await alice.fetch(
      `/api/templates/${saved.id}`,
      json('PUT', { ...template, name: 'Intro v2' }),
    );
    expect(put.status).toBe(200);
    expect((await (await alice.fetch(`/api/templates/${saved.id}`)).json()).name).toBe('Intro v2');

    for (const t of [saved, ...starters]) {
      expect((await alice.fetch(`/api/templates/${t.id}`, { method: 'DELETE' })).status).toBe(204);
    }
    expect((await alice.fetch(`/api/templates/${saved.id}`)).status).toBe(404);
    // Starters are given once: an emptied list stays empty.
    expect((await (await alice.fetch('/api/templates')).json()).items).toEqual([]);
    // Bob's first visit is his own.
    expect((await (await bob.fetch('/api/templates')).json()).items).toHaveLength(3);
  });

  it('refuses a template with an unknown variable with 400 naming the part, line and column', async () => {
    const res = await alice.fetch(
      '/api/templates',
      json('POST', { ...template, html: '<p>Hello</p>\n<p>{{firstname}} and {{{company}}}</p>' }),
    );
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toEqual([
      {
        path: 'html',
        message:
          'line 2, column 4: {{firstname}} is not a variable you can use — did you mean {{firstName}}?',
      },
      { path: 'html', message: expect.stringMatching(/^line 2, column 22: triple braces/) },
    ]);
  });

  it('lists the variables the editor can insert', async () => {
    const { items } = await (await alice.fetch('/api/templates/variables')).json();
    expect(items).toContainEqual(
      expect.objectContaining({ name: 'firstName', label: 'First name', example: 'Jordan' }),
    );
    expect(items.map((v: { name: string }) => v.name)).toContain('senderSignature');
  });

  it('previews for a stored contact, escaping their fields, and counts who lacks each variable', async () => {
    const owner = await ownerOf(alice);
    const [ada, noCompany] = await seedContacts(owner, [
      {
        firstName: '<b>Ada</b>',
        company: 'Engines & Co',
        email: 'ada@example.com',
        tags: ['q4'],
        tagKeys: ['q4'],
      },
      { firstName: 'Grace', email: 'grace@example.com', tags: ['q4'], tagKeys: ['q4'] },
      { email: 'anon@example.com', tags: ['q4'], tagKeys: ['q4'] },
    ]);
    const saved = await (await alice.fetch('/api/templates', json('POST', template))).json();

    const res = await alice.fetch(
      '/api/templates/preview',
      json('POST', { templateId: saved.id, contactId: ada!.id, audience: { filter: { tag: 'q4' } } }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      subject: 'Hi <b>Ada</b>',
      html: '<p>Hello &lt;b&gt;Ada&lt;/b&gt; at Engines &amp; Co.</p><p><a href="https://example.com/meet">Pick a time</a></p>',
      text: 'Hello <b>Ada</b> at Engines & Co.\n\nPick a time [https://example.com/meet]',
      missing: { firstName: 1, company: 2 },
      audienceSize: 3,
    });

    const byIds = await alice.fetch(
      '/api/templates/preview',
      json('POST', {
        draft: { ...template, html: '{{senderName}}: {{company "your team"}}' },
        audience: { ids: [noCompany!.id] },
      }),
    );
    expect(await byIds.json()).toMatchObject({
      html: 'Alice Cooper: Northwind Traders',
      missing: { senderName: 0, company: 1 },
      audienceSize: 1,
    });

    // Bob sees none of it: not Alice's template, not her contact, and her contacts count for nothing.
    expect((await bob.fetch('/api/templates/preview', json('POST', { templateId: saved.id }))).status).toBe(
      404,
    );
    expect(
      (await bob.fetch('/api/templates/preview', json('POST', { draft: template, contactId: ada!.id })))
        .status,
    ).toBe(404);
    const bobs = await (
      await bob.fetch(
        '/api/templates/preview',
        json('POST', { draft: template, audience: { filter: { tag: 'q4' } } }),
      )
    ).json();
    expect(bobs.audienceSize).toBe(0);
  });
});
