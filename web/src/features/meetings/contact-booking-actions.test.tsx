import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, contact, json, meeting, slot, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const ada = contact({ id: 'c-ada', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' });
const LINK = 'http://localhost/book/tok-ada';

describe('booking from a contact’s page', () => {
  it('“Copy booking link” puts the link on the clipboard and says so', async () => {
    const calls = stubFetch(({ method, path }) => {
      if (method === 'POST' && path === '/api/contacts/c-ada/booking-link')
        return json({ url: LINK, expiresAt: '2026-04-01T00:00:00.000Z' });
      return json(ada);
    });
    const { user } = renderApp('/contacts/c-ada');
    await user.click(await screen.findByRole('button', { name: 'Copy booking link' }));

    expect(await screen.findByText('Booking link copied')).toBeTruthy();
    expect(await navigator.clipboard.readText()).toBe(LINK);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({});
  });

  it('says why when no link could be made', async () => {
    stubFetch(({ method }) =>
      method === 'POST'
        ? apiError(400, 'NO_MEETING_TYPE', 'Set up a meeting type on Availability first.')
        : json(ada),
    );
    const { user } = renderApp('/contacts/c-ada');
    await user.click(await screen.findByRole('button', { name: 'Copy booking link' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Set up a meeting type on Availability first.',
    );
    expect(screen.queryByText('Booking link copied')).toBeNull();
  });

  it('“Book a meeting” books a picked time, and a taken time offers the alternatives', async () => {
    let attempts = 0;
    const calls = stubFetch(({ method, path, body }) => {
      if (path === '/api/availability')
        return json({
          meetingTypes: [
            {
              id: 'intro',
              name: 'Intro call',
              durationMinutes: 30,
              description: '',
              location: 'video',
              active: true,
            },
          ],
        });
      if (path === '/api/slots')
        return json({
          organizerZone: 'Europe/Berlin',
          contactZone: 'Asia/Tokyo',
          durationMinutes: 30,
          meetingType: { id: 'intro', name: 'Intro call' },
          slots: [slot('2026-03-10T14:00:00.000Z'), slot('2026-03-10T15:00:00.000Z')],
          suggestions: [],
        });
      if (method === 'POST' && path === '/api/meetings') {
        attempts++;
        if (attempts === 1)
          return json(
            {
              error: { code: 'CONFLICT', message: 'That time was just booked.' },
              alternatives: [slot('2026-03-10T16:00:00.000Z')],
            },
            409,
          );
        return json(meeting({ id: 'm-1', ...slot((body as { start: string }).start) }), 201);
      }
      return json(ada);
    });
    const { user } = renderApp('/contacts/c-ada');
    await user.click(await screen.findByRole('button', { name: 'Book a meeting' }));
    const dialog = screen.getByRole('dialog', { name: 'Book a meeting with Ada Lovelace' });
    const times = await within(dialog).findByRole('list', { name: /Times on Tuesday, March 10, 2026/ });
    // Berlin for the organizer, Tokyo for Ada under each time.
    await user.click(within(times).getByRole('button', { name: /3:00\sPM\s*11:00\sPM for Ada \(Tokyo\)/ }));
    await user.click(within(dialog).getByRole('button', { name: /Book Tue, Mar 10, 3:00\sPM/ }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('That time was just taken');
    await user.click(within(alert).getByRole('button', { name: /Tue, Mar 10, 5:00\sPM\s*1:00\sAM for Ada/ }));
    await user.click(within(dialog).getByRole('button', { name: /Book Tue, Mar 10, 5:00\sPM/ }));

    expect(
      await screen.findByText(/Booked Intro call with Ada Lovelace, Tue, Mar 10, 5:00\sPM/),
    ).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { contactId: 'c-ada', meetingTypeId: 'intro', start: '2026-03-10T14:00:00.000Z' },
      { contactId: 'c-ada', meetingTypeId: 'intro', start: '2026-03-10T16:00:00.000Z' },
    ]);
    expect(calls.find((c) => c.path === '/api/slots')?.params.get('contactId')).toBe('c-ada');
    expect(screen.getByRole('button', { name: 'Open Meetings' })).toBeTruthy();
  });
});
