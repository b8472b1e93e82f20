import { describe, expect, it } from 'vitest';
import { runVideoContract, sampleMeetingRequest } from './contract.test-support.js';
import { base32, createJitsiVideo } from './jitsi.js';
import { videoProviders } from './registry.js';

runVideoContract('jitsi', async () => ({
  provider: videoProviders.jitsi({ JITSI_BASE_URL: 'https://meet.jit.si' }),
}));

describe('jitsi', () => {
  it('puts an unguessable room (160 bits, lower-case base32) under meet.jit.si', async () => {
    const { joinUrl } = await createJitsiVideo({ JITSI_BASE_URL: 'https://meet.jit.si' }).createMeeting(
      sampleMeetingRequest(),
    );
    expect(joinUrl).toMatch(/^https:\/\/meet\.jit\.si\/momentum-[a-z2-7]{32}$/);
  });

  it('uses the configured server, with or without a path or trailing slash', async () => {
    for (const base of [
      'https://jitsi.example.com',
      'https://jitsi.example.com/',
      'https://example.com/meet',
    ]) {
      const { joinUrl } = await createJitsiVideo({ JITSI_BASE_URL: base }).createMeeting(
        sampleMeetingRequest(),
      );
      expect(joinUrl.startsWith(`${base.replace(/\/$/, '')}/momentum-`)).toBe(true);
    }
  });

  it('refuses a server that is not https', () => {
    expect(() => createJitsiVideo({ JITSI_BASE_URL: 'http://jitsi.example.com' })).toThrow(/https/);
  });

  it('encodes base32 as RFC 4648 does', () => {
    const enc = (s: string) => base32(new TextEncoder().encode(s));
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc)).toEqual([
      '',
      'my',
      'mzxq',
      'mzxw6',
      'mzxw6yq',
      'mzxw6ytb',
      'mzxw6ytboi',
    ]);
  });
});
