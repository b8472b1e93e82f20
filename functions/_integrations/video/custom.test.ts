import { describe, expect, it } from 'vitest';
import { runVideoContract, sampleMeetingRequest } from './contract.test-support.js';
import { createCustomVideo, parseUrlTemplate } from './custom.js';
import { videoProviders } from './registry.js';

const settings = { JITSI_BASE_URL: 'https://meet.jit.si' };
const custom = (urlTemplate: string) =>
  createCustomVideo(settings, { ownerId: 'owner-1', credentials: { urlTemplate } });

runVideoContract('custom (fixed room)', async () => ({
  provider: videoProviders.custom(settings, {
    ownerId: 'owner-1',
    credentials: { urlTemplate: 'https://whereby.com/acme' },
  }),
  sharesRooms: true,
}));
runVideoContract('custom ({room} template)', async () => ({
  provider: custom('https://meet.example.com/acme-{room}'),
}));
runVideoContract('custom ({meetingId} template)', async () => ({
  provider: custom('https://meet.example.com/{meetingId}'),
}));

describe('custom', () => {
  it('gives every meeting the fixed room as written', async () => {
    const { joinUrl } = await custom('https://whereby.com/acme').createMeeting(sampleMeetingRequest());
    expect(joinUrl).toBe('https://whereby.com/acme');
  });

  it('puts our meeting id, URL-encoded, where {meetingId} is', async () => {
    const { joinUrl } = await custom('https://meet.example.com/r/{meetingId}?x=1').createMeeting(
      sampleMeetingRequest({ meetingId: 'mtg a/b' }),
    );
    expect(joinUrl).toBe('https://meet.example.com/r/mtg%20a%2Fb?x=1');
  });

  it('fills {room} with 160 random bits in lower-case base32, the same token each place it appears', async () => {
    const { joinUrl } = await custom('https://meet.example.com/{room}?name={room}').createMeeting(
      sampleMeetingRequest(),
    );
    const [, a, b] =
      /^https:\/\/meet\.example\.com\/([a-z2-7]{32})\?name=([a-z2-7]{32})$/.exec(joinUrl) ?? [];
    expect(a).toBeDefined();
    expect(a).toBe(b);
  });

  it('refuses an address that is not https, unknown placeholders, stray braces, or nothing at all', () => {
    expect(() => custom('http://meet.example.com/{room}')).toThrow('must start with https://');
    expect(() => custom('https://meet.example.com/{roomId}')).toThrow(
      'may use {meetingId} and {room} only, not {roomId}',
    );
    expect(() => custom('https://meet.example.com/{room')).toThrow('unmatched');
    expect(() => custom('not a url')).toThrow('not a valid URL');
    expect(() => createCustomVideo(settings)).toThrow('needs a video address');
    expect(() => custom('  ')).toThrow('needs a video address');
  });

  it('tells a fixed room from a template', () => {
    expect(parseUrlTemplate('https://whereby.com/acme').sharesRooms).toBe(true);
    expect(parseUrlTemplate('https://meet.example.com/{meetingId}').sharesRooms).toBe(false);
    expect(parseUrlTemplate('https://meet.example.com/{room}').sharesRooms).toBe(false);
  });
});
