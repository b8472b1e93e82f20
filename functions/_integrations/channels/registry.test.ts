import { describe, expect, it } from 'vitest';
import { createMemoryOutboxStore } from '../../../tests/fakes/outbox-store.js';
import { startFakeTeams } from '../../../tests/fakes/teams-webhook-server.js';
import { createOutboxEmail } from '../email/outbox.js';
import { sampleNotification } from './contract.test-support.js';
import { channelFactories, createChannel } from './registry.js';
import { createMemorySentLedger } from './sent-ledger.js';

const configs = {
  email: { provider: createOutboxEmail(createMemoryOutboxStore()) },
  'sms-twilio': { accountSid: `AC${'0'.repeat(32)}`, authToken: 'x', from: '+14155552671' },
  'sms-acs': { endpoint: 'https://acs.example/', accessKey: 'a2V5', from: '+18445550100' },
  whatsapp: { phoneNumberId: '1', accessToken: 'x', template: { name: 't', language: 'en' } },
  slack: { webhookUrl: 'https://hooks.slack.example/services/x' },
  teams: { webhookUrl: 'https://teams.example/workflows/x' },
  'teams-chat': { serviceUrl: 'https://smba.example/', conversationId: 'a:1', token: async () => null },
};

describe('channel registry', () => {
  it('builds every channel under its own name, so delivery records and the ledger agree', () => {
    for (const name of Object.keys(channelFactories) as (keyof typeof configs)[]) {
      expect(createChannel(name, configs[name] as never).name).toBe(name);
    }
    expect(Object.keys(channelFactories).sort()).toEqual(Object.keys(configs).sort());
  });

  it('sends a notification id once through a registered channel whose vendor would post it twice', async () => {
    const fake = await startFakeTeams();
    try {
      const channel = createChannel('teams', { webhookUrl: fake.webhookUrl }, createMemorySentLedger());
      const n = sampleNotification({ name: 'Hana' });
      expect((await channel.send(n)).status).toBe('sent');
      expect((await channel.send(n)).status).toBe('already-sent');
      expect(fake.posted).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it('sends a notice refused for a broken connection once the owner has fixed it', async () => {
    const fake = await startFakeTeams();
    try {
      const ledger = createMemorySentLedger();
      const n = sampleNotification({ name: 'Hana' });
      const broken = createChannel('teams', { webhookUrl: fake.removedUrl }, ledger);
      expect((await broken.send(n)).status).toBe('rejected');
      const fixed = createChannel('teams', { webhookUrl: fake.webhookUrl }, ledger);
      expect((await fixed.send(n)).status).toBe('sent');
      expect(fake.posted).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});
