import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PublicBookingInput } from '../../../../functions/booking/schema';
import { apiError, bookingPage, json, publicMeeting, slot, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

// 14:00Z and 15:30Z fall on two different days in Tokyo (23:00 on the 10th, 00:30 on the 11th).
const FREE = [
  slot('2026-03-10T14:00:00.000Z'),
  slot('2026-03-10T15:30:00.000Z'),
  slot('2026-03-11T09:00:00.000Z'),
];

/** The public booking API for link `tok-1`; `onBook` answers the POST. */
function bookingApi(onBook: (body: PublicBookingInput) => Response, { tentative = false } = {}) {
  return stubFetch(
    ({ method, path, body }) => {
      if (path === '/api/public/booking/tok-1/slots')
        return json({
          tentative,
          organizerZone: 'Europe/Berlin',
          durationMinutes: 30,
          slots: FREE,
          suggestions: [],
        });
      if (path === '/api/public/booking/tok-1' && method === 'POST')
        return onBook(body as PublicBookingInput);
      if (path === '/api/public/booking/tok-1') return json(bookingPage());
      return apiError(404, 'NOT_FOUND', 'Not found');
    },
    { me: null },
  );
}

describe('booking page', () => {
  it('offers a chat instead of the calendar: the assistant greets, asks, and its buttons answer', async () => {
    const said: string[] = [];
    stubFetch(
      ({ method, path, body }) => {
        if (path === '/api/public/booking/tok-1/chat' && method === 'POST') {
          const { text, conversationId, timeZone } = body as {
            text: string;
            conversationId: string;
            timeZone: string;
          };
          expect(conversationId).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
          expect(timeZone).toBeTruthy();
          said.push(text);
          if (text === '')
            return json({
              replies: [
                { text: 'Hi! I can book you a 30-minute Intro call with Jordan Reyes.', choices: [] },
                { text: 'What is your name?', choices: [] },
              ],
            });
          if (text === 'Ada Lovelace')
            return json({
              replies: [
                { text: 'Which time suits you?', choices: ['Tue 10 Mar, 15:00', 'Wed 11 Mar, 10:00'] },
              ],
            });
          return json({ replies: [{ text: `You're booked for ${text}.`, choices: [] }] });
        }
        if (path === '/api/public/booking/tok-1/slots')
          return json({
            tentative: false,
            organizerZone: 'Europe/Berlin',
            durationMinutes: 30,
            slots: FREE,
            suggestions: [],
          });
        if (path === '/api/public/booking/tok-1') return json(bookingPage());
        return apiError(404, 'NOT_FOUND', 'Not found');
      },
      { me: null },
    );
    const { user } = renderApp('/book/tok-1');
    await user.click(await screen.findByRole('button', { name: 'Book in a chat' }));
    const log = await screen.findByRole('log', { name: 'Conversation' });
    await waitFor(() => expect(log.textContent).toContain('What is your name?'));
    await user.type(screen.getByLabelText('Your message'), 'Ada Lovelace');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await user.click(await screen.findByRole('button', { name: 'Wed 11 Mar, 10:00' }));
    await waitFor(() => expect(log.textContent).toContain("You're booked for Wed 11 Mar, 10:00."));
    expect(said).toEqual(['', 'Ada Lovelace', 'Wed 11 Mar, 10:00']);
    // The visitor's own words are in the log too, and the buttons are gone once answered.
    expect(log.textContent).toContain('Ada Lovelace');
    expect(screen.queryByRole('button', { name: 'Tue 10 Mar, 15:00' })).toBeNull();
  });

  it('says the times are tentative while the organizer’s calendar is down, and a booking is a request', async () => {
    bookingApi(
      (body) =>
        json({ meeting: publicMeeting({ ...slot(body.start), status: 'requested', joinUrl: null }) }, 201),
      { tentative: true },
    );
    const { user } = renderApp('/book/tok-1');
    const notice = await screen.findByText(/These times are tentative/);
    expect(notice.closest('[role="status"]')?.textContent).toMatch(
      /Jordan Reyes will confirm the time you pick/,
    );
    await user.click(await screen.findByRole('button', { name: /Wed, Mar 11/ }));
    await user.click(within(screen.getByRole('list', { name: /Times on/ })).getAllByRole('button')[0]!);
    await user.click(
      within(screen.getByRole('form', { name: 'Confirm your meeting' })).getByRole('button', {
        name: 'Confirm',
      }),
    );
    expect(await screen.findByRole('heading', { name: 'Request sent to Jordan Reyes' })).toBeTruthy();
    expect(screen.getByText(/The time is held for you/)).toBeTruthy();
    // Nothing to add to a calendar before the organizer confirms.
    expect(screen.queryByRole('link', { name: 'Download invitation (.ics)' })).toBeNull();
  });

  it('books a time picked in the chosen zone and confirms it in that zone, with calendar and manage links', async () => {
    const calls = bookingApi((body) =>
      json({ meeting: publicMeeting({ ...slot(body.start), contactZone: body.timeZone }) }, 201),
    );
    const { user, router } = renderApp('/book/tok-1');

    expect(await screen.findByRole('heading', { name: 'Intro call', level: 1 })).toBeTruthy();
    expect(screen.getByText('Jordan Reyes')).toBeTruthy();
    expect(screen.getByText('30 minutes · Video call')).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull(); // no signed-in app around it

    await user.selectOptions(screen.getByLabelText('Times are shown in'), 'Asia/Tokyo');
    const wednesday = await screen.findByRole('button', { name: /Wed, Mar 11\s*2 times/ });
    await user.click(wednesday);
    const times = screen.getByRole('list', { name: /Times on Wednesday, March 11, 2026/ });
    expect(
      within(times)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([expect.stringMatching(/12:30\sAM/), expect.stringMatching(/6:00\sPM/)]);
    await user.click(within(times).getByRole('button', { name: /12:30\sAM/ }));

    const form = screen.getByRole('form', { name: 'Confirm your meeting' });
    expect(document.activeElement).toBe(within(form).getByRole('heading', { name: 'Confirm your meeting' }));
    expect(form.textContent).toMatch(/Wednesday, March 11, 2026/);
    expect((within(form).getByLabelText('Your name') as HTMLInputElement).value).toBe('Ada Lovelace');
    const email = within(form).getByLabelText('Your email');
    await user.clear(email);
    await user.type(email, 'ada@lovelace.example');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.click(within(form).getByRole('button', { name: 'Confirm' }));

    const booked = await screen.findByRole('heading', { name: 'You’re booked with Jordan Reyes' });
    expect(document.activeElement).toBe(booked);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      start: '2026-03-10T15:30:00.000Z',
      timeZone: 'Asia/Tokyo',
      name: 'Ada Lovelace',
      email: 'ada@lovelace.example',
      note: '',
    });
    const when = screen.getByTestId('meeting-when').textContent;
    expect(when).toMatch(/Wednesday, March 11, 2026 · 12:30\s–\s1:00\sAM/);
    expect(when).toContain('Asia/Tokyo');
    expect(screen.getByTestId('meeting-when-organizer').textContent).toMatch(
      /4:30\s–\s5:00\sPM for Jordan Reyes \(Berlin\)/,
    );
    expect(screen.getByRole('link', { name: 'Join the video call' }).getAttribute('href')).toBe(
      'https://meet.example.com/abc',
    );
    expect(screen.getByRole('link', { name: 'Download invitation (.ics)' }).getAttribute('href')).toBe(
      '/api/public/meetings/mt-1/invite.ics',
    );
    expect(screen.getByRole('link', { name: 'Google Calendar' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Outlook' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Reschedule or cancel this meeting' }).getAttribute('href')).toBe(
      'http://localhost/meeting/mt-1',
    );
    expect(router.state.location.pathname).toBe('/book/tok-1');
  });

  it('preselects the emailed ?slot= without booking, and offers the alternatives when it was just taken', async () => {
    let attempts = 0;
    const calls = bookingApi((body) => {
      attempts++;
      if (attempts === 1)
        return json(
          {
            error: { code: 'CONFLICT', message: 'That time was just booked — pick another.' },
            alternatives: [slot('2026-03-11T10:00:00.000Z'), slot('2026-03-11T11:00:00.000Z')],
          },
          409,
        );
      return json({ meeting: publicMeeting({ ...slot(body.start) }) }, 201);
    });
    const { user } = renderApp('/book/tok-1?slot=2026-03-11T09:00:00Z');
    await user.selectOptions(await screen.findByLabelText('Times are shown in'), 'Asia/Tokyo');

    const form = await screen.findByRole('form', { name: 'Confirm your meeting' });
    expect(form.textContent).toMatch(/Wednesday, March 11, 2026.*6:00\s–\s6:30\sPM/s);
    expect(calls.some((c) => c.method === 'POST')).toBe(false); // opening the link never books
    await user.click(within(form).getByRole('button', { name: 'Confirm' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('That time was just taken — here are the nearest free times.');
    expect(document.activeElement).toBe(alert);
    const choices = within(alert).getByRole('list', { name: 'Nearest free times' });
    expect(
      within(choices)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([
      expect.stringMatching(/Wed, Mar 11, 7:00\sPM/),
      expect.stringMatching(/Wed, Mar 11, 8:00\sPM/),
    ]);
    await user.click(within(choices).getByRole('button', { name: /8:00\sPM/ }));
    await user.click(screen.getByRole('button', { name: 'Confirm' }));

    expect(await screen.findByRole('heading', { name: 'You’re booked with Jordan Reyes' })).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => (c.body as PublicBookingInput).start)).toEqual(
      ['2026-03-11T09:00:00.000Z', '2026-03-11T11:00:00.000Z'],
    );
  });

  it('says when the emailed time is no longer free and shows the nearest free times', async () => {
    bookingApi(() => json({}, 500));
    const { user } = renderApp('/book/tok-1?slot=2026-03-11T08:00:00.000Z');
    await user.selectOptions(await screen.findByLabelText('Times are shown in'), 'Asia/Tokyo');
    const notice = await screen.findByText(/Wed, Mar 11, 5:00\sPM is no longer free/);
    const nearest = within(notice.closest('.notice') as HTMLElement).getAllByRole('button');
    expect(nearest.map((b) => b.textContent)).toEqual([
      expect.stringMatching(/Tue, Mar 10, 11:00\sPM/),
      expect.stringMatching(/Wed, Mar 11, 12:30\sAM/),
      expect.stringMatching(/Wed, Mar 11, 6:00\sPM/),
    ]);
    expect(screen.queryByRole('form', { name: 'Confirm your meeting' })).toBeNull();
  });

  it('shows the API’s field error beside the email field', async () => {
    bookingApi(() =>
      apiError(400, 'VALIDATION', 'Some fields need fixing.', [
        { path: 'email', message: 'Enter an email address such as jordan@example.com' },
      ]),
    );
    const { user } = renderApp('/book/tok-1?slot=2026-03-11T09:00:00.000Z');
    await user.click(await screen.findByRole('button', { name: 'Confirm' }));
    const email = screen.getByLabelText('Your email');
    expect(await screen.findByText('Enter an email address such as jordan@example.com')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');
  });
});

describe('a booking link that does not open', () => {
  it('explains an expired link and who to ask, without sending the visitor to sign in', async () => {
    stubFetch(() => apiError(410, 'EXPIRED', 'This link has expired.'), { me: null });
    const { router } = renderApp('/book/tok-old');
    expect(await screen.findByRole('heading', { name: 'This booking link has expired' })).toBeTruthy();
    expect(screen.getByText(/Ask the person who sent it for a new link/)).toBeTruthy();
    expect(router.state.location.pathname).toBe('/book/tok-old');
  });

  it('tells the visitor to copy the whole link when it was altered (401), and stays on the page', async () => {
    stubFetch(() => apiError(401, 'UNAUTHENTICATED', 'This link is not valid.'), { me: null });
    const { router } = renderApp('/book/tok-cut');
    expect(await screen.findByRole('heading', { name: 'This booking link does not work' })).toBeTruthy();
    expect(screen.getByText(/Copy the whole link from the email/)).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(router.state.location.pathname).toBe('/book/tok-cut');
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
  });

  it('asks for a moment when slots are rate-limited, and Try again loads them', async () => {
    let limited = true;
    stubFetch(
      ({ path }) => {
        if (path.endsWith('/slots')) {
          if (limited) {
            limited = false;
            return apiError(429, 'RATE_LIMITED', 'Slow down.');
          }
          return json({ organizerZone: 'Europe/Berlin', durationMinutes: 30, slots: FREE, suggestions: [] });
        }
        return json(bookingPage());
      },
      { me: null },
    );
    const { user } = renderApp('/book/tok-1');
    expect(
      await screen.findByText('Too many requests right now. Wait a moment, then try again.'),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getAllByRole('button', { name: /times?$/ }).length).toBeGreaterThan(0));
  });
});
