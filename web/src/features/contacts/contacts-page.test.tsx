import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, contact, type FakeCall, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const ada = contact({
  id: 'c-ada',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  company: 'Analytical Engines',
  title: 'Founder',
  status: 'meeting',
  tags: ['vip'],
});
const bob = contact({
  id: 'c-bob',
  firstName: 'Bob',
  lastName: 'Noaddress',
  flags: ['no-email', 'phone-unverified'],
  phone: '030 1234567',
  source: 'linkedin',
});
const grace = contact({ id: 'c-grace', firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' });

const page = (items: unknown[], continuationToken: string | null = null) =>
  json({ items, continuationToken });

describe('contacts page', () => {
  it('lists contacts with their status, tags, source and "no email" / "phone unverified" badges', async () => {
    // Source is no longer a default column (UI change): this user has chosen to show it.
    stubFetch(({ path }) =>
      path === '/api/preferences'
        ? json({ contactColumns: ['name', 'email', 'company', 'title', 'tags', 'status', 'source'] })
        : page([ada, bob]),
    );
    renderApp('/contacts');

    const adaRow = await screen.findByRole('row', { name: /Ada Lovelace/ });
    expect(adaRow.textContent).toContain('ada@example.com');
    expect(adaRow.textContent).toContain('Analytical Engines');
    expect(adaRow.textContent).toContain('Meeting booked');
    expect(adaRow.textContent).toContain('vip');
    const bobRow = screen.getByRole('row', { name: /Bob Noaddress/ });
    expect(within(bobRow).getByText('no email')).toBeTruthy();
    expect(within(bobRow).getByText('phone unverified').title).toContain('Add the +country code');
    expect(within(adaRow).queryByText('phone unverified')).toBeNull();
    expect(bobRow.textContent).toContain('LinkedIn export');
  });

  it('searches once typing pauses, sending search= to the API', async () => {
    const calls = stubFetch(({ params }) =>
      params.get('search') === 'grace' ? page([grace]) : page([ada, grace]),
    );
    const { user } = renderApp('/contacts');
    await screen.findByRole('row', { name: /Ada Lovelace/ });

    await user.type(screen.getByLabelText('Search contacts'), 'grace');

    await waitFor(() => expect(screen.queryByRole('row', { name: /Ada Lovelace/ })).toBeNull());
    expect(screen.getByRole('row', { name: /Grace Hopper/ })).toBeTruthy();
    const searches = calls.map((c) => c.params.get('search')).filter(Boolean);
    expect(searches).toEqual(['grace']); // debounced: not one request per keystroke
  });

  it('pages forward with the continuation token and back again', async () => {
    const calls = stubFetch(({ params }) =>
      params.get('continuationToken') === 'token-page-2' ? page([grace]) : page([ada, bob], 'token-page-2'),
    );
    const { user } = renderApp('/contacts');
    await screen.findByRole('row', { name: /Ada Lovelace/ });
    expect((screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('row', { name: /Grace Hopper/ })).toBeTruthy();
    expect(screen.queryByRole('row', { name: /Ada Lovelace/ })).toBeNull();
    expect(calls.at(-1)?.params.get('continuationToken')).toBe('token-page-2');
    expect(screen.getByText('Page 2')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByRole('row', { name: /Ada Lovelace/ })).toBeTruthy();
    expect(screen.getByText('Page 1')).toBeTruthy();
  });

  it('shows the API error message in plain words', async () => {
    stubFetch(() =>
      apiError(503, 'UNAVAILABLE', 'Contacts are unavailable right now. Try again in a minute.'),
    );
    renderApp('/contacts');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Contacts are unavailable right now. Try again in a minute.');
  });

  it('points to Import when there are no contacts yet', async () => {
    stubFetch(() => page([]));
    renderApp('/contacts');

    expect(await screen.findByText(/No contacts yet/)).toBeTruthy();
    const links = screen.getAllByRole('link', { name: 'Import contacts' });
    expect(links.every((link) => link.getAttribute('href') === '/imports/new')).toBe(true);
  });

  it('edits a contact, showing the field error the API names, then saves', async () => {
    let rejectOnce = true;
    const calls = stubFetch(({ method, body }) => {
      if (method !== 'PATCH') return page([ada]);
      if (rejectOnce) {
        rejectOnce = false;
        return apiError(400, 'VALIDATION', 'Some fields need fixing.', [
          { path: 'email', message: 'Enter a valid email address.' },
        ]);
      }
      return json({ ...ada, ...(body as object) });
    });
    const { user } = renderApp('/contacts');
    await user.click(await screen.findByRole('button', { name: 'Edit Ada Lovelace' }));

    const dialog = screen.getByRole('dialog', { name: 'Edit Ada Lovelace' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('First name'));
    const email = within(dialog).getByLabelText('Email');
    await user.clear(email);
    await user.type(email, 'ada-at-example');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await within(dialog).findByText('Enter a valid email address.')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ email: 'ada-at-example' });

    await user.clear(email);
    await user.type(email, 'ada@engines.example');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.filter((c) => c.method === 'GET' && c.path === '/api/contacts').length).toBeGreaterThan(1); // list refreshed
  });

  it('closes the edit dialog on Escape without saving', async () => {
    const calls = stubFetch(() => page([ada]));
    const { user } = renderApp('/contacts');
    await user.click(await screen.findByRole('button', { name: 'Edit Ada Lovelace' }));
    await user.type(screen.getByLabelText('First name'), 'x');

    await user.keyboard('{Escape}');

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  it('deletes a contact after confirmation', async () => {
    let deleted = false;
    const calls = stubFetch(({ method }) => {
      if (method === 'DELETE') {
        deleted = true;
        return new Response(null, { status: 204 });
      }
      return page(deleted ? [grace] : [ada, grace]);
    });
    const { user } = renderApp('/contacts');
    await user.click(await screen.findByRole('button', { name: 'Delete Ada Lovelace' }));

    const dialog = screen.getByRole('dialog', { name: 'Delete Ada Lovelace?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete contact' }));

    await waitFor(() => expect(screen.queryByRole('row', { name: /Ada Lovelace/ })).toBeNull());
    expect(screen.getByRole('row', { name: /Grace Hopper/ })).toBeTruthy();
    expect(calls.find((c) => c.method === 'DELETE')?.path).toBe('/api/contacts/c-ada');
  });
});

describe('contacts filters in the URL', () => {
  const inputValue = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;
  /** The filters of each list request, as the API saw them. */
  /** The list requests only (the page also asks for the user's column preferences). */
  const listCalls = (calls: FakeCall[]) => calls.filter((c) => c.path === '/api/contacts');
  const filtersOf = (params: URLSearchParams) => {
    const { limit: _limit, ...rest } = Object.fromEntries(params);
    return rest;
  };

  it('reads the filters from the URL, so a reload or a shared link shows the same list', async () => {
    const calls = stubFetch(() => page([ada]));
    renderApp('/contacts?search=ada&status=meeting&source=csv&tag=vip');

    await screen.findByRole('row', { name: /Ada Lovelace/ });
    expect(listCalls(calls).map((c) => filtersOf(c.params))).toEqual([
      { search: 'ada', status: 'meeting', source: 'csv', tag: 'vip' },
    ]);
    expect(inputValue('Search contacts')).toBe('ada');
    expect(inputValue('Status')).toBe('meeting');
    expect(inputValue('Source')).toBe('csv');
    expect(inputValue('Tag')).toBe('vip');
  });

  it('drops what it cannot use from a hand-edited URL and keeps numbers as text', async () => {
    const calls = stubFetch(() => page([ada]));
    renderApp('/contacts?status=asleep&source=fax&search=%20%20&tag=2024');

    await screen.findByRole('row', { name: /Ada Lovelace/ });
    expect(listCalls(calls).map((c) => filtersOf(c.params))).toEqual([{ tag: '2024' }]);
    expect(inputValue('Status')).toBe('');
    expect(inputValue('Source')).toBe('');
    expect(inputValue('Tag')).toBe('2024');
  });

  it('writes each filter to the URL as it changes (search once typing pauses)', async () => {
    const calls = stubFetch(() => page([ada]));
    const { user, router } = renderApp('/contacts');
    await screen.findByRole('row', { name: /Ada Lovelace/ });

    await user.selectOptions(screen.getByLabelText('Status'), 'meeting');
    await waitFor(() => expect(router.state.location.search).toEqual({ status: 'meeting' }));
    await user.selectOptions(screen.getByLabelText('Source'), 'linkedin');
    await user.type(screen.getByLabelText('Search contacts'), 'ada l');
    await user.type(screen.getByLabelText('Tag'), ' vip ');

    await waitFor(() =>
      expect(router.state.location.search).toEqual({
        status: 'meeting',
        source: 'linkedin',
        search: 'ada l',
        tag: 'vip',
      }),
    );
    expect(inputValue('Tag')).toBe(' vip '); // what was typed stays as typed
    await waitFor(() =>
      expect(filtersOf(calls.at(-1)!.params)).toEqual({
        search: 'ada l',
        status: 'meeting',
        source: 'linkedin',
        tag: 'vip',
      }),
    );
    // Only the settled search went out, never a keystroke of it ("a", "ad", …).
    expect([...new Set(calls.map((c) => c.params.get('search')).filter(Boolean))]).toEqual(['ada l']);

    // Choosing "Any status" takes it out of the URL rather than leaving status= behind.
    await user.selectOptions(screen.getByLabelText('Status'), '');
    await waitFor(() => expect(router.state.location.search).not.toHaveProperty('status'));
    expect(router.state.location.href).not.toContain('status');
  });

  it('keeps the filters when the user goes elsewhere and comes Back', async () => {
    const calls = stubFetch(({ path }) => (path === '/api/imports' ? json({ items: [] }) : page([grace])));
    const { user, router } = renderApp('/contacts');
    await screen.findByRole('row', { name: /Grace Hopper/ });
    await user.type(screen.getByLabelText('Search contacts'), 'grace');
    await user.selectOptions(screen.getByLabelText('Status'), 'new');
    await waitFor(() => expect(router.state.location.search).toEqual({ status: 'new', search: 'grace' }));

    await user.click(screen.getAllByRole('link', { name: 'Import contacts' })[0]!);
    await screen.findByLabelText('Contacts file');
    router.history.back();

    await screen.findByRole('row', { name: /Grace Hopper/ });
    expect(inputValue('Search contacts')).toBe('grace');
    expect(inputValue('Status')).toBe('new');
    expect(filtersOf(calls.filter((c) => c.path === '/api/contacts').at(-1)!.params)).toEqual({
      search: 'grace',
      status: 'new',
    });
  });

  it('follows the URL when it changes under the page, and Clear filters empties it', async () => {
    stubFetch(({ params }) => (params.get('tag') === 'nobody' ? page([]) : page([ada, grace])));
    const { user, router } = renderApp('/contacts?search=ada');
    await screen.findByRole('row', { name: /Ada Lovelace/ });

    await router.navigate({ to: '/contacts', search: { search: 'grace', tag: 'nobody' } });
    await waitFor(() => expect(inputValue('Search contacts')).toBe('grace'));
    expect(inputValue('Tag')).toBe('nobody');

    await user.click(await screen.findByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toEqual({}));
    expect(inputValue('Search contacts')).toBe('');
    expect(inputValue('Tag')).toBe('');
    expect(await screen.findByRole('row', { name: /Grace Hopper/ })).toBeTruthy();
  });
});
