import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ImportDto } from '../../../../functions/import/schema';
import { apiError, importJob, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const select = (header: string) => screen.getByLabelText<HTMLSelectElement>(`Map column "${header}"`);

const completed = (overrides: Partial<ImportDto> = {}) =>
  importJob({
    status: 'completed',
    processedRows: 3,
    counts: { created: 2, updated: 0, unchanged: 0, rejected: 1, duplicatesInFile: 0, withoutEmail: 1 },
    rejectedSample: [{ row: 4, reason: 'Email "grace@" is not a valid address.' }],
    completedAt: '2026-03-01T09:00:05.000Z',
    ...overrides,
  });

/** The number shown under a result label (a <dt> and the <dd> after it). */
const countOf = (label: string) =>
  screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;

describe('import wizard', () => {
  it('uploads the chosen file and shows the mapping preview', async () => {
    const calls = stubFetch(({ method, path }) => {
      if (method === 'POST' && path === '/api/imports') return json(importJob(), 201);
      if (path === '/api/imports/imp-1') return json(importJob());
      return json({ items: [] });
    });
    const { user, router } = renderApp('/imports/new');

    const file = new File(['Full Name,E-mail\nAda,ada@example.com\n'], 'leads.csv', { type: 'text/csv' });
    await user.upload(await screen.findByLabelText('Contacts file'), file);

    expect(await screen.findByRole('heading', { name: 'Match your columns' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/imports/imp-1');
    const sent = calls.find((c) => c.method === 'POST')?.body as FormData;
    expect((sent.get('file') as File).name).toBe('leads.csv');
  });

  it('shows why an upload was refused', async () => {
    stubFetch(() =>
      apiError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'That file is not a spreadsheet. Upload a .csv, .xlsx or .xls file.',
      ),
    );
    const { user } = renderApp('/imports/new');

    const file = new File(['%PDF'], 'leads.csv', { type: 'text/csv' });
    await user.upload(await screen.findByLabelText('Contacts file'), file);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('That file is not a spreadsheet. Upload a .csv, .xlsx or .xls file.');
  });

  it('presets one select per column to the guessed mapping and commits the changed mapping', async () => {
    const calls = stubFetch(({ method, path }) => {
      if (method === 'POST' && path === '/api/imports/imp-1/commit') return json(completed());
      if (path === '/api/imports/imp-1') return json(importJob());
      return json({ items: [], continuationToken: null });
    });
    const { user } = renderApp('/imports/imp-1');

    await screen.findByRole('heading', { name: 'Match your columns' });
    expect(select('Full Name').value).toBe('fullName');
    expect(select('E-mail').value).toBe('email');
    expect(select('Company').value).toBe('company');
    expect(select('Notes').value).toBe('');
    expect(within(select('Notes')).getByRole('option', { selected: true }).textContent).toBe('Ignore');
    expect(screen.getByRole('cell', { name: 'grace@example.com' })).toBeTruthy();

    await user.selectOptions(select('Notes'), 'notes');
    await user.selectOptions(select('Company'), '');
    await user.click(screen.getByRole('button', { name: 'Import 3 contacts' }));

    const commit = calls.find((c) => c.path === '/api/imports/imp-1/commit');
    expect(commit?.body).toEqual({ mapping: ['fullName', 'email', null, 'notes'] });

    expect(await screen.findByRole('heading', { name: 'Import complete' })).toBeTruthy();
    expect(countOf('Created')).toBe('2');
    expect(countOf('Rejected')).toBe('1');
    expect(countOf('Without email')).toBe('1');
    expect(countOf('Duplicates merged')).toBe('0');
    expect(screen.getByRole('cell', { name: 'Email "grace@" is not a valid address.' })).toBeTruthy();
    const download = screen.getByRole('link', { name: 'Download rejected rows (CSV)' });
    expect(download.getAttribute('href')).toBe('/api/imports/imp-1/rejected');
    expect(download.hasAttribute('download')).toBe(true);
    expect(screen.getByRole('link', { name: 'View contacts' }).getAttribute('href')).toBe('/contacts');
  });

  it('polls a queued import every second, showing progress until the result', async () => {
    // The preview, then what each 1 s poll finds after the commit answers 202 queued.
    const answers = [
      importJob({ totalRows: 1000 }),
      importJob({ status: 'running', totalRows: 1000, processedRows: 400 }),
      completed({ totalRows: 1000, processedRows: 1000 }),
    ];
    let gets = 0;
    stubFetch(({ method, path }) => {
      if (method === 'POST') return json(importJob({ status: 'queued', totalRows: 1000 }), 202);
      if (path === '/api/imports/imp-1') return json(answers[Math.min(gets++, answers.length - 1)]);
      return json({ items: [], continuationToken: null });
    });
    const { user } = renderApp('/imports/imp-1');

    await user.click(await screen.findByRole('button', { name: 'Import 1,000 contacts' }));

    const progress = await screen.findByRole('progressbar', { name: 'Import progress' });
    expect(progress).toBeTruthy();
    expect(await screen.findByText('400 / 1,000 rows processed', {}, { timeout: 2500 })).toBeTruthy();
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(400);
    expect(await screen.findByRole('heading', { name: 'Import complete' }, { timeout: 2500 })).toBeTruthy();
    await waitFor(() => expect(countOf('Created')).toBe('2'));
  });

  it('says so when a poll fails, keeps the last numbers, and carries on polling', async () => {
    // The preview, then each 1 s poll: progress, a failed poll, progress again, the result.
    const answers: (() => Response)[] = [
      () => json(importJob({ totalRows: 1000 })),
      () => json(importJob({ status: 'running', totalRows: 1000, processedRows: 400 })),
      () => apiError(503, 'UNAVAILABLE', 'The service is busy.'),
      () => json(importJob({ status: 'running', totalRows: 1000, processedRows: 700 })),
      () => json(completed({ totalRows: 1000, processedRows: 1000 })),
    ];
    let gets = 0;
    stubFetch(({ method, path }) => {
      if (method === 'POST') return json(importJob({ status: 'queued', totalRows: 1000 }), 202);
      if (path === '/api/imports/imp-1') return answers[Math.min(gets++, answers.length - 1)]!();
      return json({ items: [], continuationToken: null });
    });
    const { user } = renderApp('/imports/imp-1');
    await user.click(await screen.findByRole('button', { name: 'Import 1,000 contacts' }));
    await screen.findByText('400 / 1,000 rows processed', {}, { timeout: 2500 });
    expect(screen.queryByText(/Lost contact/)).toBeNull();

    const notice = await screen.findByText('Lost contact with the server — retrying…', {}, { timeout: 2500 });
    expect(notice.closest('[role="status"]')).toBeTruthy(); // a notice, not an alert
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('400 / 1,000 rows processed')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Import progress' })).toBeTruthy();

    expect(await screen.findByText('700 / 1,000 rows processed', {}, { timeout: 2500 })).toBeTruthy();
    expect(screen.queryByText(/Lost contact/)).toBeNull();
    expect(await screen.findByRole('heading', { name: 'Import complete' }, { timeout: 2500 })).toBeTruthy();
  });
});
