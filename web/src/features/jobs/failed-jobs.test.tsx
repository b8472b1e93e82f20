import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FailedJobDto } from '../../../../functions/jobs/schema';
import { apiError, failedJob, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

describe('failed jobs', () => {
  it('lists what failed and when, retries one with progress, and the list refreshes', async () => {
    let items: FailedJobDto[] = [
      failedJob({ id: 'm-import' }),
      failedJob({
        id: 'm-bulk',
        queue: 'contact-bulk',
        kind: 'Bulk action',
        what: { summary: 'Bulk action bulk-7 on contacts', target: { type: 'bulk', id: 'bulk-7' } },
      }),
      failedJob({
        id: 'm-send',
        queue: 'email-send',
        kind: 'Campaign sending',
        what: { summary: 'Sending 3 emails of campaign cmp-1', target: { type: 'campaign', id: 'cmp-1' } },
      }),
    ];
    let release: () => void = () => {};
    const calls = stubFetch(async ({ method, path }) => {
      if (method === 'POST') {
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        await gate;
        if (path.includes('m-send')) return apiError(404, 'NOT_FOUND', 'The failed job was not found.');
        items = items.filter((j) => !path.includes(j.id));
        return json({ queued: true }, 202);
      }
      return json({ items, partial: false });
    });
    const { user } = renderApp('/jobs/failed');
    const table = await screen.findByRole('table', { name: 'Failed jobs' });
    expect(within(table).getByRole('link', { name: 'Import imp-1' }).getAttribute('href')).toBe(
      '/imports/imp-1',
    );
    expect(
      within(table).getByRole('link', { name: 'Sending 3 emails of campaign cmp-1' }).getAttribute('href'),
    ).toBe('/campaigns/cmp-1');
    expect(within(table).getByText('Bulk action bulk-7 on contacts')).toBeTruthy();
    expect(within(table).getByText('Campaign sending')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Retry Import imp-1' }));
    const pending = screen.getByRole('button', { name: 'Retry Import imp-1' });
    expect(pending.textContent).toBe('Retrying…');
    expect((pending as HTMLButtonElement).disabled).toBe(true);
    release();
    expect(await screen.findByText('Import imp-1 is queued again.')).toBeTruthy();
    await waitFor(() => expect(within(table).queryByText('Import imp-1')).toBeNull());
    expect(calls.find((c) => c.method === 'POST')?.path).toBe('/api/jobs/failed/import-jobs/m-import/retry');

    // Retried already elsewhere: the row goes and a toast says why.
    items = items.filter((j) => j.id !== 'm-send');
    await user.click(screen.getByRole('button', { name: 'Retry Sending 3 emails of campaign cmp-1' }));
    release();
    expect(await screen.findByText(/is no longer waiting: it was retried already or removed/)).toBeTruthy();
    await waitFor(() => expect(within(table).queryByText('Campaign sending')).toBeNull());
    expect(within(table).getByText('Bulk action bulk-7 on contacts')).toBeTruthy();
  });

  it('shows an error beside the job when a retry fails, and keeps the job', async () => {
    stubFetch(({ method }) =>
      method === 'POST'
        ? apiError(503, 'UNAVAILABLE', 'Storage is unavailable. Try again in a minute.')
        : json({ items: [failedJob({ id: 'm-1' })], partial: true }),
    );
    const { user } = renderApp('/jobs/failed');
    await user.click(await screen.findByRole('button', { name: 'Retry Import imp-1' }));
    expect(await screen.findByText(/Storage is unavailable/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry Import imp-1' }).textContent).toBe('Retry');
    expect(screen.getByRole('note').textContent).toMatch(/more may be listed/);
  });

  it('says so when nothing failed, and is reachable from Recent imports and Campaigns', async () => {
    stubFetch(() => json({ items: [], partial: false }));
    const { user, router } = renderApp('/imports');
    await user.click(await screen.findByRole('link', { name: 'Failed jobs' }));
    expect(router.state.location.pathname).toBe('/jobs/failed');
    expect(await screen.findByText(/Nothing failed/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();

    await router.navigate({ to: '/campaigns' });
    await user.click(await screen.findByRole('link', { name: 'Failed jobs' }));
    expect(router.state.location.pathname).toBe('/jobs/failed');
  });
});
