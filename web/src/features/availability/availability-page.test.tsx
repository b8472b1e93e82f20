import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AvailabilityDto, AvailabilityPreview } from '../../../../functions/availability/schema';
import { apiError, type FakeCall, json, stubFetch } from '../../test/fake-api';
import { renderApp } from '../../test/render-app';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const settings = (overrides: Partial<AvailabilityDto> = {}): AvailabilityDto => ({
  rules: {
    timeZone: 'Europe/Berlin',
    weeklyHours: {
      sun: [],
      mon: nineToFive,
      tue: nineToFive,
      wed: nineToFive,
      thu: nineToFive,
      fri: nineToFive,
      sat: [],
    },
    dateOverrides: [],
    meetingLengths: [30],
    bufferBeforeMinutes: 15,
    bufferAfterMinutes: 15,
    minimumNoticeMinutes: 240,
    maxDaysAhead: 14,
    maxMeetingsPerDay: null,
    slotIntervalMinutes: 30,
  },
  meetingTypes: [
    {
      id: 'intro',
      name: 'Intro call',
      durationMinutes: 30,
      description: '',
      location: 'video',
      video: 'default',
      active: true,
    },
  ],
  etag: '"v1"',
  updatedAt: '2026-03-01T09:00:00.000Z',
  ...overrides,
});
const preview = (locals: string[]): AvailabilityPreview => ({
  timeZone: 'Europe/Berlin',
  meetingType: { id: 'intro', name: 'Intro call', durationMinutes: 30 },
  days: [
    {
      date: '2026-03-02',
      slots: locals.map((local) => ({
        start: `2026-03-02T${local}:00+01:00`,
        end: `2026-03-02T${local}:00+01:00`,
        local,
      })),
    },
    { date: '2026-03-03', slots: [] },
  ],
});

const VIDEO = { provider: 'auto', urlTemplate: null, available: ['auto', 'jitsi', 'zoom', 'custom'] };

/** The API as the page uses it: `onPut` answers saves; the preview changes once something was saved. */
function api(onPut: (call: FakeCall) => Response) {
  let saves = 0;
  return stubFetch((call) => {
    if (call.path === '/api/availability' && call.method === 'GET') return json(settings());
    if (call.path === '/api/availability' && call.method === 'PUT') {
      const response = onPut(call);
      if (response.ok) saves++;
      return response;
    }
    if (call.path === '/api/availability/preview')
      return json(preview(saves ? ['10:00'] : ['09:00', '09:30']));
    if (call.path === '/api/video') return json(VIDEO);
    return json({ items: [] });
  });
}

describe('availability page', () => {
  it('saves the rules and meeting types with the etag it read, then refreshes the preview', async () => {
    const calls = api((call) => json({ ...settings(), ...(call.body as object), etag: '"v2"' }));
    const { user } = renderApp('/availability');
    const list = await screen.findByRole('list', { name: /Slots on/ });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['09:00', '09:30']);
    expect(calls.find((c) => c.path === '/api/availability')?.params.get('timeZone')).toBeTruthy();

    // Saturday on, a second range on Monday, a blocked date, a 60-minute type, a daily cap.
    await user.click(screen.getByRole('checkbox', { name: 'Saturday' }));
    await user.click(screen.getByRole('button', { name: 'Add hours to Monday' }));
    await user.click(screen.getByRole('button', { name: 'Add a date' }));
    await user.type(screen.getByLabelText('Date'), '2026-03-10');
    await user.click(screen.getByRole('button', { name: 'Add a meeting type' }));
    const names = screen.getAllByLabelText('Name');
    await user.type(names[1]!, 'Deep dive');
    const lengths = screen.getAllByLabelText('Length (minutes)');
    await user.clear(lengths[1]!);
    await user.type(lengths[1]!, '60');
    await user.selectOptions(screen.getAllByLabelText('Where')[1]!, 'in-person');
    // The intro call picks Zoom for its rooms; an in-person type has no room to choose.
    expect(screen.getAllByLabelText('Video room')).toHaveLength(1);
    expect(
      within(screen.getByLabelText('Video room'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Your default (Automatic)', 'Jitsi Meet (no account needed)', 'Zoom', 'My own meeting room']);
    await user.selectOptions(screen.getByLabelText('Video room'), 'zoom');
    await user.type(screen.getByLabelText('Meetings per day'), '4');
    await user.click(screen.getByRole('button', { name: 'Save availability' }));

    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const body = calls.find((c) => c.method === 'PUT')!.body as AvailabilityDto;
    expect(body.etag).toBe('"v1"');
    expect(body.rules.weeklyHours.sat).toEqual(nineToFive);
    expect(body.rules.weeklyHours.mon).toEqual([
      { start: '09:00', end: '17:00' },
      { start: '17:00', end: '18:00' },
    ]);
    expect(body.rules.dateOverrides).toEqual([{ type: 'blocked', date: '2026-03-10' }]);
    expect(body.rules.maxMeetingsPerDay).toBe(4);
    expect(body.rules.timeZone).toBe('Europe/Berlin');
    expect(body.meetingTypes).toHaveLength(2);
    expect(body.meetingTypes[0]).toMatchObject({ id: 'intro', location: 'video', video: 'zoom' });
    expect(body.meetingTypes[1]).toMatchObject({
      name: 'Deep dive',
      durationMinutes: 60,
      location: 'in-person',
      description: '',
      active: true,
    });
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: /Slots on/ }))
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual(['10:00']),
    );
  });

  it('shows a refused range beside the range the API names', async () => {
    api(() =>
      apiError(
        400,
        'VALIDATION',
        'Invalid input — rules.weeklyHours.mon.1: 11:00–13:00 overlaps 09:00–12:00',
        [{ path: 'rules.weeklyHours.mon.1', message: '11:00–13:00 overlaps 09:00–12:00' }],
      ),
    );
    const { user } = renderApp('/availability');
    await user.click(await screen.findByRole('button', { name: 'Add hours to Monday' }));
    await user.click(screen.getByRole('button', { name: 'Save availability' }));
    const monday = screen.getByRole('group', { name: 'Monday' });
    expect(await within(monday).findByText('11:00–13:00 overlaps 09:00–12:00')).toBeTruthy();
    expect(within(monday).getByLabelText('Monday from 2').getAttribute('aria-invalid')).toBe('true');
    expect(within(screen.getByRole('group', { name: 'Tuesday' })).queryByText(/overlaps/)).toBeNull();
  });

  it('says another tab changed it and reloads their version on request', async () => {
    let reads = 0;
    stubFetch((call) => {
      if (call.path === '/api/availability' && call.method === 'GET') {
        reads++;
        return json(
          reads === 1
            ? settings()
            : settings({ etag: '"v9"', rules: { ...settings().rules, timeZone: 'Asia/Tokyo' } }),
        );
      }
      if (call.method === 'PUT') {
        return apiError(
          409,
          'CONFLICT',
          'Your availability was changed in another tab — reload to see it before saving.',
        );
      }
      if (call.path === '/api/video') return json(VIDEO);
      return json(preview([]));
    });
    const { user } = renderApp('/availability');
    await user.click(await screen.findByRole('button', { name: 'Save availability' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('changed in another tab');
    await user.click(within(alert).getByRole('button', { name: 'Reload their changes' }));
    await waitFor(() =>
      expect((screen.getByLabelText('Your hours are in') as HTMLSelectElement).value).toBe('Asia/Tokyo'),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
