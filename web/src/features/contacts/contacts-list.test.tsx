import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ContactDto } from '../../../../functions/contacts/schema';
import { contact, contactPage, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const ada = contact({
  id: 'c-ada',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada.lovelace.long.address@analytical-engines.example',
  company: 'Analytical Engines',
  title: 'Founder',
  phone: '+4930123456',
  timeZone: 'Europe/Berlin',
  linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace',
  tags: ['vip'],
});
const grace = contact({ id: 'c-grace', firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' });

const people = (n: number, from = 0): ContactDto[] =>
  Array.from({ length: n }, (_, i) =>
    contact({ id: `c-${from + i}`, firstName: 'Person', lastName: String(from + i + 1) }),
  );

const headers = () =>
  screen.getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
const listCalls = (calls: { path: string; params: URLSearchParams }[]) =>
  calls.filter((c) => c.path === '/api/contacts');

describe('contacts list: totals, order, columns', () => {
  it('says which contacts of how many are shown, page by page', async () => {
    stubFetch(({ params }) =>
      params.get('continuationToken') === 'p2'
        ? contactPage(people(50, 50), { total: 6000, token: 'p3' })
        : contactPage(people(50), { total: 6000, token: 'p2' }),
    );
    const { user } = renderApp('/contacts');

    expect((await screen.findByTestId('contacts-range')).textContent).toBe('1–50 of 6,000');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(screen.getByTestId('contacts-range').textContent).toBe('51–100 of 6,000'));
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    await waitFor(() => expect(screen.getByTestId('contacts-range').textContent).toBe('1–50 of 6,000'));
  });

  it('is newest first by default, sending no order, and marks the Created column as sorted', async () => {
    const calls = stubFetch(() => contactPage([ada, grace]));
    renderApp('/contacts');
    await screen.findByRole('row', { name: /Ada Lovelace/ });

    expect(listCalls(calls)[0]?.params.has('sort')).toBe(false);
    expect(screen.getByRole('columnheader', { name: /Created/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('none');
  });

  it('sorts by a column header, both ways, writing sort/dir to the URL and sending them', async () => {
    const calls = stubFetch(({ params }) =>
      contactPage(
        params.get('dir') === 'desc' && params.get('sort') === 'name' ? [grace, ada] : [ada, grace],
      ),
    );
    const { user, router } = renderApp('/contacts');
    await screen.findByRole('row', { name: /Ada Lovelace/ });

    await user.click(screen.getByRole('button', { name: 'Sort by Name' }));
    await waitFor(() => expect(router.state.location.search).toEqual({ sort: 'name', dir: 'asc' }));
    await waitFor(() => expect(listCalls(calls).at(-1)?.params.get('sort')).toBe('name'));
    expect(listCalls(calls).at(-1)?.params.get('dir')).toBe('asc');
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('ascending');

    // The keyboard works too: the header is a button.
    screen.getByRole('button', { name: 'Sort by Name, ascending' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(router.state.location.search).toEqual({ sort: 'name', dir: 'desc' }));
    await waitFor(() => {
      const rows = screen.getAllByRole('row').slice(1);
      expect(rows[0]?.textContent).toContain('Grace Hopper');
    });
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('descending');

    // Back steps to the previous order.
    router.history.back();
    await waitFor(() => expect(router.state.location.search).toEqual({ sort: 'name', dir: 'asc' }));
  });

  it('reads the order from the URL (a reload keeps it), with the filters', async () => {
    const calls = stubFetch(() => contactPage([ada]));
    renderApp('/contacts?sort=company&dir=desc&status=new');
    await screen.findByRole('row', { name: /Ada Lovelace/ });

    const sent = listCalls(calls)[0]!.params;
    expect([sent.get('sort'), sent.get('dir'), sent.get('status')]).toEqual(['company', 'desc', 'new']);
    expect(screen.getByRole('columnheader', { name: /Company/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
  });

  it('shows the default columns until the user chooses, then saves the choice for them', async () => {
    const calls = stubFetch(({ method, path, body }) => {
      if (path === '/api/preferences') return json(method === 'PUT' ? body : {});
      return contactPage([ada]);
    });
    const { user } = renderApp('/contacts');
    await screen.findByRole('row', { name: /Ada Lovelace/ });
    expect(headers().slice(1, -1)).toEqual([
      'Name',
      'Email',
      'Company',
      'Title',
      'Tags',
      'Status',
      'Created',
    ]);

    await user.click(screen.getByRole('button', { name: 'Columns' }));
    const menu = screen.getByRole('group', { name: 'Columns shown' });
    expect((within(menu).getByLabelText('Name') as HTMLInputElement).disabled).toBe(true);
    await user.click(within(menu).getByLabelText('Phone'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      contactColumns: ['name', 'email', 'phone', 'company', 'title', 'tags', 'status', 'createdAt'],
    });
    await user.click(within(menu).getByLabelText('Title'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2));
    expect(headers().slice(1, -1)).toEqual([
      'Name',
      'Email',
      'Phone',
      'Company',
      'Tags',
      'Status',
      'Created',
    ]);

    // Escape closes the menu and gives focus back to its button.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Columns shown' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Columns' }));
  });

  it('shows the saved columns: phone in its national format, LinkedIn as a link, local time', async () => {
    stubFetch(({ path }) =>
      path === '/api/preferences'
        ? json({ contactColumns: ['name', 'email', 'phone', 'linkedinUrl', 'timeZone'] })
        : contactPage([ada]),
    );
    renderApp('/contacts');
    const row = await screen.findByRole('row', { name: /Ada Lovelace/ });
    expect(headers().slice(1, -1)).toEqual(['Name', 'Email', 'Phone', 'LinkedIn', 'Time zone']);

    const phone = within(row).getByRole('link', { name: '030 123456' });
    expect(phone.getAttribute('title')).toBe('+49 30 123456');
    expect(within(row).getByRole('link', { name: 'ada-lovelace' }).getAttribute('href')).toBe(
      'https://www.linkedin.com/in/ada-lovelace',
    );
    expect(row.textContent).toMatch(/Berlin · \d{1,2}:\d{2}( [AP]M)? now/);
    // The long address is there whole (cut only by the browser's width, with a tooltip).
    expect(within(row).getByText(ada.email!).getAttribute('title')).toBe(ada.email);
  });

  it('opens a contact from its name', async () => {
    stubFetch(({ path }) => (path === '/api/contacts/c-ada' ? json(ada) : contactPage([ada])));
    const { user, router } = renderApp('/contacts');
    await user.click(await screen.findByRole('link', { name: 'Ada Lovelace' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/contacts/c-ada'));
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace', level: 1 })).toBeTruthy();
  });

  it('offers only the sources something produces today, and every status', async () => {
    stubFetch(() => contactPage([ada]));
    renderApp('/contacts');
    await screen.findByRole('row', { name: /Ada Lovelace/ });
    const options = (label: string) =>
      within(screen.getByLabelText(label))
        .getAllByRole('option')
        .map((o) => o.textContent);
    expect(options('Source')).toEqual([
      'Any source',
      'CSV file',
      'Excel (.xlsx)',
      'Excel (.xls)',
      'LinkedIn export',
      'Added by hand',
    ]);
    expect(options('Status')).toEqual([
      'Any status',
      'New',
      'Contacted',
      'Replied',
      'Meeting booked',
      'Met',
      'No-show',
      'Won',
      'Lost',
    ]);
  });
});
