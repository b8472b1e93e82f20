import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntryDto } from '../../../../functions/audit/schema';
import { apiError, contact, importJob, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const ada = contact({ id: 'c-ada', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });

const receipt = {
  contactId: 'c-ada',
  erasedAt: '2026-03-10T10:00:00.000Z',
  removed: [
    { container: 'contacts', count: 1, deleted: 1, anonymised: 0 },
    { container: 'meetings', count: 2, deleted: 2, anonymised: 0 },
    { container: 'imports', count: 1, deleted: 0, anonymised: 1 },
    { container: 'templates', count: 0, deleted: 0, anonymised: 0 },
  ],
  blobs: [{ container: 'reports', name: 'owner/2026-03-09.xlsx', action: 'rows-removed' }],
  meetingsCancelled: 1,
};

describe('erasing a contact from their page', () => {
  it('offers the download of everything about them', async () => {
    stubFetch(() => json(ada));
    renderApp('/contacts/c-ada');
    const link = await screen.findByRole('link', { name: 'Download everything about Ada Lovelace' });
    expect(link.getAttribute('href')).toBe('/api/contacts/c-ada/privacy-export');
  });

  it('erases only once the email is typed, then shows what was removed', async () => {
    const calls = stubFetch((call) =>
      call.path === '/api/contacts/c-ada/erase' ? json(receipt) : json(ada),
    );
    const { user, router } = renderApp('/contacts/c-ada');
    await user.click(await screen.findByRole('button', { name: 'Erase Ada Lovelace…' }));
    const dialog = screen.getByRole('dialog', { name: 'Erase Ada Lovelace?' });
    const erase = within(dialog).getByRole('button', { name: 'Erase Ada Lovelace' });
    expect((erase as HTMLButtonElement).disabled).toBe(true);
    const input = within(dialog).getByLabelText(/Type ada@example.com to confirm/);
    expect(document.activeElement).toBe(input);
    await user.type(input, 'ada@example');
    expect((erase as HTMLButtonElement).disabled).toBe(true);
    await user.type(input, '.com');
    expect((erase as HTMLButtonElement).disabled).toBe(false);
    await user.click(erase);

    const done = await screen.findByRole('dialog', { name: 'Ada Lovelace was erased' });
    const removed = within(done).getByRole('list', { name: 'Removed' });
    expect(
      within(removed)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Contact record: 1 deleted',
      'Meetings: 2 deleted',
      'Imports: 1 with their details blanked',
      '1 upcoming meeting cancelled on your calendar (they were not emailed)',
      'File 2026-03-09.xlsx: their rows removed',
    ]);
    expect(calls.find((c) => c.path === '/api/contacts/c-ada/erase')?.body).toEqual({
      confirm: 'ada@example.com',
    });
    await user.click(within(done).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/contacts'));
  });

  it('shows the server refusing the confirmation beside the field', async () => {
    stubFetch((call) =>
      call.path === '/api/contacts/c-ada/erase'
        ? apiError(400, 'VALIDATION', 'Type the contact’s email or full name to confirm the erase.', [
            { path: 'confirm', message: "must be the contact's email or full name" },
          ])
        : json(ada),
    );
    const { user } = renderApp('/contacts/c-ada');
    await user.click(await screen.findByRole('button', { name: 'Erase Ada Lovelace…' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByRole('textbox'), 'ADA@example.com{Enter}');
    expect(await within(dialog).findByText("must be the contact's email or full name")).toBeTruthy();
    expect(within(dialog).getByRole('textbox').getAttribute('aria-invalid')).toBe('true');
  });
});

const entry = (over: Partial<AuditEntryDto>): AuditEntryDto => ({
  id: 'a-1',
  at: '2026-03-10T10:00:00.000Z',
  actor: 'ada@example.com',
  action: 'contact.erase',
  target: 'c-grace',
  outcome: 'ok',
  detail: { documents: 12 },
  ...over,
});

describe('the audit log', () => {
  it('lists entries, filters by action and period, and pages', async () => {
    const calls = stubFetch((call) => {
      if (call.path !== '/api/audit') return json({});
      if (call.params.get('continuation') === 'page-2')
        return json({
          items: [entry({ id: 'a-3', action: 'settings.bot', target: 'bot instructions' })],
          continuation: null,
        });
      if (call.params.get('action') === 'campaign.start')
        return json({
          items: [entry({ id: 'a-2', action: 'campaign.start', outcome: 'error', detail: {} })],
          continuation: null,
        });
      return json({ items: [entry({})], continuation: 'page-2' });
    });
    const { user } = renderApp('/audit');
    const table = await screen.findByRole('table', { name: 'Audit log' });
    expect(within(table).getByText('Contact erased')).toBeTruthy();
    expect(within(table).getByText('Done')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: 'Audit log' })).getByText('Bot instructions changed'),
      ).toBeTruthy(),
    );
    expect(screen.getByText('Page 2')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('What'), 'Campaign started');
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: 'Audit log' })).getByText('Failed')).toBeTruthy(),
    );
    const last = calls.filter((c) => c.path === '/api/audit').at(-1)!;
    expect(last.params.get('action')).toBe('campaign.start');
    expect(last.params.has('continuation')).toBe(false);

    await user.selectOptions(screen.getByLabelText('When'), 'Last 7 days');
    await waitFor(() =>
      expect(
        calls
          .filter((c) => c.path === '/api/audit')
          .at(-1)!
          .params.has('from'),
      ).toBe(true),
    );
    const from = Date.parse(
      calls
        .filter((c) => c.path === '/api/audit')
        .at(-1)!
        .params.get('from')!,
    );
    expect(Math.round((Date.now() - from) / 86_400_000)).toBe(7);
  });

  it('says when nothing matches', async () => {
    stubFetch(() => json({ items: [], continuation: null }));
    const { user } = renderApp('/audit');
    expect(await screen.findByText(/Nothing recorded yet/)).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('What'), 'Account data downloaded');
    expect(await screen.findByText('Nothing matches these filters.')).toBeTruthy();
  });
});

