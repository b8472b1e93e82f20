import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleNotification } from '../../functions/_integrations/channels/contract.test-support.js';
import { sendOnce } from '../../functions/_integrations/channels/sent-ledger.js';
import { createTwilioSmsChannel } from '../../functions/_integrations/channels/sms-twilio.js';
import { cosmosRecordStore, listRecords } from '../../functions/notifications/cosmos-records.js';
import {
  applyProviderStatus,
  CLAIM_LEASE_MS,
  createRecordLedger,
  recordId,
} from '../../functions/notifications/records.js';
import { type FakeTwilio, startFakeTwilio } from '../fakes/twilio-server.js';
import { useEmulators } from './support/app.js';

let twilio: FakeTwilio;
const sms = () =>
  createTwilioSmsChannel({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    from: '+14155552671',
    apiUrl: twilio.url,
  });
const clock = (iso: string) => () => new Date(iso);

beforeAll(async () => {
  useEmulators();
  twilio = await startFakeTwilio();
});
afterAll(() => twilio.close());

describe('delivery records in Cosmos as the sent ledger', () => {
  it('a queue message redelivered to two workers at once texts the person once', async () => {
    const n = sampleNotification(
      { name: 'Ada', phone: '+447911123456' },
      {
        ownerId: 'owner-race',
        about: { kind: 'booked', meetingId: 'mtg-race', contactId: 'c-ada', role: 'contact' },
      },
    );
    const now = clock('2026-03-01T10:00:00Z');
    // Two workers, each with its own ledger over the same Cosmos container, as two instances would be.
    const workerA = sendOnce(sms(), createRecordLedger(cosmosRecordStore, now));
    const workerB = sendOnce(sms(), createRecordLedger(cosmosRecordStore, now));
    const before = twilio.accepted.length;
    const results = await Promise.all([workerA.send(n), workerB.send(n)]);

    expect(twilio.accepted.length - before).toBe(1);
    expect(results.map((r) => r.status).sort()).toEqual(['retry', 'sent']);
    // The loser's queue message comes back later and finds it sent.
    expect(await workerB.send(n)).toEqual({ status: 'already-sent' });
    expect(twilio.accepted.length - before).toBe(1);

    const record = await cosmosRecordStore.find('owner-race', recordId('sms-twilio', n.id));
    expect(record).toMatchObject({
      channel: 'sms-twilio',
      status: 'sent',
      meetingId: 'mtg-race',
      contactId: 'c-ada',
      providerMessageId: twilio.accepted.at(-1)!.message.sid,
      steps: { queued: '2026-03-01T10:00:00.000Z', sent: '2026-03-01T10:00:00.000Z' },
    });
  });

  it('records a refusal with its reason, and a later attempt (the retry) takes the record over', async () => {
    twilio.invalidNumbers.add('+447911123000');
    const n = sampleNotification({ name: 'Bo', phone: '+447911123000' }, { ownerId: 'owner-refused' });
    const channel = sendOnce(sms(), createRecordLedger(cosmosRecordStore, clock('2026-03-01T10:00:00Z')));
    expect(await channel.send(n)).toMatchObject({ status: 'rejected' });
    const { docs } = await listRecords('owner-refused', { status: 'failed' });
    expect(docs).toHaveLength(1);
    expect(docs[0]!.error).toMatch(/21211.*not valid/);

    twilio.invalidNumbers.delete('+447911123000');
    const later = sendOnce(sms(), createRecordLedger(cosmosRecordStore, clock('2026-03-01T11:00:00Z')));
    expect(await later.send(n)).toMatchObject({ status: 'sent' });
    const record = await cosmosRecordStore.find('owner-refused', docs[0]!.id);
    expect(record).toMatchObject({ status: 'sent', attempts: 2, error: null });
    expect(record!.steps.failed).toBe('2026-03-01T10:00:00.000Z');
  });

  it('takes over a claim whose worker died once the lease has run out, not before', async () => {
    const n = sampleNotification({ name: 'Cy', phone: '+447911123457' }, { ownerId: 'owner-died' });
    const start = Date.parse('2026-03-01T10:00:00Z');
    const dead = createRecordLedger(cosmosRecordStore, () => new Date(start));
    expect(await dead.claim('k', n, 'sms-twilio')).toBe('claimed'); // …and the worker dies here
    const soon = sendOnce(
      sms(),
      createRecordLedger(cosmosRecordStore, () => new Date(start + 60_000)),
    );
    expect(await soon.send(n)).toMatchObject({ status: 'retry' });
    const late = sendOnce(
      sms(),
      createRecordLedger(cosmosRecordStore, () => new Date(start + CLAIM_LEASE_MS + 1)),
    );
    expect(await late.send(n)).toMatchObject({ status: 'sent' });
  });

  it('moves forward on provider callbacks and ignores a replayed or late one', async () => {
    const n = sampleNotification({ name: 'Di', phone: '+447911123458' }, { ownerId: 'owner-cb' });
    await sendOnce(sms(), createRecordLedger(cosmosRecordStore, clock('2026-03-01T10:00:00Z'))).send(n);
    const sid = twilio.accepted.at(-1)!.message.sid;
    const apply = (status: 'sent' | 'delivered' | 'read', at: string) =>
      applyProviderStatus(cosmosRecordStore, 'owner-cb', { providerMessageId: sid, status, at });
    expect(await apply('delivered', '2026-03-01T10:00:05Z')).toBe('updated');
    expect(await apply('delivered', '2026-03-01T10:09:00Z')).toBe('unchanged');
    expect(await apply('sent', '2026-03-01T10:00:01Z')).toBe('unchanged');
    const record = await cosmosRecordStore.find('owner-cb', recordId('sms-twilio', n.id));
    expect(record).toMatchObject({ status: 'delivered', steps: { delivered: '2026-03-01T10:00:05Z' } });
  });
});
