import { unzipSync } from 'fflate';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { createOutboxEmail } from '../../functions/_integrations/email/outbox.js';
import { getContainer } from '../../functions/_shared/cosmos/client.js';
import { CONTAINER_DEFINITIONS, type ContainerName } from '../../functions/_shared/cosmos/containers.js';
import { BLOB_CONTAINERS, getBlobContainer } from '../../functions/_shared/storage.js';
import { meetingIcs } from '../../functions/booking/ics.js';
import { cosmosTranscripts } from '../../functions/bot/transcripts.js';
import { writeMessages } from '../../functions/campaigns/store.js';
import { contactIdFor, contactKey } from '../../functions/contacts/identity.js';
import { ERASED_ROW_REASON } from '../../functions/import/pipeline.js';
import { cosmosRecordStore } from '../../functions/notifications/cosmos-records.js';
import { makeDailyReport } from '../../functions/reports/reports.js';
import { reportDeps } from '../../functions/reports/store.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { toCsv, uploadForm } from './support/files.js';
import { openEveryDay, ownerOf } from './support/seed.js';

/**
 * Data rights on the real emulators: a contact seeded everywhere the product keeps a person (an
 * import, a campaign email with its events, a booked meeting and its invitation, a chat, consent,
 * a notification, pipeline moves, a daily report), exported, erased, then every container and
 * every blob container swept for their email, name and phone.
 */
let app: TestApp;
let alice: Session;
let bob: Session;
let aliceId: string;
let bobId: string;

const ADA = {
  first: 'Ada',
  last: 'Lovelace',
  email: 'ada.lovelace@analytical.example',
  phone: '+447700900123',
};
const HEADERS = ['First name', 'Last name', 'Email', 'Phone', 'Company'];
const ADA_ROW = [ADA.first, ADA.last, ADA.email, ADA.phone, 'Analytical Engines'];
const GRACE_ROW = ['Grace', 'Hopper', 'grace@navy.example', '+447700900456', 'Navy'];
const json = (body: unknown): RequestInit => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
  alice = await app.signIn('privacy-alice@example.com', 'Alice');
  bob = await app.signIn('privacy-bob@example.com', 'Bob');
  aliceId = await ownerOf(alice);
  bobId = await ownerOf(bob);
});
afterAll(() => app.close());

async function importRows(session: Session, rows: string[][], options: { importErased?: boolean } = {}) {
  const preview = await session.fetch('/api/imports', {
    method: 'POST',
    body: uploadForm('people.csv', toCsv(HEADERS, rows)),
  });
  expect(preview.status, await preview.clone().text()).toBe(201);
  const { id, mapping } = await preview.json();
  const done = await session.fetch(`/api/imports/${id}/commit`, {
    method: 'POST',
    ...json({ mapping, ...options }),
  });
  expect(done.status, await done.clone().text()).toBe(200);
  return done.json();
}

const adaId = contactIdFor(contactKey({ email: ADA.email })!);
const NEEDLES = [ADA.email, `${ADA.first} ${ADA.last}`, ADA.phone, ADA.phone.replace('+', '')].map((n) =>
  n.toLowerCase(),
);

/** Where Alice's data still names Ada: "container: doc id" for documents, "blob: name" for files. */
async function traces(): Promise<string[]> {
  const found: string[] = [];
  for (const name of Object.keys(CONTAINER_DEFINITIONS) as ContainerName[]) {
    const { resources } = await (await getContainer(name)).items
      .query<{ id: string; ownerId: string }>('SELECT * FROM c')
      .fetchAll();
    for (const doc of resources) {
      if (doc.ownerId === bobId) continue;
      const text = JSON.stringify(doc).toLowerCase();
      if (NEEDLES.some((n) => text.includes(n))) found.push(`${name}: ${doc.id}`);
    }
  }
  for (const containerName of Object.values(BLOB_CONTAINERS)) {
    const container = await getBlobContainer(containerName);
    for await (const item of container.listBlobsFlat({ prefix: `${aliceId}/` })) {
      const bytes = await container.getBlobClient(item.name).downloadToBuffer();
      const text = item.name.endsWith('.xlsx')
        ? (() => {
            const book = XLSX.read(bytes, { type: 'buffer' });
            return book.SheetNames.map((s) => XLSX.utils.sheet_to_csv(book.Sheets[s]!)).join('\n');
          })()
        : bytes.toString('utf8');
      if (NEEDLES.some((n) => text.toLowerCase().includes(n))) found.push(`${containerName}: ${item.name}`);
    }
  }
  return found;
}

