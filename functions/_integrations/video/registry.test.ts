import { afterEach, describe, expect, it } from 'vitest';
import { resetConfigForTests } from '../../_shared/config.js';
import { sampleMeetingRequest } from './contract.test-support.js';
import { getVideoProvider } from './registry.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetConfigForTests();
});

describe('getVideoProvider', () => {
  it('builds Jitsi on the configured server', async () => {
    Object.assign(process.env, {
      AzureWebJobsStorage: 'x',
      COSMOS_ENDPOINT: 'https://a.example/',
      JITSI_BASE_URL: 'https://jitsi.example.com',
    });
    resetConfigForTests();
    const { joinUrl, provider } = await getVideoProvider().createMeeting(sampleMeetingRequest());
    expect(provider).toBe('jitsi');
    expect(joinUrl).toMatch(/^https:\/\/jitsi\.example\.com\/momentum-[a-z2-7]{32}$/);
  });

  it('builds Jitsi on meet.jit.si with no video settings at all, and says what Zoom lacks', async () => {
    Object.assign(process.env, { AzureWebJobsStorage: 'x', COSMOS_ENDPOINT: 'https://a.example/' });
    for (const key of ['JITSI_BASE_URL', 'ZOOM_ACCOUNT_ID', 'ZOOM_CLIENT_ID', 'ZOOM_CLIENT_SECRET'])
      delete process.env[key];
    resetConfigForTests();
    const { joinUrl } = await getVideoProvider('jitsi').createMeeting(sampleMeetingRequest());
    expect(joinUrl).toMatch(/^https:\/\/meet\.jit\.si\/momentum-/);
    expect(() => getVideoProvider('zoom')).toThrow(/ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET/);
  });

  it('builds the custom provider from the organizer’s connection', async () => {
    Object.assign(process.env, { AzureWebJobsStorage: 'x', COSMOS_ENDPOINT: 'https://a.example/' });
    resetConfigForTests();
    const provider = getVideoProvider('custom', {
      ownerId: 'owner-1',
      credentials: { urlTemplate: 'https://whereby.com/acme' },
    });
    const meeting = await provider.createMeeting(sampleMeetingRequest());
    expect(meeting).toMatchObject({ provider: 'custom', joinUrl: 'https://whereby.com/acme' });
  });
});
