import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

describe('sign-in', () => {
  it('sends a visitor with no session to the sign-in page', async () => {
    stubFetch(() => json({ items: [], continuationToken: null }), { me: null });
    const { router } = renderApp('/contacts');

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Momentum Meet' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('sends the user to the sign-in page when the API answers 401', async () => {
    stubFetch(() => apiError(401, 'UNAUTHENTICATED', 'Sign in to continue.'));
    const { router } = renderApp('/contacts');

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(screen.queryByRole('heading', { name: 'Contacts' })).toBeNull();
  });

  it('shows who is signed in, the navigation and a way out', async () => {
    stubFetch(() => json({ items: [], continuationToken: null }));
    renderApp('/');

    expect(await screen.findByText('ada@momentum.test')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(nav.textContent).toContain('Contacts');
    expect(nav.textContent).toContain('Import');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Contacts' })).toBeTruthy();
  });
});
