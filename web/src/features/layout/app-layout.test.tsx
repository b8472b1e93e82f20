import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ADA_PRINCIPAL, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

describe('app shell', () => {
  it('shows the signed-in person by name, with their email beside it', async () => {
    stubFetch(() => json({ items: [], continuationToken: null, total: 0 }), {
      me: { ...ADA_PRINCIPAL, claims: [{ typ: 'name', val: 'Ada Lovelace' }] },
    });
    renderApp('/contacts');
    const banner = await screen.findByRole('banner');
    expect(await screen.findByText('Ada Lovelace')).toBeTruthy();
    expect(banner.textContent).toContain('ada@momentum.test');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('keeps the header and navigation on a page that does not exist', async () => {
    stubFetch(() => json({ items: [] }));
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to your contacts' }).getAttribute('href')).toBe('/contacts');
  });

  it('sends a stranger at an unknown address to sign in', async () => {
    stubFetch(() => json({ items: [] }), { me: null });
    const { router } = renderApp('/no/such/page');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
  });
});
