import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PreviewRequest, TemplateInput } from '../../../../functions/templates/schema';
import {
  apiError,
  contact,
  contactPage,
  json,
  preview,
  stubFetch,
  template,
  VARIABLES,
} from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const firstTouch = template({ id: 'tpl-1' });
const ada = contact({ id: 'c-ada', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });

/** The API's templates side: a draft with an unclosed block does not compile. */
function templatesApi() {
  let stored = firstTouch;
  return stubFetch(({ method, path, body }) => {
    if (path === '/api/templates/variables') return json({ items: VARIABLES });
    if (path === '/api/templates/preview') {
      const draft = (body as PreviewRequest).draft;
      if (draft?.html.includes('{{#if')) {
        return apiError(400, 'VALIDATION', 'The template does not compile.', [
          { path: 'html', message: 'Line 3, column 5: {{#if}} is never closed' },
        ]);
      }
      const contactId = (body as PreviewRequest).contactId;
      return json(
        preview({
          subject: contactId ? 'Quick question, Ada' : 'Quick question, there',
          html: contactId ? '<p>Hi Ada,</p>' : '<p>Hi there,</p>',
          missing: { firstName: 0, company: 12 },
          audienceSize: 340,
        }),
      );
    }
    if (path === '/api/templates/tpl-1/test') return json({ sentTo: 'ada@momentum.test', status: 'stored' });
    if (path === '/api/templates/tpl-1' && method === 'PUT') {
      stored = { ...stored, ...(body as TemplateInput), updatedAt: '2026-03-09T09:00:00.000Z' };
      return json(stored);
    }
    if (path === '/api/templates/tpl-1') return json(stored);
    if (path === '/api/contacts') return contactPage([ada]);
    return apiError(404, 'NOT_FOUND', 'Not found.');
  });
}

const frame = () => screen.getByTitle('Email preview') as HTMLIFrameElement;

describe('template editor', () => {
  it('previews the draft in a sandboxed frame for a chosen contact, with the missing-variable counts', async () => {
    const calls = templatesApi();
    const { user } = renderApp('/templates/tpl-1');
    expect(await screen.findByRole('heading', { name: 'First touch', level: 1 })).toBeTruthy();

    await waitFor(() => expect(frame().getAttribute('srcdoc')).toContain('Hi there,'));
    // No scripts and no access to the app: the sandbox allows only links opening a new tab.
    expect(frame().getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    expect(frame().getAttribute('sandbox')).not.toContain('allow-scripts');
    expect(frame().getAttribute('sandbox')).not.toContain('allow-same-origin');
    expect(screen.getByTestId('missing-variables').textContent).toContain(
      '12 of 340 contacts have no company — they get the fallback or nothing',
    );

    await user.click(screen.getByRole('button', { name: 'Preview as a contact' }));
    await user.type(screen.getByLabelText('Preview as'), 'Ada');
    await user.click(await screen.findByRole('button', { name: 'Ada Lovelace' }));
    await waitFor(() =>
      expect(screen.getByTestId('preview-subject').textContent).toBe('Quick question, Ada'),
    );
    expect(screen.getByText(/Previewing as/).textContent).toContain('Ada Lovelace');
    const last = calls.filter((c) => c.path === '/api/templates/preview').at(-1)?.body as PreviewRequest;
    expect(last.contactId).toBe('c-ada');
    expect(last.draft?.subject).toBe(firstTouch.subject);
    expect(calls.some((c) => c.path === '/api/contacts' && c.params.get('limit') === '10')).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Plain text' }));
    expect(screen.getByTestId('preview-text').textContent).toContain('How is Analytical Engines doing?');
  });

  it('inserts a variable at the cursor, and the preview follows the draft', async () => {
    const calls = templatesApi();
    const { user } = renderApp('/templates/tpl-1');
    const subject = (await screen.findByLabelText('Subject')) as HTMLInputElement;
    await screen.findByRole('button', { name: 'Insert Company' });

    await user.click(subject);
    subject.setSelectionRange(0, 0);
    await user.click(screen.getByRole('button', { name: 'Insert Company' }));
    expect(subject.value).toBe(`{{company}}${firstTouch.subject}`);
    expect(document.activeElement).toBe(subject);
    expect(subject.selectionStart).toBe('{{company}}'.length);

    await waitFor(() =>
      expect(
        calls.some(
          (c) =>
            c.path === '/api/templates/preview' &&
            (c.body as PreviewRequest).draft?.subject === `{{company}}${firstTouch.subject}`,
        ),
      ).toBe(true),
    );
  });

  it('shows a compile error beside the field with its line and column', async () => {
    templatesApi();
    const { user } = renderApp('/templates/tpl-1');
    const html = (await screen.findByLabelText('HTML body')) as HTMLTextAreaElement;
    await user.click(html);
    await user.paste('\n<p>{{#if company}}');

    const error = await screen.findByText('Line 3, column 5: {{#if}} is never closed');
    expect(error.id).toBe('template-html-error');
    expect(html.getAttribute('aria-invalid')).toBe('true');
    expect(html.getAttribute('aria-describedby')).toBe('template-html-error');
    expect(screen.getByText(/does not compile yet/)).toBeTruthy();
  });

  it('“Send me a test” saves the changes first and says where the test went', async () => {
    const calls = templatesApi();
    const { user } = renderApp('/templates/tpl-1');
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'First touch v2');
    await user.click(screen.getByRole('button', { name: 'Send me a test' }));

    const status = await screen.findByText(/Test sent to/);
    expect(status.textContent).toContain('ada@momentum.test');
    expect(within(status).getByRole('link', { name: 'Open the outbox' }).getAttribute('href')).toBe(
      '/outbox',
    );
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.body).toMatchObject({ name: 'First touch v2' });
    const order = calls.map((c) => `${c.method} ${c.path}`).filter((c) => c.startsWith('P'));
    expect(order.indexOf('PUT /api/templates/tpl-1')).toBeLessThan(
      order.indexOf('POST /api/templates/tpl-1/test'),
    );
  });
});
