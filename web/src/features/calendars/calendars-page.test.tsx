import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CalendarConnectionDto } from '../../../../functions/calendars/schema';
import { apiError, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const work = { url: 'https://dav.example/cal/work/', name: 'Work', canWrite: true };
const holidays = { url: 'https://dav.example/cal/holidays/', name: 'Holidays', canWrite: false };
const VIDEO = { provider: 'auto', urlTemplate: null, available: ['auto', 'jitsi', 'custom'] };

const connection = (overrides: Partial<CalendarConnectionDto> = {}): CalendarConnectionDto => ({
  id: 'conn-1',
  kind: 'caldav',
  label: 'ana · dav.example',
  serverUrl: 'https://dav.example/',
  username: 'ana',
  status: 'ok',
  lastError: null,
  checkedAt: '2026-03-01T09:00:00.000Z',
  calendars: [work, holidays],
  readCalendarUrls: [work.url, holidays.url],
  writeCalendarUrl: work.url,
  createdAt: '2026-03-01T09:00:00.000Z',
  ...overrides,
});

describe('calendars page', () => {
  it('lets the organizer offer tentative times while a calendar is down', async () => {
    let saved = 'withhold';
    const calls = stubFetch(({ method, body, path }) => {
      if (path === '/api/video') return json(VIDEO);
      if (path === '/api/calendars/audit') return json({ items: [] });
      if (path === '/api/calendars/settings') {
        if (method === 'PUT') saved = (body as { whenUnreadable: string }).whenUnreadable;
        return json({ whenUnreadable: saved });
      }
      return json({
        items: [connection({ status: 'expired', lastError: '401 refused' })],
        writesTo: 'conn-1',
      });
    });
    renderApp('/calendars');
    const panel = (await screen.findByRole('heading', { name: 'When a calendar cannot be read' })).closest(
      'section',
    )!;
    const withhold = within(panel).getByRole('radio', { name: /Offer no times/ }) as HTMLInputElement;
    expect(withhold.checked).toBe(true);
    const user = userEvent.setup();
    await user.click(within(panel).getByRole('radio', { name: /Offer tentative times that I confirm/ }));
    expect(
      await screen.findByText(
        'Saved: while a calendar is down, contacts can request tentative times you confirm.',
      ),
    ).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')).toMatchObject({
      path: '/api/calendars/settings',
      body: { whenUnreadable: 'tentative' },
    });
    await waitFor(() =>
      expect(
        (within(panel).getByRole('radio', { name: /Offer tentative times/ }) as HTMLInputElement).checked,
      ).toBe(true),
    );
  });

  it('connects a CalDAV server; a refused password is said beside the field and nothing is listed', async () => {
    let connected = false;
    const calls = stubFetch(({ method, body, path }) => {
      if (path === '/api/video') return json(VIDEO);
      if (path === '/api/calendars/audit') return json({ items: [] });
      if (method === 'POST') {
        if ((body as { password: string }).password === 'wrong') {
          return apiError(422, 'UNPROCESSABLE', 'Could not connect to dav.example: 401 refused', [
            { path: 'password', message: '401 refused' },
          ]);
        }
        connected = true;
        return json(connection(), 201);
      }
      return json({ items: connected ? [connection()] : [], writesTo: connected ? 'conn-1' : 'local' });
    });
    renderApp('/calendars');
    expect(await screen.findByText('Momentum Meet’s own calendar')).toBeTruthy();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Server address'), 'https://dav.example/');
    await user.type(screen.getByLabelText('User name'), 'ana');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText('Could not connect to dav.example: 401 refused')).toBeTruthy();
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'right');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    const panel = (await screen.findByRole('heading', { name: 'CalDAV · ana · dav.example' })).closest(
      'section',
    )!;
    expect(within(panel).getByText('Connected')).toBeTruthy();
    expect(within(panel).getAllByRole('radio')).toHaveLength(1); // a read-only calendar cannot take meetings
    expect(screen.getByTestId('writes-to').textContent).toContain('Work');
    expect(calls.filter((c) => c.method === 'POST').at(-1)?.body).toEqual({
      kind: 'caldav',
      serverUrl: 'https://dav.example/',
      username: 'ana',
      password: 'right',
    });
  });

  it('shows a broken connection with its reason, and stops reading a calendar when it is unticked', async () => {
    const calls = stubFetch(({ method, path }) =>
      path === '/api/video'
        ? json(VIDEO)
        : path === '/api/calendars/audit'
          ? json({
              items: [
                {
                  id: 'a1',
                  at: '2026-03-01T10:00:00.000Z',
                  action: 'create',
                  calendar: 'caldav',
                  connectionId: 'conn-1',
                  meetingId: 'm1',
                  eventId: null,
                  by: 'contact',
                  result: 'error',
                  error: '503 Service Unavailable',
                },
              ],
            })
          : method === 'PATCH'
            ? json(connection({ readCalendarUrls: [work.url] }))
            : json({
                items: [connection({ status: 'expired', lastError: '401: the password was refused' })],
                writesTo: 'conn-1',
              }),
    );
    renderApp('/calendars');
    expect(await screen.findByText('Password refused')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('401: the password was refused');
    // The failed write is in the log, with what the calendar said.
    const log = await screen.findByRole('list', { name: 'Recent changes to your calendars' });
    expect(log.textContent).toMatch(
      /Added a meeting in caldav by the contact.*Failed: 503 Service Unavailable/,
    );
    await userEvent.setup().click(screen.getByRole('checkbox', { name: /Holidays/ }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ readCalendarUrls: [work.url] }),
    );
  });
  it('saves a custom meeting room as where video meetings happen; a bad address is said beside it', async () => {
    const calls = stubFetch(({ method, path, body }) => {
      if (path === '/api/calendars/audit') return json({ items: [] });
      if (path !== '/api/video') return json({ items: [], writesTo: 'local' });
      if (method !== 'PUT') return json(VIDEO);
      const template = (body as { urlTemplate: string }).urlTemplate;
      if (!template.startsWith('https://')) {
        return apiError(400, 'VALIDATION', 'Use an https address', [
          { path: 'urlTemplate', message: 'Use an https address' },
        ]);
      }
      return json({ ...VIDEO, provider: 'custom', urlTemplate: template });
    });
    renderApp('/calendars');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: 'My own meeting room' }));
    await user.type(screen.getByLabelText('Meeting room address'), 'http://whereby.com/acme');
    await user.click(screen.getByRole('button', { name: 'Save video meetings' }));
    expect(await screen.findAllByText('Use an https address')).not.toHaveLength(0);
    expect(screen.getByLabelText('Meeting room address').getAttribute('aria-invalid')).toBe('true');
    await user.clear(screen.getByLabelText('Meeting room address'));
    await user.type(screen.getByLabelText('Meeting room address'), 'https://whereby.com/acme');
    await user.click(screen.getByRole('button', { name: 'Save video meetings' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'PUT').at(-1)?.body).toEqual({
        provider: 'custom',
        urlTemplate: 'https://whereby.com/acme',
      }),
    );
  });
});