describe('account deletion', () => {
  it('needs the sign-in email typed before it deletes', async () => {
    const calls = stubFetch(() => json({ deletedAt: '2026-03-10T10:00:00.000Z', removed: [], blobs: 0 }));
    const { user } = renderApp('/settings/privacy');
    expect((await screen.findByRole('link', { name: 'Download all my data' })).getAttribute('href')).toBe(
      '/api/account/export',
    );
    await user.click(screen.getByRole('button', { name: 'Delete my account…' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete your account?' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete my account' }) as HTMLButtonElement;
    await user.type(within(dialog).getByRole('textbox'), 'someone-else@example.com');
    expect(confirm.disabled).toBe(true);
    expect(calls.some((c) => c.path === '/api/account/delete')).toBe(false);
    await user.clear(within(dialog).getByRole('textbox'));
    await user.type(within(dialog).getByRole('textbox'), 'Ada@Momentum.test');
    expect(confirm.disabled).toBe(false);
  });
});

describe('importing a contact erased earlier', () => {
  it('says why their row is skipped and imports them only when ticked', async () => {
    const job = importJob({
      headers: ['Email', 'First name'],
      mapping: ['email', 'firstName'],
      preview: [['ada@example.com', 'Ada']],
      totalRows: 1,
    });
    const calls = stubFetch(({ method, path }) => {
      if (path === `/api/imports/${job.id}/forecast`)
        return json({
          rows: 1,
          create: 0,
          merge: 0,
          reject: 1,
          duplicatesInFile: 0,
          withoutEmail: 0,
          rejectedSample: [
            {
              row: 2,
              reason: 'Erased earlier at their request — tick "Import erased contacts anyway" to import',
            },
          ],
        });
      if (method === 'POST' && path === `/api/imports/${job.id}/commit`)
        return json({ ...job, status: 'completed' });
      if (path === `/api/imports/${job.id}`) return json(job);
      return json({ items: [], continuationToken: null });
    });
    const { user } = renderApp(`/imports/${job.id}`);
    expect(await screen.findByText(/Row 2: Erased earlier at their request/)).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: /Import contacts erased earlier anyway/ }));
    await user.click(screen.getByRole('button', { name: 'Import 1 contact' }));
    await waitFor(() => expect(calls.some((c) => c.path === `/api/imports/${job.id}/commit`)).toBe(true));
    expect(calls.find((c) => c.path === `/api/imports/${job.id}/commit`)?.body).toEqual({
      mapping: ['email', 'firstName'],
      importErased: true,
    });
  });
});

describe('the suppression list after an erase', () => {
  it('shows the erased person as a code, with no address and nothing to remove, and never offers "erased" by hand', async () => {
    stubFetch(() =>
      json({
        items: [
          {
            email: '(erased contact AbCd1234)',
            reason: 'erased',
            source: 'erasure',
            createdAt: '2026-03-01T09:00:00.000Z',
          },
        ],
        continuationToken: null,
      }),
    );
    renderApp('/campaigns/suppressions');
    const table = await screen.findByRole('table', { name: 'Suppressed addresses' });
    const row = within(table).getByRole('row', { name: /erased contact AbCd1234/ });
    expect(within(row).getByText('Erased at their request')).toBeTruthy();
    expect(within(row).queryByRole('button', { name: /Remove/ })).toBeNull();
    const reasons = within(screen.getByLabelText('Reason'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(reasons).not.toContain('Erased at their request');
  });
});