describe('a contact held everywhere', () => {
  let meetingId: string;
  let bookedStart: string;

  beforeAll(async () => {
    // The import: Ada and Grace, for Alice; Ada also for Bob, who must keep her.
    await importRows(alice, [ADA_ROW, GRACE_ROW]);
    await importRows(bob, [ADA_ROW]);
    // Grace's notes mention her: Grace stays, the mention goes.
    const graceId = contactIdFor(contactKey({ email: GRACE_ROW[2] })!);
    const noted = await alice.fetch(`/api/contacts/${graceId}`, {
      method: 'PATCH',
      ...json({ notes: `Introduced by ${ADA.first} ${ADA.last} at the fair` }),
    });
    expect(noted.status, await noted.clone().text()).toBe(200);

    // A booked meeting (calendar event of the local calendar, booking ledger, meeting).
    const availability = await openEveryDay(alice);
    const { slots } = await (await alice.fetch('/api/slots')).json();
    const booked = await alice.fetch('/api/meetings', {
      method: 'POST',
      ...json({ contactId: adaId, meetingTypeId: availability.meetingTypes[0]!.id, start: slots[3].start }),
    });
    expect(booked.status, await booked.clone().text()).toBe(201);
    meetingId = (await booked.json()).id;
    bookedStart = slots[3].start;

    // Its invitation in the outbox, as the confirmation email carries it.
    const meeting = await (await getContainer('meetings')).item(meetingId, aliceId).read();
    const ics = meetingIcs(meeting.resource, 'REQUEST');
    const now = new Date().toISOString();
    expect(
      (
        await createOutboxEmail().send([
          {
            id: `confirm-${meetingId}`,
            ownerId: aliceId,
            from: { email: 'privacy-alice@example.com', name: 'Alice' },
            to: { email: ADA.email, name: `${ADA.first} ${ADA.last}` },
            subject: 'Confirmed: Intro call',
            html: `<p>Hi ${ADA.first}, see you then.</p>`,
            text: `Hi ${ADA.first}, see you then.`,
            headers: {},
            attachments: [
              { filename: 'invite.ics', contentType: 'text/calendar', content: Buffer.from(ics) },
            ],
          },
        ])
      )[0]?.status,
    ).toBe('sent');

    // A campaign email to her with its delivery events.
    await writeMessages(
      aliceId,
      [
        {
          id: `msg-${adaId}`,
          ownerId: aliceId,
          campaignId: 'camp-privacy',
          senderId: 'sender-1',
          step: 0,
          contactId: adaId,
          to: ADA.email,
          contactName: `${ADA.first} ${ADA.last}`,
          status: 'sent',
          reason: null,
          sendAt: now,
          claimedAt: now,
          queuedAt: now,
          sentAt: now,
          providerMessageId: 'outbox-1',
          events: [
            { type: 'sent', at: now },
            { type: 'opened', at: now },
          ],
        } as never,
      ],
      'create',
    );

    // A chat with the bot, its state still live.
    await cosmosTranscripts.append(
      { ownerId: aliceId, channelId: 'webchat', conversationId: 'conv-ada', contactId: adaId },
      [{ from: 'visitor', text: `I'm ${ADA.first} ${ADA.last}, reach me on ${ADA.phone}`, at: now }],
    );
    await (await getContainer('conversations')).items.create({
      id: 'state-conv-ada',
      ownerId: 'conversation:conv-ada',
      state: { owner: aliceId, lead: { email: ADA.email } },
      ttl: 3600,
    });

    // Consent to texts, a notification, pipeline moves.
    const consent = await alice.fetch(`/api/notifications/consent/${adaId}`, {
      method: 'PUT',
      ...json({ sms: { granted: true, source: 'Asked on the call' }, optedOut: [] }),
    });
    expect(consent.status, await consent.clone().text()).toBe(200);
    await cosmosRecordStore.createIfAbsent({
      id: `n-${adaId}`,
      ownerId: aliceId,
      type: 'delivery',
      notificationId: `n-${adaId}`,
      channel: 'sms-twilio',
      kind: 'booked',
      role: 'contact',
      recipient: { name: `${ADA.first} ${ADA.last}`, phone: ADA.phone },
      subject: 'Confirmed',
      meetingId,
      contactId: adaId,
      status: 'sent',
      steps: { queued: now, sent: now },
      providerMessageId: 'SM1',
      error: null,
      attempts: 1,
      claimedAt: now,
      source: { ownerId: aliceId, meetingId, notice: 'booked', sequence: 0 },
      createdAt: now,
      updatedAt: now,
      ttl: 3600,
    } as never);
    const moved = await alice.fetch(`/api/leads/${adaId}`, {
      method: 'PATCH',
      ...json({ stage: 'replied', nextAction: { on: '2030-01-01', note: `Call ${ADA.first} ${ADA.last}` } }),
    });
    expect(moved.status, await moved.clone().text()).toBe(200);

    // Today's report, which lists her among the new contacts.
    const today = DateTime.utc().toISODate()!;
    await makeDailyReport(aliceId, today, reportDeps());
  });

  it('exports everything held about her as a zip of JSON files and the meeting invitation', async () => {
    const res = await alice.fetch(`/api/contacts/${adaId}/privacy-export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="Ada-Lovelace-data-.*\.zip"/,
    );
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const read = (name: string) => JSON.parse(new TextDecoder().decode(files[name]));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'contact.json',
        'messages.json',
        'meetings.json',
        `meetings/${meetingId}.ics`,
        'transcripts.json',
        'consents.json',
        'suppressions.json',
        'notifications.json',
        'lead-events.json',
        'audit.json',
      ]),
    );
    expect(read('contact.json')).toMatchObject({ email: ADA.email, firstName: 'Ada' });
    expect(read('contact.json')).not.toHaveProperty('ownerId');
    expect(read('messages.json')[0].events.map((e: { type: string }) => e.type)).toEqual(['sent', 'opened']);
    expect(read('meetings.json')[0].id).toBe(meetingId);
    expect(new TextDecoder().decode(files[`meetings/${meetingId}.ics`])).toContain(`ATTENDEE;`);
    expect(read('transcripts.json')[0].entries[0].text).toContain(ADA.phone);
    expect(read('consents.json')[0].contactId).toBe(adaId);
    expect(read('notifications.json')).toHaveLength(1);
    expect(read('lead-events.json').length).toBeGreaterThan(0);
  });

  it("refuses an erase without the typed confirmation, naming the field, and another owner's contact", async () => {
    const none = await alice.fetch(`/api/contacts/${adaId}/erase`, { method: 'POST', ...json({}) });
    expect(none.status).toBe(400);
    expect((await none.json()).error.details[0].path).toBe('confirm');
    const wrong = await alice.fetch(`/api/contacts/${adaId}/erase`, {
      method: 'POST',
      ...json({ confirm: 'Ada' }),
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.message).toMatch(/email or full name/);
    expect((await alice.fetch(`/api/contacts/${adaId}`)).status).toBe(200);
  });

  it('erases her from every container and file, keeps only hashed entries, and lists what went', async () => {
    const before = await traces();
    // The seed reached every place the sweep looks.
    for (const place of [
      'contacts',
      'imports',
      'meetings',
      'messages',
      'outbox',
      'calendar-events',
      'conversations',
      'notifications',
      'lead-events',
      'reports',
    ]) {
      expect(
        before.some((t) => t.startsWith(`${place}:`)),
        `${place} held Ada before the erase`,
      ).toBe(true);
    }

    const taken = (await (await alice.fetch('/api/slots')).json()).slots.map(
      (s: { start: string }) => s.start,
    );
    expect(taken).not.toContain(bookedStart);

    const res = await alice.fetch(`/api/contacts/${adaId}/erase`, {
      method: 'POST',
      ...json({ confirm: 'ADA.LOVELACE@analytical.example' }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const receipt = await res.json();
    expect(receipt.contactId).toBe(adaId);
    const count = (c: string) => receipt.removed.find((r: { container: string }) => r.container === c)?.count;
    for (const c of [
      'contacts',
      'meetings',
      'messages',
      'outbox',
      'calendar-events',
      'notifications',
      'lead-events',
      'imports',
      'settings',
    ]) {
      expect(count(c), `receipt: ${c}`).toBeGreaterThan(0);
    }
    expect(count('conversations')).toBeGreaterThanOrEqual(2);
    // Her meeting to come was cancelled first: its time is offered again.
    expect(receipt.meetingsCancelled).toBe(1);
    const { slots } = await (await alice.fetch('/api/slots')).json();
    expect(slots.map((s: { start: string }) => s.start)).toContain(bookedStart);
    expect(receipt.removed.map((r: { container: string }) => r.container)).toEqual(
      expect.arrayContaining(Object.keys(CONTAINER_DEFINITIONS).filter((c) => c !== 'suppressions')),
    );
    expect(receipt.blobs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ container: 'uploads', action: 'rows-removed' }),
        expect.objectContaining({ container: 'reports', action: 'rows-removed' }),
      ]),
    );

    expect(await traces()).toEqual([]);
    // Grace, imported beside her, and Bob's own Ada are untouched.
    const { items } = await (await alice.fetch('/api/contacts')).json();
    expect(items.map((c: { email: string; notes: string }) => [c.email, c.notes])).toEqual([
      ['grace@navy.example', 'Introduced by [erased] at the fair'],
    ]);
    expect((await bob.fetch(`/api/contacts/${adaId}`)).status).toBe(200);
    // She is never emailed again: the suppression list holds a hashed entry, without her address.
    const { items: suppressed } = await (await alice.fetch('/api/suppressions')).json();
    expect(suppressed).toContainEqual(
      expect.objectContaining({ email: expect.stringMatching(/^\(erased contact \w+\)$/), reason: 'erased' }),
    );
    // The audit log has the erase, and the export before it.
    const audit = await (await alice.fetch('/api/audit')).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['contact.erase', 'contact.export']),
    );
  });

  it('answers a second erase with the same receipt', async () => {
    const again = await alice.fetch(`/api/contacts/${adaId}/erase`, {
      method: 'POST',
      ...json({ confirm: ADA.email }),
    });
    expect(again.status).toBe(200);
    expect((await again.json()).contactId).toBe(adaId);
    expect((await alice.fetch(`/api/contacts/${adaId}`)).status).toBe(404);
  });

  it('skips her row on a re-import, saying why, unless the user ticks to import her anyway', async () => {
    const skipped = await importRows(alice, [ADA_ROW, GRACE_ROW]);
    expect(skipped.counts.rejected).toBe(1);
    expect(skipped.rejectedSample).toEqual([{ row: 2, reason: ERASED_ROW_REASON }]);
    expect((await alice.fetch(`/api/contacts/${adaId}`)).status).toBe(404);

    const imported = await importRows(alice, [ADA_ROW], { importErased: true });
    expect(imported.counts.created).toBe(1);
    expect((await (await alice.fetch(`/api/contacts/${adaId}`)).json()).email).toBe(ADA.email);
  });
});

describe('an erase that stopped half-way', () => {
  it('is finished by sending it again: the recorded intent names what is left to remove', async () => {
    const carlEmail = 'carl.gauss@example.com';
    const carlId = contactIdFor(contactKey({ email: carlEmail })!);
    await importRows(alice, [['Carl', 'Gauss', carlEmail, '', 'Göttingen']]);
    const now = new Date().toISOString();
    await (await getContainer('lead-events')).items.create({
      id: `le-${carlId}`,
      ownerId: aliceId,
      contactId: carlId,
      type: 'note',
      nextAction: { on: '2030-01-01', note: 'Call Carl Gauss' },
      at: now,
      createdAt: now,
    });
    // As the first run leaves it when it dies after removing the contact: intent recorded, rest undone.
    await (await getContainer('suppressions')).items.create({
      id: `erasure-${carlId}`,
      ownerId: aliceId,
      kind: 'erasure',
      status: 'erasing',
      identityIds: [],
      pending: { texts: [carlEmail, 'carl gauss'], email: carlEmail, phone: null },
      receipt: null,
      createdAt: now,
    });
    expect((await alice.fetch(`/api/contacts/${carlId}`, { method: 'DELETE' })).status).toBe(204);
    await (await getContainer('contact-trash')).item(carlId, aliceId).delete();

    const res = await alice.fetch(`/api/contacts/${carlId}/erase`, {
      method: 'POST',
      ...json({ confirm: 'Carl Gauss' }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(
      (await res.json()).removed.find((r: { container: string }) => r.container === 'lead-events').count,
    ).toBe(1);
    const { resources } = await (await getContainer('suppressions')).items
      .query({
        query: 'SELECT * FROM c WHERE c.id = @id',
        parameters: [{ name: '@id', value: `erasure-${carlId}` }],
      })
      .fetchAll();
    expect(resources[0]).toMatchObject({ status: 'erased', pending: null });
    expect(JSON.stringify(resources[0]).toLowerCase()).not.toContain('carl');
  });
});

describe('the account', () => {
  it('refuses deletion without typing the sign-in email', async () => {
    const res = await bob.fetch('/api/account/delete', { method: 'POST', ...json({ confirm: 'yes' }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('confirm');
    expect((await bob.fetch(`/api/contacts/${adaId}`)).status).toBe(200);
  });

  it('exports everything the owner holds as a zip, one JSON file per container plus their files', async () => {
    const res = await bob.fetch('/api/account/export');
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    for (const name of Object.keys(CONTAINER_DEFINITIONS)) expect(files).toHaveProperty(`${name}.json`);
    const contacts = JSON.parse(new TextDecoder().decode(files['contacts.json']));
    expect(contacts.map((c: { email: string }) => c.email)).toEqual([ADA.email]);
    expect(Object.keys(files).some((f) => f.startsWith('files/uploads/'))).toBe(true);
  });

  it("deletes every document and file of the owner's and leaves another owner's data intact", async () => {
    const res = await bob.fetch('/api/account/delete', {
      method: 'POST',
      ...json({ confirm: 'Privacy-Bob@example.com' }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    for (const name of Object.keys(CONTAINER_DEFINITIONS) as ContainerName[]) {
      const { resources } = await (await getContainer(name)).items
        .query({
          query: 'SELECT c.id FROM c WHERE c.ownerId = @o',
          parameters: [{ name: '@o', value: bobId }],
        })
        .fetchAll();
      expect(resources, name).toEqual([]);
    }
    for (const containerName of Object.values(BLOB_CONTAINERS)) {
      const left: string[] = [];
      for await (const b of (await getBlobContainer(containerName)).listBlobsFlat({ prefix: `${bobId}/` }))
        left.push(b.name);
      expect(left, containerName).toEqual([]);
    }
    expect((await alice.fetch('/api/contacts')).status).toBe(200);
    expect((await (await alice.fetch('/api/contacts')).json()).items.length).toBe(2);
  });
});
