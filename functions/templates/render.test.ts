import { describe, expect, it } from 'vitest';
import { AppError } from '../_shared/errors.js';
import { compileTemplate } from './render.js';
import { createVariableRegistry, type RenderContext, variables } from './variables.js';

const sender = { name: 'Sam Rivera', email: 'sam@example.com', signature: '<p>Sam <b>Rivera</b></p>' };
const ctx = (contact: RenderContext['contact'] = {}): RenderContext => ({ contact, sender, extras: {} });
const render = (t: { subject?: string; html: string; text?: string | null }, c?: RenderContext['contact']) =>
  compileTemplate({ subject: 'Hello', ...t }).render(ctx(c));

function refusal(t: { subject?: string; html: string; text?: string }) {
  try {
    compileTemplate({ subject: 'Hello', ...t });
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') return err;
    throw err;
  }
  throw new Error('the template was accepted');
}

describe('rendering a template for one recipient', () => {
  it('escapes what contacts hold, so a contact named <script> shows as text', async () => {
    const out = await render(
      { html: '<p>Hi {{firstName}} at {{company}}</p>' },
      {
        firstName: '<script>alert(1)</script>',
        company: 'Smith & "Sons"',
      },
    );
    expect(out.html).toBe('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; at Smith &amp; &quot;Sons&quot;</p>');
    expect(out.html).not.toContain('<script>');
  });

  it('uses the fallback when the contact has no value, and blank with none — both count as missing', async () => {
    const out = await render({ html: '<p>Hi {{firstName "there"}}, how is {{company}}?</p>' }, {});
    expect(out.html).toBe('<p>Hi there, how is ?</p>');
    expect(out.missing).toEqual(['firstName', 'company']);
    const known = await render({ html: '<p>Hi {{firstName "there"}}</p>' }, { firstName: 'Ada' });
    expect(known.html).toBe('<p>Hi Ada</p>');
    expect(known.missing).toEqual([]);
  });

  it('treats a value of only spaces as missing', async () => {
    const out = await render({ html: 'Hi {{firstName "there"}}' }, { firstName: '   ' });
    expect(out.html).toBe('Hi there');
  });

  it('puts the subject on one line as plain text (no HTML entities, no header injection)', async () => {
    const out = await render(
      { subject: 'Hi {{firstName}}\r\nBcc: everyone@example.com', html: '<p>x</p>' },
      { firstName: 'Zoë & <Co>\nX-Extra: 1' },
    );
    expect(out.subject).toBe('Hi Zoë & <Co> X-Extra: 1 Bcc: everyone@example.com');
    expect(out.subject).not.toMatch(/[\r\n]/);
  });

  it('derives the plain text from the HTML with links as "text [url]", leaving links as written', async () => {
    const html = '<p>Hi {{firstName}},</p><p><a href="https://example.com/book?a=1&b=2">Pick a time</a></p>';
    const out = await render({ html }, { firstName: 'Ada' });
    expect(out.html).toContain('<a href="https://example.com/book?a=1&b=2">Pick a time</a>');
    expect(out.text).toBe('Hi Ada,\n\nPick a time [https://example.com/book?a=1&b=2]');
  });

  it('keeps hand-written text, unescaped because it is plain text', async () => {
    const out = await render({ html: '<p>{{company}}</p>', text: 'Hello {{company}}!' }, { company: 'A&B' });
    expect(out.text).toBe('Hello A&B!');
    expect(out.html).toBe('<p>A&amp;B</p>');
  });

  it("inserts the sender's signature as written in the HTML and as text in the text part", async () => {
    const out = await render({
      html: '<p>Thanks</p>{{senderSignature}}',
      text: 'Thanks\n{{senderSignature}}',
    });
    expect(out.html).toBe('<p>Thanks</p><p>Sam <b>Rivera</b></p>');
    expect(out.text).toBe('Thanks\nSam Rivera');
  });

  it('blocks prototype tricks: they are refused at save, and never reach an object at render', async () => {
    for (const html of [
      '{{constructor}}',
      '{{__proto__}}',
      '{{firstName.constructor}}',
      '{{lookup this "constructor"}}',
    ]) {
      expect(refusal({ html }).details?.[0]?.path, html).toBe('html');
    }
    // Only a contact's own text fills a variable: nothing inherited, no objects.
    const contact = Object.assign(Object.create({ firstName: 'inherited' }), {
      company: { toString: () => 'object' },
    });
    const out = await render({ html: '{{firstName "x"}} {{company "y"}}' }, contact);
    expect(out.html).toBe('x y');
  });
});

