import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeZoom, startFakeZoom } from '../../../tests/fakes/zoom-server.js';
import { runVideoContract, sampleMeetingRequest } from './contract.test-support.js';
import { videoProviders } from './registry.js';
import type { VideoSettings } from './video-provider.js';
import { agendaMarker, createZoomVideoWith } from './zoom.js';
import { clearZoomTokensForTests, type ZoomDeps } from './zoom-client.js';

const settingsFor = (zoom: FakeZoom): VideoSettings => ({
  JITSI_BASE_URL: 'https://meet.jit.si',
  ZOOM_ACCOUNT_ID: zoom.accountId,
  ZOOM_CLIENT_ID: zoom.clientId,
  ZOOM_CLIENT_SECRET: zoom.clientSecret,
  ZOOM_API_URL: zoom.url,
  ZOOM_OAUTH_URL: zoom.url,
});

runVideoContract('zoom', async () => {
  const zoom = await startFakeZoom();
  return {
    provider: videoProviders.zoom(settingsFor(zoom)),
    roomExists: async (m) => zoom.meetings.has(Number(m.providerMeetingId)),
    close: () => zoom.close(),
  };
});

describe('zoom', () => {
  let zoom: FakeZoom;
  let clock: number;
  const waits: number[] = [];
  const deps: ZoomDeps = {
    now: () => clock,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
  const provider = (over: Partial<VideoSettings> = {}) =>
    createZoomVideoWith({ ...settingsFor(zoom), ...over }, deps);

  beforeAll(async () => {
    zoom = await startFakeZoom();
  });
  afterAll(() => zoom.close());
  beforeEach(() => {
    clearZoomTokensForTests();
    clock = Date.now();
    waits.length = 0;
    zoom.tokensIssued = 0;
    zoom.tokenTtlSeconds = 3600;
    zoom.maxPageSize = 300;
  });

  it('schedules a Zoom meeting at the booked UTC time and length, and gives its join URL, number and dial-in', async () => {
    const request = sampleMeetingRequest({
      start: '2030-03-31T00:45:00.000Z',
      end: '2030-03-31T01:35:00.000Z',
    });
    const meeting = await provider().createMeeting(request);
    const sent = zoom.created.at(-1)!;
    expect(sent).toMatchObject({
      type: 2,
      start_time: '2030-03-31T00:45:00Z',
      duration: 50,
      topic: request.title,
      agenda: agendaMarker(request.meetingId),
      settings: { join_before_host: true, waiting_room: false, use_pmi: false, auto_recording: 'none' },
    });
    const made = zoom.meetings.get(Number(meeting.providerMeetingId))!;
    expect(meeting).toEqual({
      joinUrl: made.join_url,
      provider: 'zoom',
      meetingId: request.meetingId,
      providerMeetingId: String(made.id),
      dialIn: { number: '+1 646 558 8656', pin: `${made.id}#,,,,*${made.pstn_password}#` },
    });
  });

  it('leaves dial-in out when the account has no phone numbers, and cuts a long title to Zoom’s 200', async () => {
    const saved = zoom.dialInNumbers;
    zoom.dialInNumbers = [];
    try {
      const meeting = await provider().createMeeting(sampleMeetingRequest({ title: 'x'.repeat(300) }));
      expect(meeting.dialIn).toBeUndefined();
      expect(zoom.created.at(-1)!.topic).toHaveLength(200);
    } finally {
      zoom.dialInNumbers = saved;
    }
  });

  it('signs in once and reuses the token for later meetings, even from a new provider instance', async () => {
    await provider().createMeeting(sampleMeetingRequest());
    await Promise.all([1, 2, 3].map(() => provider().createMeeting(sampleMeetingRequest())));
    expect(zoom.tokensIssued).toBe(1);
  });

  it('gets a new token shortly before the old one expires', async () => {
    const p = provider();
    await p.createMeeting(sampleMeetingRequest());
    clock += 54 * 60_000; // 6 minutes left: still used
    await p.createMeeting(sampleMeetingRequest());
    expect(zoom.tokensIssued).toBe(1);
    clock += 2 * 60_000; // 4 minutes left: replaced first
    await p.createMeeting(sampleMeetingRequest());
    expect(zoom.tokensIssued).toBe(2);
  });

  it('when Zoom refuses the token (expired or revoked early), signs in again once and carries on', async () => {
    const p = provider();
    await p.createMeeting(sampleMeetingRequest());
    zoom.expireTokens();
    const meeting = await p.createMeeting(sampleMeetingRequest());
    expect(zoom.meetings.has(Number(meeting.providerMeetingId))).toBe(true);
    expect(zoom.tokensIssued).toBe(2);
  });

  it('waits out a 429 for as long as Retry-After says, then succeeds', async () => {
    zoom.throttleNext('2');
    zoom.throttleNext('1');
    const meeting = await provider().createMeeting(sampleMeetingRequest());
    expect(zoom.meetings.has(Number(meeting.providerMeetingId))).toBe(true);
    expect(waits).toEqual([2000, 1000]);
  });

  it('reads a Retry-After given as a date', async () => {
    zoom.throttleNext(new Date(clock + 3000).toUTCString());
    await provider().createMeeting(sampleMeetingRequest());
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(2000);
    expect(waits[0]).toBeLessThanOrEqual(3000);
  });

  it('gives up on a 429 after a bounded number of retries, or when Retry-After is too long, saying why', async () => {
    for (const r of ['1', '1', '1']) zoom.throttleNext(r);
    await expect(provider().createMeeting(sampleMeetingRequest())).rejects.toThrow(
      /rate limit.*try again later/,
    );
    expect(waits).toEqual([1000, 1000]);
    waits.length = 0;
    zoom.throttleNext('3600');
    await expect(provider().createMeeting(sampleMeetingRequest())).rejects.toThrow(/rate limit/);
    expect(waits).toEqual([]);
  });

  it('explains a failure in Zoom’s words, as a 503 AppError', async () => {
    zoom.failNext(500, 'Internal server error.');
    await expect(provider().createMeeting(sampleMeetingRequest())).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message:
        'Zoom could not make the meeting: 500 Internal server error., code 500. Please try again in a minute.',
    });
  });

  it('never puts the client secret in an error, even a sign-in failure with the wrong secret', async () => {
    const wrong = `${zoom.clientSecret}-rotated`;
    const errors: Error[] = [];
    await provider({ ZOOM_CLIENT_SECRET: wrong })
      .createMeeting(sampleMeetingRequest())
      .catch((e) => errors.push(e));
    zoom.failNext(400, `Echoing ${zoom.clientSecret} back`);
    await provider()
      .createMeeting(sampleMeetingRequest())
      .catch((e) => errors.push(e));
    await provider({ ZOOM_API_URL: 'http://127.0.0.1:1' })
      .createMeeting(sampleMeetingRequest())
      .catch((e) => errors.push(e));
    expect(errors).toHaveLength(3);
    expect(errors[0]!.message).toMatch(
      /sign in: 401 Invalid client_id or client_secret.*check ZOOM_ACCOUNT_ID/,
    );
    for (const e of errors) {
      expect(e.message).not.toContain(zoom.clientSecret);
      expect(String(e.stack)).not.toContain(zoom.clientSecret);
    }
  });

  it('finds a meeting by our id across pages of upcoming meetings when Zoom’s number was not stored', async () => {
    zoom.maxPageSize = 2;
    const p = provider();
    const meetings = [];
    for (let i = 0; i < 5; i++) meetings.push(await p.createMeeting(sampleMeetingRequest()));
    const target = meetings[1]!;
    await p.deleteMeeting(target.meetingId);
    expect(zoom.meetings.has(Number(target.providerMeetingId))).toBe(false);
    for (const m of meetings.filter((m) => m !== target))
      expect(zoom.meetings.has(Number(m.providerMeetingId))).toBe(true);
  });

  it('treats a meeting that has already ended as given up, but reports other refusals', async () => {
    const p = provider();
    const past = await p.createMeeting(sampleMeetingRequest());
    zoom.ended.add(Number(past.providerMeetingId));
    await expect(p.deleteMeeting(past.meetingId, past.providerMeetingId)).resolves.toBeUndefined();
    const live = await p.createMeeting(sampleMeetingRequest());
    zoom.failNext(400, "Sorry, you cannot delete this meeting since it's in progress.");
    await expect(p.deleteMeeting(live.meetingId, live.providerMeetingId)).rejects.toThrow(
      /could not delete the meeting: 400 .*in progress/,
    );
  });

  it('refuses Zoom addresses that are not https, except a local test server', () => {
    expect(() => provider({ ZOOM_API_URL: 'http://api.zoom.example' })).toThrow(
      /ZOOM_API_URL must be an https/,
    );
    expect(() => provider({ ZOOM_OAUTH_URL: 'http://zoom.example' })).toThrow(
      /ZOOM_OAUTH_URL must be an https/,
    );
  });

  it('says which settings are missing', () => {
    expect(() => provider({ ZOOM_CLIENT_SECRET: undefined })).toThrow(
      'Zoom needs ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET',
    );
  });
});
