import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { campaign, counts, json, message, sender, stubFetch, template } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

afterEach(() => {
  vi.useRealTimers();
});

const resumesAt = '2026-03-02T08:00:00.000Z';
const stages = [
  campaign({
    id: 'cmp-1',
    status: 'sending',
    startedAt: '2026-03-01T09:00:00.000Z',
    counts: counts({ recipients: 3, scheduled: 2, sent: 1, delivered: 1 }),
  }),
  campaign({
    id: 'cmp-1',
    status: 'waiting',
    statusDetail: 'Jordan Reyes has sent its 2 emails for today (daily limit).',
    resumesAt,
    counts: counts({ recipients: 3, scheduled: 1, sent: 2, delivered: 2, opened: 1 }),
  }),
  campaign({
    id: 'cmp-1',
    status: 'done',
    completedAt: '2026-03-02T08:00:05.000Z',
    counts: counts({ recipients: 3, sent: 2, delivered: 2, opened: 1, replied: 1, skippedSuppressed: 1 }),
  }),
];

describe('campaign page', () => {
  it('polls every 2 s while sending or waiting, showing progress, counts and why it waits; stops when done', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let stage = 0;
    const calls = stubFetch(({ path, params }) => {
      if (path === '/api/campaigns/cmp-1') return json(stages[stage]);
      if (path === '/api/campaigns/cmp-1/messages') {
        const items = [
          message({
            id: 'm-1',
            events: [{ type: 'delivered', at: '2026-03-01T09:00:07.000Z' }],
          }),
          message({
            id: 'm-2',
            contactName: 'Milo Meyer',
            to: 'milo@example.com',
            status: 'skipped',
            reason: 'On the suppression list (unsubscribed)',
            sentAt: null,
          }),
        ];
        const status = params.get('status');
        return json({
          items: status ? items.filter((m) => m.status === status) : items,
          continuationToken: null,
        });
      }
      if (path === '/api/templates') return json({ items: [template({ id: 'tpl-1' })] });
      if (path === '/api/senders') return json({ items: [sender({ id: 'snd-1' })] });
      return json({ items: [] });
    });
    const { user } = renderApp('/campaigns/cmp-1');

    expect(await screen.findByRole('heading', { name: 'Spring outreach', level: 1 })).toBeTruthy();
    expect(screen.getByTestId('campaign-progress').textContent).toContain('1 of 3 recipients sent');
    const bar = screen.getByRole('progressbar', { name: 'Campaign progress' }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([1, 3]);
    expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();
    expect(await screen.findByText('Milo Meyer')).toBeTruthy();
    expect(screen.getByText('On the suppression list (unsubscribed)')).toBeTruthy();

    stage = 1;
    await act(() => vi.advanceTimersByTimeAsync(2000));
    await waitFor(() =>
      expect(screen.getByTestId('campaign-status-detail').textContent).toContain('daily limit'),
    );
    expect(screen.getByTestId('campaign-status-detail').textContent).toContain('Goes on by itself');
    expect(screen.getByTestId('campaign-progress').textContent).toContain('2 of 3 recipients sent');
    expect(within(screen.getByTestId('count-opened')).getByText('1')).toBeTruthy();

    stage = 2;
    await act(() => vi.advanceTimersByTimeAsync(2000));
    await waitFor(() => expect(screen.getByText('Done')).toBeTruthy());
    expect(within(screen.getByTestId('count-skippedSuppressed')).getByText('1')).toBeTruthy();
    expect(within(screen.getByTestId('count-replied')).getByText('1')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();

    // Done: no more polling.
    const polls = calls.filter((c) => c.path === '/api/campaigns/cmp-1').length;
    await act(() => vi.advanceTimersByTimeAsync(6000));
    expect(calls.filter((c) => c.path === '/api/campaigns/cmp-1').length).toBe(polls);

    // The emails filter by status.
    vi.useRealTimers();
    await user.selectOptions(screen.getByLabelText('Status'), 'skipped');
    await waitFor(() => expect(screen.queryByText('Ada Lovelace')).toBeNull());
    expect(calls.at(-1)?.params.get('status')).toBe('skipped');
  });

  it('pauses and resumes', async () => {
    let current = stages[0];
    const calls = stubFetch(({ path }) => {
      if (path === '/api/campaigns/cmp-1/pause') {
        current = { ...current!, status: 'paused' };
        return json(current);
      }
      if (path === '/api/campaigns/cmp-1/resume') {
        current = { ...current!, status: 'sending' };
        return json(current);
      }
      if (path === '/api/campaigns/cmp-1') return json(current);
      return json({ items: [], continuationToken: null });
    });
    const { user } = renderApp('/campaigns/cmp-1');
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    expect(await screen.findByText(/nothing is sent until you resume/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    expect(await screen.findByRole('button', { name: 'Pause' })).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      '/api/campaigns/cmp-1/pause',
      '/api/campaigns/cmp-1/resume',
    ]);
  });
});
