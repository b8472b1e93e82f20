import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, outboxEmail, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

describe('outbox', () => {
  it('lists kept emails newest first and opens one', async () => {
    stubFetch(({ path }) =>
      path === '/api/outbox'
        ? json({
            items: [
              {
                id: 'e-2',
                from: 'jordan@momentum.test',
                to: 'milo@example.com',
                subject: 'Hi Milo',
                campaignId: null,
                sentAt: '2026-03-02T09:00:00.000Z',
              },
              {
                id: 'e-1',
                from: 'jordan@momentum.test',
                to: 'ada@example.com',
                subject: 'Hi Ada',
                campaignId: null,
                sentAt: '2026-03-01T09:00:00.000Z',
              },
            ],
            continuationToken: null,
          })
        : json(outboxEmail({ id: 'e-1' })),
    );
    const { user, router } = renderApp('/outbox');
    const table = await screen.findByRole('table', { name: 'Outbox' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual([
      'milo@example.com',
      'ada@example.com',
    ]);
    await user.click(within(table).getByRole('link', { name: 'Hi Ada' }));
    expect(router.state.location.pathname).toBe('/outbox/e-1');
  });

  it('shows the email as the recipient would: headers, List-Unsubscribe as a link, HTML sandboxed, text part', async () => {
    stubFetch(() =>
      json(
        outboxEmail({
          id: 'e-1',
          html: '<p>Hi Ada,</p><script>parent.alert(1)</script>',
          attachments: [{ filename: 'invite.ics', contentType: 'text/calendar', size: 2048 }],
        }),
      ),
    );
    const { user } = renderApp('/outbox/e-1');
    expect(await screen.findByRole('heading', { name: 'Quick question, Ada', level: 1 })).toBeTruthy();
    expect(screen.getByText('Jordan Reyes <jordan@momentum.test>')).toBeTruthy();
    expect(screen.getByText('replies@momentum.test')).toBeTruthy();

    const unsubscribe = screen.getByTestId('list-unsubscribe');
    expect(unsubscribe.textContent).toContain('<http://localhost/api/unsubscribe/tok-1>');
    const link = within(unsubscribe).getByRole('link', { name: 'Open the unsubscribe page' });
    expect(link.getAttribute('href')).toBe('http://localhost/api/unsubscribe/tok-1');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');

    const frame = screen.getByTitle('Email to ada@example.com') as HTMLIFrameElement;
    const sandbox = frame.getAttribute('sandbox') ?? '';
    expect(sandbox).not.toContain('allow-scripts');
    expect(sandbox).not.toContain('allow-same-origin');
    expect(frame.getAttribute('srcdoc')).toContain('<p>Hi Ada,</p>');
    expect(frame.getAttribute('srcdoc')).toContain('<base target="_blank">');
    expect(screen.getByText(/invite\.ics/).textContent).toContain('2 KB');

    await user.click(screen.getByRole('button', { name: 'Plain text' }));
    expect(screen.getByTestId('email-text').textContent).toContain(
      'Unsubscribe: http://localhost/api/unsubscribe/tok-1',
    );
  });
});
