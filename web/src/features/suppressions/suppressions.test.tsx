import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SuppressionDto } from '../../../../functions/suppressions/schema';
import { apiError, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

describe('suppressions', () => {
  it('adds an address with a reason and removes one after confirming', async () => {
    let items: SuppressionDto[] = [
      {
        email: 'milo@example.com',
        reason: 'unsubscribed',
        source: 'unsubscribe link',
        createdAt: '2026-03-01T09:00:00.000Z',
      },
    ];
    const calls = stubFetch(({ method, path, body }) => {
      if (method === 'POST') {
        const { email, reason } = body as { email: string; reason: SuppressionDto['reason'] };
        if (!email.includes('@'))
          return apiError(400, 'VALIDATION', 'Some fields need fixing.', [
            { path: 'email', message: 'Enter an email address.' },
          ]);
        items = [{ email, reason, source: 'added by hand', createdAt: '2026-03-02T09:00:00.000Z' }, ...items];
        return json(items[0], 201);
      }
      if (method === 'DELETE') {
        items = items.filter((s) => `/api/suppressions/${encodeURIComponent(s.email)}` !== path);
        return new Response(null, { status: 204 });
      }
      return json({ items, continuationToken: null });
    });
    const { user } = renderApp('/campaigns/suppressions');
    const table = await screen.findByRole('table', { name: 'Suppressed addresses' });
    expect(within(table).getByText('Unsubscribed')).toBeTruthy();
    expect(within(table).getByText('unsubscribe link')).toBeTruthy();

    const email = screen.getByLabelText('Email address');
    await user.type(email, 'grace');
    await user.click(screen.getByRole('button', { name: 'Add to suppressions' }));
    expect(await screen.findByText('Enter an email address.')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');

    await user.type(email, '+ops@example.com');
    await user.selectOptions(screen.getByLabelText('Reason'), 'complained');
    await user.click(screen.getByRole('button', { name: 'Add to suppressions' }));
    expect(await within(table).findByText('grace+ops@example.com')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').at(-1)?.body).toEqual({
      email: 'grace+ops@example.com',
      reason: 'complained',
    });
    expect((email as HTMLInputElement).value).toBe('');

    await user.click(screen.getByRole('button', { name: 'Remove grace+ops@example.com' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove grace+ops@example.com?' });
    expect(dialog.textContent).toContain('marked an email as spam');
    await user.click(within(dialog).getByRole('button', { name: 'Remove suppression' }));
    await waitFor(() => expect(screen.queryByText('grace+ops@example.com')).toBeNull());
    expect(calls.find((c) => c.method === 'DELETE')?.path).toBe(
      '/api/suppressions/grace%2Bops%40example.com',
    );
  });

  it('is reachable from Campaigns, as are Senders', async () => {
    stubFetch(() => json({ items: [] }));
    const { user, router } = renderApp('/campaigns');
    await user.click(await screen.findByRole('link', { name: 'Suppressions' }));
    expect(router.state.location.pathname).toBe('/campaigns/suppressions');
    expect(screen.getByRole('link', { name: 'Campaigns' }).getAttribute('aria-current')).toBe('page');
    await user.click(screen.getByRole('link', { name: '← Campaigns' }));
    await user.click(await screen.findByRole('link', { name: 'Senders' }));
    expect(await screen.findByRole('heading', { name: 'Senders', level: 1 })).toBeTruthy();
  });
});
