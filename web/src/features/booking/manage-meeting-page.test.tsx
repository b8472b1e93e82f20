import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PublicMeetingDto } from '../../../../functions/booking/schema';
import { apiError, json, publicMeeting, slot, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

// Far ahead, so the meeting is still to come whenever the test runs.
const upcoming = publicMeeting(slot('2099-03-10T14:00:00.000Z'));

function manageApi(initial: PublicMeetingDto) {
  let stored = initial;
  return stubFetch(
    ({ method, path, body }) => {
      if (path === '/api/public/meetings/mt-1/cancel' && method === 'POST') {
        stored = { ...stored, status: 'cancelled' };
        return json(stored);
      }
      if (path === '/api/public/meetings/mt-1/reschedule' && method === 'POST') {
        stored = { ...stored, ...slot((body as { start: string }).start) };
        return json(stored);
      }
      if (path === '/api/public/meetings/mt-1/slots')
        return json({
          organizerZone: 'Europe/Berlin',
          durationMinutes: 30,
          slots: [slot('2099-03-12T09:00:00.000Z'), slot('2099-03-12T10:00:00.000Z')],
          suggestions: [],
        });
      if (path === '/api/public/meetings/mt-1') return json(stored);
      return apiError(404, 'NOT_FOUND', 'Not found');
    },
    { me: null },
  );
}

describe('manage meeting page', () => {
  it('cancels after a confirm step with a reason, then says the meeting is cancelled and offers nothing else', async () => {
    const calls = manageApi(upcoming);
    const { user } = renderApp('/meeting/mt-1');
    expect(await screen.findByRole('heading', { name: 'Intro call', level: 1 })).toBeTruthy();
    expect(screen.getByText('Booked')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Join the video call' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Cancel meeting' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false); // one click only asks
    const reason = screen.getByLabelText(/Reason for Jordan Reyes/);
    expect(document.activeElement).toBe(reason);
    await user.type(reason, 'Something came up');
    await user.click(screen.getByRole('button', { name: 'Cancel meeting' }));

    const heading = await screen.findByRole('heading', { name: 'This meeting was cancelled' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      path: '/api/public/meetings/mt-1/cancel',
      body: { reason: 'Something came up' },
    });
    expect(screen.getByText(/Intro call with Jordan Reyes will not take place/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Join the video call' })).toBeNull();
  });

  it('“Keep the meeting” backs out without cancelling', async () => {
    const calls = manageApi(upcoming);
    const { user } = renderApp('/meeting/mt-1');
    await user.click(await screen.findByRole('button', { name: 'Cancel meeting' }));
    await user.click(screen.getByRole('button', { name: 'Keep the meeting' }));
    expect(screen.getByRole('button', { name: 'Reschedule' })).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('reschedules to a time picked with the shared picker', async () => {
    const calls = manageApi(upcoming);
    const { user } = renderApp('/meeting/mt-1');
    await user.click(await screen.findByRole('button', { name: 'Reschedule' }));
    await user.selectOptions(screen.getByLabelText('Times are shown in'), 'Asia/Tokyo');
    const times = await screen.findByRole('list', { name: /Times on Thursday, March 12, 2099/ });
    await user.click(within(times).getByRole('button', { name: /7:00\sPM/ }));
    await user.click(screen.getByRole('button', { name: 'Confirm new time' }));

    expect(await screen.findByText(/Moved to Thursday, March 12, 2099 · 7:00\s–\s7:30\sPM/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ start: '2099-03-12T10:00:00.000Z' });
    expect(screen.getByTestId('meeting-when').textContent).toMatch(/March 12, 2099/);
  });

  it('explains an expired meeting link', async () => {
    stubFetch(() => apiError(410, 'EXPIRED', 'This link has expired.'), { me: null });
    renderApp('/meeting/mt-old');
    expect(await screen.findByRole('heading', { name: 'This meeting link has expired' })).toBeTruthy();
  });
});
