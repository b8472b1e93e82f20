import { describe, expect, it } from 'vitest';
import { fakeContactStore } from '../../tests/fakes/contact-store.js';
import { fakeTemplateStore } from '../../tests/fakes/template-store.js';
import type { OutgoingEmail, SendResult } from '../_integrations/email/email-provider.js';
import { AppError } from '../_shared/errors.js';
import { type ContactDraft, newContactDoc } from '../contacts/model.js';
import { previewTemplate, sendTestEmail } from './preview.js';
import type { TemplateInput } from './schema.js';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  listVariables,
  type TemplatesDeps,
  updateTemplate,
} from './templates.js';

const ALICE = { userId: 'alice', userDetails: 'alice.cooper@example.com' };
const BOB = { userId: 'bob', userDetails: 'bob@example.com' };

function setup(answer: (email: OutgoingEmail) => SendResult = (e) => ({ id: e.id, status: 'sent' })) {
  const templates = fakeTemplateStore();
  const contacts = fakeContactStore();
  const sent: OutgoingEmail[] = [];
  let clock = Date.parse('2026-12-01T09:00:00Z');
  let ids = 0;
  const deps: TemplatesDeps = {
    store: templates.store,
    contacts: contacts.store,
    now: () => {
      clock += 1000;
      return new Date(clock);
    },
    newId: () => `t${++ids}`,
    senderOf: async () => undefined,
    send: async (email) => {
      sent.push(email);
      return answer(email);
    },
  };
  let n = 0;
  const seed = (ownerId: string, fields: Partial<ContactDraft>) =>
    contacts.put(
      newContactDoc(`c${++n}`, ownerId, '2026-11-01T00:00:00Z', {
        source: 'manual',
        tags: [],
        flags: [],
        ...fields,
      }),
    );
  return { deps, templates, sent, seed };
}

const input = (over: Partial<TemplateInput> = {}): TemplateInput => ({
  name: 'Hello',
  subject: 'Hi {{firstName "there"}}',
  html: '<p>Hello {{firstName "there"}} at {{company}}</p>',
  ...over,
});

const code = (work: Promise<unknown>) =>
  work.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

describe('template use cases', () => {
  it('gives a new user three starters on the first list, once, and not again after they delete them', async () => {
    const { deps } = setup();
    const first = await listTemplates('alice', deps);
    expect(first.map((t) => t.name)).toEqual(['Introduction', 'Follow-up', 'Meeting request']);
    for (const t of first) {
      expect(t.variables).toEqual(expect.arrayContaining(['firstName', 'company', 'senderName']));
      expect(t.html).toContain('{{firstName "there"}}');
    }
    expect(await listTemplates('alice', deps)).toHaveLength(3);
    for (const t of first) await deleteTemplate('alice', t.id, deps);
    expect(await listTemplates('alice', deps)).toEqual([]);
  });

  it('gives no starters to a user who saved a template before ever opening the list', async () => {
    const { deps } = setup();
    await createTemplate('alice', input({ name: 'Mine' }), deps);
    expect((await listTemplates('alice', deps)).map((t) => t.name)).toEqual(['Mine']);
  });

  it('creates, reads, updates and deletes, listing newest first and never another owner', async () => {
    const { deps } = setup();
    await listTemplates('alice', deps);
    const a = await createTemplate('alice', input({ name: 'First', text: '  ' }), deps);
    expect(a).toMatchObject({ name: 'First', text: null, variables: ['firstName', 'company'] });
    const b = await createTemplate('alice', input({ name: 'Second', subject: 'Hi {{senderName}}' }), deps);
    expect((await listTemplates('alice', deps)).slice(0, 2).map((t) => t.name)).toEqual(['Second', 'First']);

    const changed = await updateTemplate(
      'alice',
      a.id,
      input({ name: 'Renamed', html: '<p>{{email}}</p>' }),
      deps,
    );
    expect(changed).toMatchObject({
      name: 'Renamed',
      variables: ['firstName', 'email'],
      createdAt: a.createdAt,
    });
    expect(changed.updatedAt > a.updatedAt).toBe(true);
    expect(await getTemplate('alice', a.id, deps)).toEqual(changed);

    expect(await code(getTemplate('bob', b.id, deps))).toBe('NOT_FOUND');
    expect(await code(updateTemplate('bob', b.id, input(), deps))).toBe('NOT_FOUND');
    expect(await code(deleteTemplate('bob', b.id, deps))).toBe('NOT_FOUND');
    expect(await getTemplate('alice', b.id, deps)).toEqual(b);
    expect(JSON.stringify(await getTemplate('alice', b.id, deps))).not.toMatch(/ownerId|_etag/);

    await deleteTemplate('alice', b.id, deps);
    expect(await code(getTemplate('alice', b.id, deps))).toBe('NOT_FOUND');
  });

  it('refuses to save a broken template and stores nothing of it', async () => {
    const { deps, templates } = setup();
    const err = await createTemplate('alice', input({ html: '<p>\n{{compnay}}</p>' }), deps).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.details).toEqual([
      { path: 'html', message: expect.stringMatching(/^line 2, column 1: \{\{compnay\}\}.*\{\{company\}\}/) },
    ]);
    expect(templates.docs.size).toBe(0);
    const saved = await createTemplate('alice', input(), deps);
    expect(await code(updateTemplate('alice', saved.id, input({ subject: '{{{firstName}}}' }), deps))).toBe(
      'VALIDATION',
    );
    expect((await getTemplate('alice', saved.id, deps)).subject).toBe(input().subject);
  });

  it('lists the variables the editor offers', () => {
    expect(listVariables().map((v) => v.name)).toEqual([
      'firstName',
      'lastName',
      'fullName',
      'email',
      'company',
      'title',
      'city',
      'country',
      'location',
      'senderName',
      'senderEmail',
      'senderSignature',
    ]);
    expect(listVariables().find((v) => v.name === 'unsubscribeLink')).toBeUndefined();
  });
});