describe('checking a template when it is saved', () => {
  it('refuses an unknown variable naming part, line and column, and suggests the right one', () => {
    const err = refusal({ html: '<p>Hello,</p>\n<p>Dear {{frstName}}</p>' });
    expect(err.details).toEqual([
      {
        path: 'html',
        message: 'line 2, column 9: {{frstName}} is not a variable you can use — did you mean {{firstName}}?',
      },
    ]);
    expect(err.message).toContain('html line 2, column 9');
  });

  it('refuses triple braces, partials and blocks, each where it is', () => {
    const err = refusal({ subject: '{{{firstName}}}', html: 'a {{> footer}}\n{{#if company}}x{{/if}}' });
    expect(err.details?.map((d) => [d.path, d.message.split(':')[0]])).toEqual([
      ['subject', 'line 1, column 1'],
      ['html', 'line 1, column 3'],
      ['html', 'line 2, column 1'],
    ]);
    expect(err.details?.[0]?.message).toMatch(/triple braces/);
    expect(err.details?.[1]?.message).toMatch(/partials/);
  });

  it('refuses a template that does not parse, with the line and column of the stray brace', () => {
    const err = refusal({ html: '<p>Hi</p>\n\n<p>{{company}</p>' });
    expect(err.details).toHaveLength(1);
    expect(err.details?.[0]).toMatchObject({ path: 'html' });
    expect(err.details?.[0]?.message).toMatch(/^line 3, column 1\d: the braces do not match up/);
  });

  it('refuses a fallback that is not quoted text', () => {
    expect(refusal({ html: '{{firstName 42}}' }).details?.[0]?.message).toMatch(/must be text in quotes/);
    expect(refusal({ html: '{{firstName "a" "b"}}' }).details?.[0]?.message).toMatch(/at most one fallback/);
  });

  it('lists the variables used, in order of first use across subject, HTML and text', () => {
    const t = compileTemplate({
      subject: '{{company}} and you',
      html: '{{firstName}} {{company}} {{senderName}}',
      text: '{{email}}',
    });
    expect(t.variables).toEqual(['company', 'firstName', 'senderName', 'email']);
  });
});

describe('the variables registry', () => {
  it('takes a new variable with one register call, computed per recipient and possibly async', async () => {
    const registry = createVariableRegistry(variables.list());
    registry.register({
      name: 'bookingLink',
      label: 'Booking link',
      description: 'A link to book a time with you.',
      example: 'https://example.com/book/abc',
      resolve: async ({ contact, extras }) =>
        `https://example.com/book/${extras.page}?c=${contact.firstName}`,
    });
    const t = compileTemplate(
      { subject: 'Hi', html: '<a href="{{bookingLink}}">Book</a> {{firstName}}' },
      registry,
    );
    const out = await t.render({ contact: { firstName: 'Ada' }, sender, extras: { page: 'intro' } });
    expect(out.html).toBe('<a href="https://example.com/book/intro?c&#x3D;Ada">Book</a> Ada');
    // The shared registry is untouched: the variable exists only where it was registered.
    expect(() => compileTemplate({ subject: 'Hi', html: '{{bookingLink}}' })).toThrow(AppError);
  });

  it('refuses names Handlebars or objects already use, and a name taken twice', () => {
    const registry = createVariableRegistry();
    const def = { label: 'x', description: 'x', example: 'x', resolve: () => 'x' };
    expect(() => registry.register({ ...def, name: 'constructor' })).toThrow(/cannot be a template variable/);
    expect(() => registry.register({ ...def, name: 'if' })).toThrow(/cannot be a template variable/);
    expect(() => registry.register({ ...def, name: 'first-name' })).toThrow(/cannot be a template variable/);
    registry.register({ ...def, name: 'meetingLength' });
    expect(() => registry.register({ ...def, name: 'meetingLength' })).toThrow(/registered twice/);
  });
});
