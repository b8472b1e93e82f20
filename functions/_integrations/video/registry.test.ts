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
});