describe('previewing a template', () => {
  it("renders a saved template for a chosen contact as the signed-in user, and counts the audience's gaps", async () => {
    const { deps, seed } = setup();
    const t = await createTemplate('alice', input(), deps);
    const ada = seed('alice', { firstName: 'Ada', company: 'Analytical Engines', tags: ['vip'] });
    seed('alice', { firstName: 'Grace', tags: ['vip'] });
    seed('alice', { email: 'nobody@example.com', tags: ['vip'] });
    seed('bob', { firstName: 'Not Alice’s', tags: ['vip'] });

    const byFilter = await previewTemplate(
      ALICE,
      { templateId: t.id, contactId: ada.id, audience: { filter: { tag: 'vip' } } },
      deps,
    );
    expect(byFilter).toMatchObject({
      subject: 'Hi Ada',
      html: '<p>Hello Ada at Analytical Engines</p>',
      text: 'Hello Ada at Analytical Engines',
      missing: { firstName: 1, company: 2 },
      audienceSize: 3,
    });
    const byIds = await previewTemplate(
      ALICE,
      { templateId: t.id, audience: { ids: [ada.id, ada.id, 'c4'] } },
      deps,
    );
    expect(byIds).toMatchObject({ missing: { firstName: 0, company: 0 }, audienceSize: 1 });
  });

  it('renders a draft for the sample contact, signed with the sign-in name until a sender exists', async () => {
    const { deps } = setup();
    const out = await previewTemplate(
      ALICE,
      {
        draft: input({
          html: '<p>{{fullName}}</p><p>{{senderName}} · {{senderEmail}}</p>{{senderSignature}}',
        }),
      },
      deps,
    );
    expect(out.html).toBe('<p>Jordan Lee</p><p>Alice Cooper · alice.cooper@example.com</p>');
    expect(out).toMatchObject({
      missing: { firstName: 0, fullName: 0, senderName: 0, senderEmail: 0, senderSignature: 1 },
      audienceSize: 1,
    });
  });

  it("uses the saved sender's details when there is one", async () => {
    const { deps } = setup();
    deps.senderOf = async () => ({ name: 'Sam Rivera', email: 'sam@acme.io', signature: '<p>Sam, Acme</p>' });
    const out = await previewTemplate(
      ALICE,
      { draft: input({ html: '{{senderName}}{{senderSignature}}' }) },
      deps,
    );
    expect(out.html).toBe('Sam Rivera<p>Sam, Acme</p>');
  });

  it("answers 404 for another owner's template or contact, and 400 for a broken draft or nothing to preview", async () => {
    const { deps, seed } = setup();
    const t = await createTemplate('alice', input(), deps);
    const theirs = seed('alice', { firstName: 'Ada' });
    expect(await code(previewTemplate(BOB, { templateId: t.id }, deps))).toBe('NOT_FOUND');
    expect(await code(previewTemplate(BOB, { draft: input(), contactId: theirs.id }, deps))).toBe(
      'NOT_FOUND',
    );
    expect(await code(previewTemplate(ALICE, { draft: input({ html: '{{nope}}' }) }, deps))).toBe(
      'VALIDATION',
    );
    expect(await code(previewTemplate(ALICE, {}, deps))).toBe('VALIDATION');
  });
});

describe('sending a test email', () => {
  it("sends the rendered template to the user's own address, marked as a test", async () => {
    const { deps, sent, seed } = setup();
    const t = await createTemplate('alice', input(), deps);
    const ada = seed('alice', { firstName: 'Ada', company: 'Engines' });
    expect(await sendTestEmail(ALICE, t.id, { contactId: ada.id }, deps)).toEqual({
      sentTo: ALICE.userDetails,
      status: 'sent',
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      ownerId: 'alice',
      to: { email: 'alice.cooper@example.com' },
      from: { email: 'alice.cooper@example.com', name: 'Alice Cooper' },
      subject: '[Test] Hi Ada',
      html: '<p>Hello Ada at Engines</p>',
      text: 'Hello Ada at Engines',
    });
  });

  it('answers 503 when the email service says retry and 422 when it refuses, naming the reason', async () => {
    const busy = setup((e) => ({ id: e.id, status: 'retry', reason: 'rate limited', retryAfterSeconds: 30 }));
    const t = await createTemplate('alice', input(), busy.deps);
    const err = await sendTestEmail(ALICE, t.id, {}, busy.deps).catch((e) => e);
    expect([err.status, err.message]).toEqual([
      503,
      'The email service is busy (rate limited) — try again in 30 seconds.',
    ]);

    const refused = setup((e) => ({ id: e.id, status: 'rejected', reason: 'sender not verified' }));
    const t2 = await createTemplate('alice', input(), refused.deps);
    const err2 = await sendTestEmail(ALICE, t2.id, {}, refused.deps).catch((e) => e);
    expect([err2.status, err2.message]).toEqual([
      422,
      'The email service refused the test email: sender not verified',
    ]);
  });

  it("sends nothing for another owner's template, or when the sign-in has no email", async () => {
    const { deps, sent } = setup();
    const t = await createTemplate('alice', input(), deps);
    expect(await code(sendTestEmail(BOB, t.id, {}, deps))).toBe('NOT_FOUND');
    expect(await code(sendTestEmail({ userId: 'alice', userDetails: 'alice-gh' }, t.id, {}, deps))).toBe(
      'UNPROCESSABLE',
    );
    expect(sent).toEqual([]);
  });
});
