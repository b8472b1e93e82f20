import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { forecast, importJob, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const select = (header: string) => screen.getByLabelText<HTMLSelectElement>(`Map column "${header}"`);

describe('import: limits, forecast, discard', () => {
  it('states the size limit and the accepted formats before a file is chosen', async () => {
    stubFetch(() =>
      json({ items: [], limits: { maxBytes: 20 * 1024 * 1024, formats: ['.csv', '.xlsx', '.xls'] } }),
    );
    renderApp('/imports/new');
    const input = await screen.findByLabelText('Contacts file');
    await waitFor(() =>
      expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toContain(
        '(.csv, .xlsx, .xls), or a LinkedIn Connections export, up to 20 MB',
      ),
    );
    expect(input.getAttribute('accept')).toBe('.csv,.xlsx,.xls');
  });

  it('refuses a file over the limit at once, saying what to do', async () => {
    const calls = stubFetch(() => json({ items: [], limits: { maxBytes: 1024, formats: ['.csv'] } }));
    const { user } = renderApp('/imports/new');
    await screen.findByText(/up to 1 KB/);
    const file = new File(['x'.repeat(4096)], 'big.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('Contacts file'), file);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'big.csv is 4 KB; files up to 1 KB can be imported',
    );
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('shows what the import will do on the whole file, and asks again once the mapping settles', async () => {
    const calls = stubFetch(({ method, path, body }) => {
      if (method === 'POST' && path === '/api/imports/imp-1/forecast') {
        const mapping = (body as { mapping: unknown[] }).mapping;
        return json(
          mapping.includes('notes')
            ? forecast({ create: 1200, merge: 100 })
            : forecast({
                duplicatesInFile: 3,
                withoutEmail: 40,
                rejectedSample: [
                  { row: 7, reason: 'Email "ada@" is not a valid address.' },
                  { row: 19, reason: 'No email, name or LinkedIn URL.' },
                ],
              }),
        );
      }
      if (path === '/api/imports/imp-1') return json(importJob({ totalRows: 1312 }));
      return json({ items: [] });
    });
    const { user } = renderApp('/imports/imp-1');

    const panel = await screen.findByTestId('import-forecast');
    await waitFor(() =>
      expect(within(panel).getByTestId('forecast-counts').textContent).toBe(
        '1,204 new · 96 already in your contacts (will be merged) · 12 rejected',
      ),
    );
    expect(panel.textContent).toContain(
      '3 rows repeat an earlier row of the file and will be merged into it.',
    );
    expect(panel.textContent).toContain('40 contacts without an email will be kept and marked “no email”.');
    expect(within(panel).getByText('Row 7: Email "ada@" is not a valid address.')).toBeTruthy();
    expect(calls.filter((c) => c.path.endsWith('/forecast'))[0]?.body).toEqual({
      mapping: ['fullName', 'email', 'company', null],
    });

    await user.selectOptions(select('Notes'), 'notes');
    await waitFor(() => expect(panel.textContent).toContain('1,200 new · 100 already in your contacts'));
    const asked = calls.filter((c) => c.path.endsWith('/forecast'));
    expect(asked).toHaveLength(2); // once on opening, once after the change (debounced)
    expect(asked[1]?.body).toEqual({ mapping: ['fullName', 'email', 'company', 'notes'] });
  });

  it('discards an upload from the mapping step', async () => {
    const calls = stubFetch(({ method, path }) => {
      if (method === 'DELETE') return new Response(null, { status: 204 });
      if (path === '/api/imports/imp-1') return json(importJob());
      if (path.endsWith('/forecast')) return json(forecast());
      return json({ items: [] });
    });
    const { user, router } = renderApp('/imports/imp-1');
    await user.click(await screen.findByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/imports/new'));
    expect(calls.find((c) => c.method === 'DELETE')?.path).toBe('/api/imports/imp-1');
    expect(await screen.findByText('leads.csv discarded; nothing was imported.')).toBeTruthy();
  });

  it('lists waiting uploads as such, with discard, and what each import left unchanged', async () => {
    let discarded = false;
    const calls = stubFetch(({ method }) => {
      if (method === 'DELETE') {
        discarded = true;
        return new Response(null, { status: 204 });
      }
      const done = importJob({
        id: 'imp-done',
        fileName: 'fair.xlsx',
        status: 'completed',
        counts: { created: 10, updated: 2, unchanged: 5, rejected: 1, duplicatesInFile: 0, withoutEmail: 0 },
      });
      return json({ items: discarded ? [done] : [importJob({ createdAt: new Date().toISOString() }), done] });
    });
    const { user } = renderApp('/imports');

    const waiting = await screen.findByRole('row', { name: /leads\.csv/ });
    expect(waiting.textContent).toContain('Waiting for you to confirm');
    expect(waiting.textContent).toMatch(/discarded in \d+ hours unless confirmed/);
    expect(screen.getByRole('columnheader', { name: 'Unchanged' })).toBeTruthy();
    const cells = within(screen.getByRole('row', { name: /fair\.xlsx/ })).getAllByRole('cell');
    expect(cells.map((c) => c.textContent).slice(2, 7)).toEqual(['3', '10', '2', '5', '1']);

    await user.click(within(waiting).getByRole('button', { name: 'Discard leads.csv' }));
    await waitFor(() => expect(screen.queryByRole('row', { name: /leads\.csv/ })).toBeNull());
    expect(calls.find((c) => c.method === 'DELETE')?.path).toBe('/api/imports/imp-1');
  });
});
