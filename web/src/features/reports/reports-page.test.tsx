import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ExportJobDto } from '../../lib/api';
import { apiError, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const job = (over: Partial<ExportJobDto>): ExportJobDto => ({
  id: 'x1',
  kind: 'meetings',
  format: 'csv',
  filter: {},
  status: 'running',
  total: 2500,
  processed: 500,
  fileName: 'meetings-2026-12-01.csv',
  size: null,
  error: null,
  createdAt: '2026-12-01T09:00:00.000Z',
  completedAt: null,
  ...over,
});

describe('reports', () => {
  it('lists daily reports with downloads, makes today’s, and turns the email on', async () => {
    let reports = [
      {
        id: '2026-11-30',
        date: '2026-11-30',
        createdAt: '2026-12-01T06:10:00.000Z',
        size: 20_480,
        fileName: 'momentum-daily-2026-11-30.xlsx',
      },
    ];
    let emailDailyReport = false;
    const calls = stubFetch(({ method, path, body }) => {
      if (path === '/api/reports' && method === 'POST') {
        reports = [
          {
            ...reports[0]!,
            id: '2026-12-01',
            date: '2026-12-01',
            fileName: 'momentum-daily-2026-12-01.xlsx',
          },
          ...reports,
        ];
        return json(reports[0], 201);
      }
      if (path === '/api/reports') return json({ items: reports });
      if (path === '/api/report-settings') {
        if (method === 'PUT') emailDailyReport = (body as { emailDailyReport: boolean }).emailDailyReport;
        return json({ emailDailyReport });
      }
      if (path === '/api/exports') return json({ items: [] });
      return apiError(404, 'NOT_FOUND', 'nope');
    });
    const { user } = renderApp('/reports');
    const table = await screen.findByRole('table', { name: 'Daily reports' });
    const link = within(table).getByRole('link', { name: /Download/ });
    expect(link.getAttribute('href')).toBe('/api/reports/2026-11-30');
    expect(link.hasAttribute('download')).toBe(true);
    expect(screen.getByText('No exports yet. Exports are kept for a week.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Generate today’s report now' }));
    await waitFor(() => expect(within(table).getAllByRole('link')).toHaveLength(2));
    const made = calls.find((c) => c.method === 'POST' && c.path === '/api/reports');
    // The owner's today (their zone), not the browser's.
    expect(made?.body).toEqual({ date: 'today' });

    const toggle = screen.getByRole('switch', { name: 'Email me the daily report' });
    await waitFor(() => expect((toggle as HTMLInputElement).disabled).toBe(false));
    expect((toggle as HTMLInputElement).checked).toBe(false);
    await user.click(toggle);
    await waitFor(() => expect((toggle as HTMLInputElement).checked).toBe(true));
    expect(emailDailyReport).toBe(true);
  });

  it('builds an export with the filters of its kind, shows its progress, then the download', async () => {
    let polls = 0;
    const calls = stubFetch(({ method, path }) => {
      if (path === '/api/exports' && method === 'POST')
        return json(job({ status: 'queued', processed: 0 }), 202);
      if (path === '/api/exports/x1') {
        polls++;
        return json(
          polls < 2
            ? job({ processed: 1000 })
            : job({
                status: 'completed',
                processed: 2500,
                size: 4096,
                completedAt: '2026-12-01T09:01:00.000Z',
              }),
        );
      }
      if (path === '/api/exports') return json({ items: [] });
      if (path === '/api/reports') return json({ items: [] });
      if (path === '/api/report-settings') return json({ emailDailyReport: false });
      return apiError(404, 'NOT_FOUND', 'nope');
    });
    const { user } = renderApp('/reports');
    await user.click(await screen.findByRole('radio', { name: 'Meetings' }));
    await user.type(screen.getByLabelText('Starting from'), '2026-11-01');
    await user.type(screen.getByLabelText('Until'), '2026-11-30');
    await user.selectOptions(screen.getByLabelText('Format'), 'csv');
    await user.click(screen.getByRole('button', { name: 'Export meetings' }));

    const progress = await screen.findByRole('progressbar', { name: 'Export progress' });
    expect(progress.getAttribute('max')).toBe('2500');
    const sent = calls.find((c) => c.method === 'POST' && c.path === '/api/exports');
    expect(sent?.body).toEqual({
      kind: 'meetings',
      format: 'csv',
      filter: { from: '2026-11-01', to: '2026-11-30' },
    });

    const download = await screen.findByRole(
      'link',
      { name: 'Download meetings-2026-12-01.csv' },
      { timeout: 4000 },
    );
    expect(download.getAttribute('href')).toBe('/api/exports/x1/file');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('puts the email switch back when saving it fails, and says why', async () => {
    stubFetch(({ method, path }) => {
      if (path === '/api/report-settings' && method === 'PUT')
        return apiError(503, 'UNAVAILABLE', 'Settings could not be saved just now — try again.');
      if (path === '/api/report-settings') return json({ emailDailyReport: false });
      return json({ items: [] });
    });
    const { user } = renderApp('/reports');
    const toggle = (await screen.findByRole('switch', {
      name: 'Email me the daily report',
    })) as HTMLInputElement;
    await waitFor(() => expect(toggle.disabled).toBe(false));
    await user.click(toggle);
    expect(await screen.findByText('Settings could not be saved just now — try again.')).toBeTruthy();
    expect(toggle.checked).toBe(false);
  });

  it('names the field the server refused', async () => {
    stubFetch(({ method, path }) => {
      if (path === '/api/exports' && method === 'POST')
        return apiError(400, 'VALIDATION', 'Invalid request', [
          { path: 'filter.to', message: 'before the start day' },
        ]);
      if (path === '/api/exports') return json({ items: [] });
      if (path === '/api/reports') return json({ items: [] });
      return json({ emailDailyReport: false });
    });
    const { user } = renderApp('/reports');
    await user.click(await screen.findByRole('radio', { name: 'Meetings' }));
    await user.click(screen.getByRole('button', { name: 'Export meetings' }));
    expect(await screen.findByText('before the start day')).toBeTruthy();
  });
});
