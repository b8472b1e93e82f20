import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MeetingDto } from '../../../../functions/booking/schema';
import { json, meeting, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const ada = meeting({ id: 'm-1' });
const grace = meeting({
  id: 'm-2',
  contactId: 'c-grace',
  contact: { name: 'Grace Hopper', email: 'grace@example.com' },
  contactZone: 'Europe/Berlin',
  start: '2026-03-11T09:00:00.000Z',
  end: '2026-03-11T09:30:00.000Z',
});

function meetingsApi(upcoming: MeetingDto[], past: MeetingDto[] = []) {
  let stored = upcoming;
  const calls = stubFetch(({ method, path, params }) => {
    const cancel = path.match(/^\/api\/meetings\/(.+)\/cancel$/);
    const confirm = path.match(/^\/api\/meetings\/(.+)\/confirm$/);
    if (confirm && method === 'POST') {
      stored = stored.map((m) => (m.id === confirm[1] ? { ...m, status: 'booked' as const } : m));
      return json(stored.find((m) => m.id === confirm[1]));
    }
    if (cancel && method === 'POST') {
      stored = stored.map((m) => (m.id === cancel[1] ? { ...m, status: 'cancelled' as const } : m));
      return json(stored.find((m) => m.id === cancel[1]));
    }
    if (path === '/api/meetings')
      return json({ items: params.get('when') === 'past' ? past : stored, continuation: null });
    return json({ items: [] });
  });
  return calls;
}

describe('meetings page', () => {
  it('lists upcoming meetings in the organizer’s zone with the contact’s time, and cancels one after confirming', async () => {
    const calls = meetingsApi([ada, grace]);
    const { user } = renderApp('/meetings');
    const adaRow = (await screen.findByRole('link', { name: 'Ada Lovelace' })).closest('tr')!;
    expect(screen.getByRole('link', { name: 'Meetings' }).getAttribute('aria-current')).toBe('page');
    expect(within(adaRow).getByRole('link', { name: 'Ada Lovelace' }).getAttribute('href')).toBe(
      '/contacts/c-ada',
    );
    // 14:00Z is 3:00 PM in Berlin (the organizer) and 11:00 PM in Tokyo (Ada).
    expect(adaRow.textContent).toMatch(/Tue, Mar 10, 3:00\sPM/);
    expect(adaRow.textContent).toMatch(/11:00\sPM for them \(Tokyo\)/);
    expect(adaRow.textContent).toContain('Intro call');
    expect(within(adaRow).getByRole('link', { name: 'Join' }).getAttribute('href')).toBe(
      'https://meet.example.com/abc',
    );
    const graceRow = screen.getByRole('link', { name: 'Grace Hopper' }).closest('tr')!;
    expect(graceRow.textContent).not.toContain('for them'); // same zone: one time is enough

    await user.click(within(adaRow).getByRole('button', { name: 'Cancel the meeting with Ada Lovelace' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel the meeting with Ada Lovelace?' });
    await user.type(within(dialog).getByLabelText(/Reason/), 'Moved to next quarter');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel meeting' }));

    expect(await screen.findByText('Meeting with Ada Lovelace cancelled.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: '/api/meetings/m-1/cancel',
      body: { reason: 'Moved to next quarter' },
    });
    await waitFor(() => expect(within(adaRow).getByText('Cancelled')).toBeTruthy());
    expect(within(adaRow).queryByRole('button', { name: /Cancel the meeting/ })).toBeNull();
    expect(within(graceRow).getByText('Booked')).toBeTruthy();
  });

  it('offers Confirm and Decline for a request made while a calendar was down, and confirms it', async () => {
    const calls = meetingsApi([{ ...ada, status: 'requested', joinUrl: null }]);
    const { user } = renderApp('/meetings');
    const row = (await screen.findByRole('link', { name: 'Ada Lovelace' })).closest('tr')!;
    expect(within(row).getByText('Awaiting confirmation')).toBeTruthy();
    expect(within(row).queryByRole('button', { name: /Reschedule/ })).toBeNull();
    expect(within(row).getByRole('button', { name: 'Decline the meeting with Ada Lovelace' })).toBeTruthy();
    await user.click(within(row).getByRole('button', { name: 'Confirm the meeting with Ada Lovelace' }));
    expect(await screen.findByText('Confirmed: Ada Lovelace gets the invitation now.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.path).toBe('/api/meetings/m-1/confirm');
    await waitFor(() => expect(within(row).getByText('Booked')).toBeTruthy());
  });

  it('Past shows booked meetings with “Mark no-show”, and an empty Upcoming explains how meetings arrive', async () => {
    const calls = meetingsApi(
      [],
      [meeting({ id: 'm-9', start: '2026-01-05T10:00:00.000Z', end: '2026-01-05T10:30:00.000Z' })],
    );
    const { user } = renderApp('/meetings');
    expect(await screen.findByText('No upcoming meetings.')).toBeTruthy();
    expect(screen.getByText(/Copy booking link/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Availability' }).getAttribute('href')).toBe('/availability');

    await user.click(screen.getByRole('link', { name: 'Past' }));
    expect(await screen.findByRole('button', { name: 'Mark Ada Lovelace as a no-show' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Reschedule/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Past' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Upcoming' }).getAttribute('aria-current')).toBeNull();
    expect(calls.at(-1)?.params.get('when')).toBe('past');
  });
});
