import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BulkJobDto } from '../../../../functions/contacts/schema';
import { bulkJob, contact, contactPage, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const ada = contact({ id: 'c-ada', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
const grace = contact({ id: 'c-grace', firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' });
const linus = contact({
  id: 'c-linus',
  firstName: 'Linus',
  lastName: 'Torvalds',
  email: 'linus@example.com',
});

describe('bulk actions', () => {
  it('tags the chosen rows and says how many changed', async () => {
    const calls = stubFetch(({ method, path }) => {
      if (method === 'POST' && path === '/api/contacts/bulk')
        return json(bulkJob({ total: 2, processed: 2, changed: 1 }));
      return contactPage([ada, grace, linus], { total: 3 });
    });
    const { user } = renderApp('/contacts');
    await user.click(await screen.findByRole('checkbox', { name: 'Select Ada Lovelace' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Grace Hopper' }));
    expect(screen.getByText('2 selected')).toBeTruthy();
    const listsBefore = calls.filter((c) => c.path === '/api/contacts').length;

    await user.click(
      within(screen.getByRole('toolbar', { name: 'Bulk actions' })).getByRole('button', { name: 'Add tag' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Add a tag to 2 contacts' });
    await user.type(within(dialog).getByLabelText('Tag'), ' vip ');
    await user.click(within(dialog).getByRole('button', { name: 'Add tag' }));

    expect(await screen.findByText('Tagged 1 of 2 — 1 already had it.')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/contacts/bulk')?.body).toEqual({
      target: { ids: ['c-ada', 'c-grace'] },
      action: { type: 'addTags', tags: ['vip'] },
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    // The list is asked again, so the new tags show.
    await waitFor(() =>
      expect(calls.filter((c) => c.path === '/api/contacts').length).toBeGreaterThan(listsBefore),
    );
  });

  it('exports the chosen rows, or everything that matches, as plain download links', async () => {
    stubFetch(() => contactPage([ada, grace], { total: 2 }));
    const { user } = renderApp('/contacts?status=new&sort=name&dir=asc');
    await screen.findByRole('row', { name: /Ada Lovelace/ });
    const all = new URL(screen.getByRole('link', { name: 'CSV' }).getAttribute('href')!, 'http://x');
    expect(all.pathname).toBe('/api/contacts/export');
    expect(Object.fromEntries(all.searchParams)).toEqual({
      format: 'csv',
      status: 'new',
      sort: 'name',
      dir: 'asc',
    });

    await user.click(screen.getByRole('checkbox', { name: 'Select Grace Hopper' }));
    const excel = screen.getByRole('link', { name: 'Export Excel' });
    expect(excel.hasAttribute('download')).toBe(true);
    const chosen = new URL(excel.getAttribute('href')!, 'http://x');
    expect(Object.fromEntries(chosen.searchParams)).toEqual({
      format: 'xlsx',
      sort: 'name',
      dir: 'asc',
      ids: 'c-grace',
    });
  });

  it('selects every matching contact, confirms the count, shows background progress, then offers Undo', async () => {
    const polls: BulkJobDto[] = [
      bulkJob({ action: { type: 'delete' }, status: 'running', total: 6000, processed: 1200, changed: 1200 }),
      bulkJob({
        action: { type: 'delete' },
        status: 'completed',
        total: 6000,
        processed: 6000,
        changed: 6000,
        undoable: true,
      }),
    ];
    let polled = 0;
    const calls = stubFetch(({ method, path }) => {
      if (method === 'POST' && path === '/api/contacts/bulk')
        return json(
          bulkJob({
            action: { type: 'delete' },
            status: 'queued',
            total: 6000,
            processed: 0,
            changed: 0,
            completedAt: null,
          }),
          202,
        );
      if (path === '/api/contacts/bulk/bulk-1') return json(polls[Math.min(polled++, polls.length - 1)]);
      if (method === 'POST' && path === '/api/contacts/bulk/bulk-1/undo')
        return json(
          bulkJob({
            id: 'bulk-2',
            action: { type: 'restore' } as never,
            total: 6000,
            processed: 6000,
            changed: 6000,
          }),
        );
      return contactPage([ada, grace], { total: 6000, token: 'next' });
    });
    const { user } = renderApp('/contacts?status=new');

    await user.click(await screen.findByRole('checkbox', { name: 'Select all on this page' }));
    expect(screen.getByText('2 selected')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Select all 6,000 contacts that match' }));
    expect(screen.getByText('6,000 selected')).toBeTruthy();

    await user.click(
      within(screen.getByRole('toolbar', { name: 'Bulk actions' })).getByRole('button', { name: 'Delete' }),
    );
    const confirm = screen.getByRole('dialog', { name: 'Move 6,000 contacts to the trash?' });
    // The safe choice has the focus; Escape backs out without deleting.
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
    await user.click(within(confirm).getByRole('button', { name: 'Move to trash' }));

    expect(calls.find((c) => c.path === '/api/contacts/bulk')?.body).toEqual({
      target: { filter: { status: 'new' } },
      action: { type: 'delete' },
    });
    expect(await screen.findByRole('progressbar', { name: 'Bulk action progress' })).toBeTruthy();
    expect(await screen.findByText(/1,200 of 6,000 contacts/, {}, { timeout: 2500 })).toBeTruthy();
    expect(await screen.findByText('Moved 6,000 contacts to the trash.', {}, { timeout: 2500 })).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Restored 6,000 contacts.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/contacts/bulk/bulk-1/undo')).toBe(true);
  });

  it('says what happened and what to do when a background action fails', async () => {
    stubFetch(({ method, path }) => {
      if (method === 'POST' && path === '/api/contacts/bulk')
        return json(
          bulkJob({
            action: { type: 'setStatus', status: 'won' },
            status: 'failed',
            total: 6000,
            processed: 2500,
            changed: 2500,
            error: 'The database was busy.',
          }),
        );
      return contactPage([ada, grace], { total: 6000, token: 'next' });
    });
    const { user } = renderApp('/contacts');
    await user.click(await screen.findByRole('checkbox', { name: 'Select all on this page' }));
    await user.click(screen.getByRole('button', { name: 'Select all 6,000 contacts that match' }));
    await user.click(screen.getByRole('button', { name: 'Set status' }));
    const dialog = screen.getByRole('dialog', { name: 'Set the status of 6,000 contacts' });
    await user.selectOptions(within(dialog).getByLabelText('Status'), 'won');
    await user.click(within(dialog).getByRole('button', { name: 'Set status' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Stopped after 2,500 of 6,000 contacts: The database was busy.');
    expect(alert.textContent).toContain('Run the action again to finish the rest');
  });
});
