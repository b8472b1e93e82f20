import { screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { summarize } from '../../../../functions/dashboard/aggregate';
import type { DashboardDto } from '../../../../functions/dashboard/schema';
import { json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

beforeAll(() => {
  // Charts size themselves with ResizeObserver, which the test DOM lacks.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

const period = { from: '2026-03-01', to: '2026-03-03', timeZone: 'Europe/London', campaignId: null };

/** What the API answers, made by the API's own summary over counter documents. */
function dashboard(counts: Record<string, number>, extra: Partial<DashboardDto> = {}): DashboardDto {
  return {
    ...summarize(
      [
        {
          id: '2026-03-02.all',
          ownerId: 'o',
          day: '2026-03-02',
          campaignId: 'all',
          counts,
          templates: { 'tpl-1:sent': 40, 'tpl-1:replied': 8, 'tpl-1:booked': 2 },
          slots: { 'h09:sent': 40, 'h09:replied': 8, 'd2:sent': 40, 'd2:replied': 8 },
        },
      ],
      period,
      new Map([['tpl-1', 'Short intro']]),
    ),
    ...extra,
  };
}

const BUSY = dashboard({
  sent: 40,
  delivered: 38,
  opened: 19,
  clicked: 4,
  replied: 8,
  booked: 2,
  held: 1,
  won: 1,
});

function stub(answer: (params: URLSearchParams) => DashboardDto) {
  return stubFetch((call) => {
    if (call.path === '/api/dashboard') return json(answer(call.params));
    if (call.path === '/api/campaigns')
      return json({ items: [{ id: 'camp-1', name: 'Spring launch', status: 'done' }] });
    return json({}, 404);
  });
}

describe('the dashboard page', () => {
  it('shows totals, rates, the best template and send time, with a table for each chart', async () => {
    stub(() => BUSY);
    renderApp('/dashboard');
    expect(await screen.findByText(/40 sent · 8 replied · 2 booked · 1 won/)).toBeTruthy();
    const tiles = screen.getByRole('list', { name: 'Totals' });
    expect(within(tiles).getByText('95% of sent')).toBeTruthy();
    expect(within(tiles).getByText('20% of sent', { exact: false })).toBeTruthy();
    // Every chart carries its data as a table for screen readers.
    for (const caption of ['Funnel', 'Per day', 'Reply rate by the hour emails were sent']) {
      expect(screen.getByRole('table', { name: caption })).toBeTruthy();
    }
    const funnel = screen.getByRole('table', { name: 'Funnel' });
    expect(within(funnel).getByRole('row', { name: /Meetings held 1 50% of booked/ })).toBeTruthy();
    const perDay = screen.getByRole('table', { name: 'Per day' });
    expect(within(perDay).getAllByRole('row')).toHaveLength(4);
    const templates = screen.getByRole('region', { name: 'Best templates' });
    expect(within(templates).getByRole('row', { name: /Short intro 40 8 20% 2 5%/ })).toBeTruthy();
    expect(screen.getByText(/when sent at 09:00 and on Tuesdays/)).toBeTruthy();
  });

  it('shows a chart’s table on demand', async () => {
    stub(() => BUSY);
    const { user } = renderApp('/dashboard');
    await screen.findByText(/40 sent/);
    const show = screen.getAllByRole('button', { name: 'Show as table' })[0]!;
    const table = document.getElementById(show.getAttribute('aria-controls')!)!;
    expect(table.className).toContain('visually-hidden');
    await user.click(show);
    expect(show.getAttribute('aria-expanded')).toBe('true');
    expect(table.className).not.toContain('visually-hidden');
    expect(show.textContent).toBe('Hide table');
  });

  it('asks again for the period and campaign chosen', async () => {
    const calls = stub(() => BUSY);
    const { user } = renderApp('/dashboard');
    await screen.findByText(/40 sent/);
    const asked = () => calls.filter((c) => c.path === '/api/dashboard').map((c) => c.params);
    const first = asked()[0]!;
    expect(daysBetween(first.get('from')!, first.get('to')!)).toBe(30);

    await user.click(screen.getByRole('radio', { name: 'Last 7 days' }));
    await waitFor(() => expect(asked()).toHaveLength(2));
    expect(daysBetween(asked()[1]!.get('from')!, asked()[1]!.get('to')!)).toBe(7);

    await user.selectOptions(await screen.findByLabelText('Campaign'), 'Spring launch');
    await waitFor(() => expect(asked().at(-1)!.get('campaign')).toBe('camp-1'));

    await user.click(screen.getByRole('radio', { name: 'Custom' }));
    const from = screen.getByLabelText('From') as HTMLInputElement;
    const to = screen.getByLabelText('To') as HTMLInputElement;
    await user.clear(from);
    await user.type(from, '2026-01-10');
    await user.clear(to);
    await user.type(to, '2026-01-20');
    await waitFor(() => {
      const last = asked().at(-1)!;
      expect([last.get('from'), last.get('to'), last.get('campaign')]).toEqual([
        '2026-01-10',
        '2026-01-20',
        'camp-1',
      ]);
    });
    // An end before the start is said in words, and not asked for.
    const before = asked().length;
    await user.clear(to);
    await user.type(to, '2026-01-05');
    expect(await screen.findByText('The start day must be on or before the end day.')).toBeTruthy();
    expect(asked()).toHaveLength(before);
  });

  it('tells a new user how to get numbers', async () => {
    stub(() => dashboard({}, { templates: [], templatesUnranked: 0 }));
    renderApp('/dashboard');
    expect(
      await screen.findByText(/Send a campaign or share your booking link to see numbers here/),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'New campaign' })).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Funnel' })).toBeNull();
  });
});

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
