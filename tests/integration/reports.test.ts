import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { cosmosMeetingStore } from '../../functions/booking/meeting-store.js';
import type { MeetingDoc } from '../../functions/booking/model.js';
import { type CampaignDoc, campaigns, type MessageDoc, messages } from '../../functions/campaigns/store.js';
import { pipelineDeps } from '../../functions/leads/deps.js';
import { ownersAtHour } from '../../functions/leads/morning.js';
import { moveLead } from '../../functions/leads/pipeline.js';
import { ownersWithZones } from '../../functions/leads/store.js';
import { makeDailyReport, REPORT_HOUR } from '../../functions/reports/reports.js';
import { reportDeps } from '../../functions/reports/store.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { ownerOf, seedContacts } from './support/seed.js';

/**
 * The daily report on the real emulators: seeded leads, moves and meetings of one day in Paris,
 * made by the morning's code path into Azurite, listed and downloaded through the API, and read
 * back with SheetJS cell by cell.
 */
let app: TestApp;
beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
});
afterAll(() => app.close());

const DAY = '2026-11-29'; // Paris is UTC+1 then: the day runs 2026-11-28T23:00Z → 2026-11-29T23:00Z

function meeting(ownerId: string, over: Partial<MeetingDoc>): MeetingDoc {
  return {
    id: `m-${Math.random().toString(36).slice(2, 8)}`,
    ownerId,
    title: 'Intro call',
    start: '',
    end: '',
    status: 'booked',
    source: 'organizer',
    contactId: 'c',
    contact: { name: 'Someone', email: 's@example.com' },
    meetingType: {
      id: 'intro',
      name: 'Intro call',
      location: { kind: 'video' } as never,
      durationMinutes: 30,
    },
    organizer: { name: 'Alice', email: 'alice@example.com' },
    organizerZone: 'Europe/Paris',
    contactZone: 'Europe/Paris',
    joinUrl: null,
    videoProvider: null,
    calendar: { provider: 'local', eventId: '', connectionId: null },
    claimId: 'x',
    claimDays: [],
    sequence: 0,
    note: '',
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    cancelledAt: null,
    cancelReason: '',
    events: [],
    ...over,
  };
}

describe('the daily report', () => {
  let alice: Session;
  let ownerId: string;

  beforeAll(async () => {
    alice = await app.signIn('reports-alice@example.com', 'Alice');
    ownerId = await ownerOf(alice);
    const current = await (await alice.fetch('/api/availability')).json();
    const saved = await alice.fetch('/api/availability', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        rules: { ...current.rules, timeZone: 'Europe/Paris' },
        meetingTypes: current.meetingTypes,
        etag: current.etag,
      }),
    });
    expect(saved.status, await saved.clone().text()).toBe(200);

    const [ada, bea, , dan] = await seedContacts(ownerId, [
      // 23:30 UTC on the 28th is 00:30 on the 29th in Paris: that day's lead.
      {
        firstName: 'Ada',
        email: 'ada@example.com',
        company: '=HYPERLINK("http://x")',
        createdAt: '2026-11-28T23:30:00.000Z',
      },
      {
        firstName: 'Bea',
        email: 'bea@example.com',
        source: 'linkedin',
        createdAt: '2026-11-29T16:45:00.000Z',
      },
      // 22:59 UTC on the 28th is still the 28th in Paris: not in the report.
      { firstName: 'Old', email: 'old@example.com', createdAt: '2026-11-28T22:59:00.000Z' },
      {
        firstName: 'Dan',
        email: 'dan@example.com',
        createdAt: '2026-10-01T09:00:00.000Z',
        lead: { nextAction: { on: '2026-11-26', note: '+ send pricing' } },
      },
      {
        firstName: 'Eve',
        email: 'eve@example.com',
        createdAt: '2026-10-01T09:00:00.000Z',
        lead: { nextAction: { on: '2026-12-05', note: 'later' } },
      },
    ]);
    // Bea replied at 10:00 Paris on the day; Dan was moved by hand the day before (not in the report).
    const at = (iso: string) => ({ ...pipelineDeps(), now: () => new Date(iso) });
    await moveLead(
      ownerId,
      bea!.id,
      { kind: 'reply', at: '2026-11-29T09:00:00.000Z' },
      at('2026-11-29T09:00:05.000Z'),
      'msg-1',
    );
    await moveLead(
      ownerId,
      dan!.id,
      { kind: 'manual', at: '2026-11-28T12:00:00.000Z', stage: 'lost' },
      at('2026-11-28T12:00:00.000Z'),
    );
    // Next action due on the morning the report is read (the 30th), set through the API.
    const due = await alice.fetch(`/api/leads/${ada!.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nextAction: { on: '2026-11-30', note: 'Call Ada' } }),
    });
    expect(due.status).toBe(200);

    await cosmosMeetingStore.create(
      meeting(ownerId, {
        contactId: bea!.id,
        contact: { name: 'Bea', email: 'bea@example.com' },
        start: '2026-12-02T14:00:00.000Z',
        end: '2026-12-02T14:30:00.000Z',
        createdAt: '2026-11-29T09:30:00.000Z',
      }),
    );
    await cosmosMeetingStore.create(
      meeting(ownerId, {
        title: 'Demo',
        contact: { name: 'Held Hal', email: 'hal@example.com' },
        start: '2026-11-29T13:00:00.000Z',
        end: '2026-11-29T13:30:00.000Z',
      }),
    );
    await cosmosMeetingStore.create(
      meeting(ownerId, {
        title: 'Demo',
        status: 'no-show',
        contact: { name: 'Absent Abe', email: 'abe@example.com' },
        start: '2026-11-29T15:00:00.000Z',
        end: '2026-11-29T15:30:00.000Z',
      }),
    );
    await cosmosMeetingStore.create(
      meeting(ownerId, {
        contact: { name: 'Next Week', email: 'n@example.com' },
        start: '2026-12-07T10:00:00.000Z',
        end: '2026-12-07T10:30:00.000Z',
      }),
    );
  });

  it('is made once, listed, downloaded, and reads back as the seeded day in the owner’s zone', async () => {
    expect(await makeDailyReport(ownerId, DAY, reportDeps())).toBe(true);
    expect(await makeDailyReport(ownerId, DAY, reportDeps())).toBe(false);

    const list = await (await alice.fetch('/api/reports')).json();
    expect(list.items).toEqual([
      expect.objectContaining({ id: DAY, date: DAY, fileName: `momentum-daily-${DAY}.xlsx` }),
    ]);
    const res = await alice.fetch(`/api/reports/${DAY}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="momentum-daily-${DAY}.xlsx"`);
    const book = XLSX.read(Buffer.from(await res.arrayBuffer()), {
      type: 'buffer',
      cellDates: true,
      UTC: true,
    });
    const rows = (name: string) =>
      XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[name]!, { UTC: true });
    const paris = (wall: string) => new Date(`${wall}:00Z`);

    expect(rows('New leads')).toEqual([
      {
        Name: 'Ada',
        Email: 'ada@example.com',
        Company: `'=HYPERLINK("http://x")`,
        Source: 'manual',
        Stage: 'New',
        Added: paris('2026-11-29T00:30'),
      },
      {
        Name: 'Bea',
        Email: 'bea@example.com',
        Source: 'linkedin',
        Stage: 'Replied',
        Added: paris('2026-11-29T17:45'),
      },
    ]);
    expect(rows('Stage changes')).toEqual([
      { Lead: 'Bea', From: 'New', To: 'Replied', Cause: 'reply', When: paris('2026-11-29T10:00') },
    ]);
    expect(rows('Meetings')).toEqual([
      {
        Outcome: 'Held',
        Contact: 'Held Hal',
        Meeting: 'Demo',
        Start: paris('2026-11-29T14:00'),
        'Booked at': paris('2026-11-01T11:00'),
      },
      {
        Outcome: 'No-show',
        Contact: 'Absent Abe',
        Meeting: 'Demo',
        Start: paris('2026-11-29T16:00'),
        'Booked at': paris('2026-11-01T11:00'),
      },
      {
        Outcome: 'Booked',
        Contact: 'Bea',
        Meeting: 'Intro call',
        Start: paris('2026-12-02T15:00'),
        'Booked at': paris('2026-11-29T10:30'),
      },
    ]);
    expect(rows('Follow-ups due')).toEqual([
      {
        Lead: 'Dan',
        Email: 'dan@example.com',
        Stage: 'Lost',
        Due: new Date('2026-11-26T00:00:00Z'),
        'Days overdue': 4,
        'Next action': "'+ send pricing",
      },
      {
        Lead: 'Ada',
        Email: 'ada@example.com',
        Stage: 'New',
        Due: new Date('2026-11-30T00:00:00Z'),
        'Days overdue': 0,
        'Next action': 'Call Ada',
      },
    ]);
  });

  it('is made for every owner whose morning it is: in their availability’s zone, else UTC for an owner with only a sender', async () => {
    const carl = await app.signIn('reports-carl@example.com', 'Carl');
    const sender = await carl.fetch('/api/senders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Carl', email: 'carl@acme.example', postalAddress: '1 Main St' }),
    });
    expect(sender.status).toBe(201);
    const owners = await ownersWithZones();
    expect(owners).toContainEqual({ ownerId, timeZone: 'Europe/Paris' });
    expect(owners).toContainEqual({ ownerId: await ownerOf(carl), timeZone: 'UTC' });
    // 06:10 UTC is 07:10 in Paris (the report's hour) and 06:10 for Carl.
    const due = ownersAtHour(owners, new Date('2026-11-30T06:10:00Z'), REPORT_HOUR).map((o) => o.ownerId);
    expect(due).toContain(ownerId);
    expect(due).not.toContain(await ownerOf(carl));
  });

  it('is made again on request with what changed since, and never for a day still to come', async () => {
    await seedContacts(ownerId, [
      { firstName: 'Late', email: 'late@example.com', createdAt: '2026-11-29T20:00:00.000Z' },
    ]);
    const post = (body: unknown) =>
      alice.fetch('/api/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const made = await post({ date: DAY });
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({ id: DAY, fileName: `momentum-daily-${DAY}.xlsx` });
    const book = XLSX.read(Buffer.from(await (await alice.fetch(`/api/reports/${DAY}`)).arrayBuffer()), {
      type: 'buffer',
    });
    expect(XLSX.utils.sheet_to_json<{ Name: string }>(book.Sheets['New leads']!).map((r) => r.Name)).toEqual([
      'Ada',
      'Bea',
      'Late',
    ]);

    const future = await post({ date: '2999-01-01' });
    expect(future.status).toBe(400);
    expect((await future.json()).error.details[0].path).toBe('date');
    const today = await post({ date: 'today' });
    expect(today.status).toBe(201);
    const parisToday = DateTime.now().setZone('Europe/Paris').toISODate()!;
    expect((await today.json()).id).toBe(parisToday);
    const yesterday = await post({});
    expect(yesterday.status).toBe(201);
    const parisYesterday = DateTime.now().setZone('Europe/Paris').minus({ days: 1 }).toISODate()!;
    expect((await yesterday.json()).id).toBe(parisYesterday);
    const { items } = await (await alice.fetch('/api/reports')).json();
    expect(items.map((r: { id: string }) => r.id)).toEqual(
      [...new Set([parisToday, parisYesterday, DAY])].sort().reverse(),
    );
  });

  it('is the owner’s alone, and a bad id is refused naming it', async () => {
    const bob = await app.signIn('reports-bob@example.com', 'Bob');
    expect((await (await bob.fetch('/api/reports')).json()).items).toEqual([]);
    expect((await bob.fetch(`/api/reports/${DAY}`)).status).toBe(404);
    const bad = await alice.fetch('/api/reports/yesterday');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('id');
  });

  it('has each campaign’s results, and is emailed with the file attached once the owner asks for it', async () => {
    const at = '2026-11-20T08:00:00.000Z';
    const campaign: CampaignDoc = {
      id: 'k-report',
      ownerId,
      name: 'Winter push',
      audience: { filter: {} } as never,
      senderId: 's',
      startAt: null,
      steps: [],
      status: 'sending',
      statusDetail: null,
      resumesAt: null,
      planned: true,
      createdAt: at,
      updatedAt: at,
      startedAt: at,
      completedAt: null,
    };
    await campaigns.create(campaign);
    const message = (contactId: string, over: Partial<MessageDoc>): MessageDoc => ({
      id: `k-report-1-${contactId}`,
      ownerId,
      campaignId: campaign.id,
      senderId: 's',
      step: 1,
      contactId,
      to: `${contactId}@example.com`,
      contactName: contactId,
      status: 'sent',
      reason: null,
      sendAt: at,
      claimedAt: null,
      queuedAt: null,
      sentAt: null,
      providerMessageId: null,
      events: [],
      ...over,
    });
    // Sent on the 26th (Paris), opened the same day; one sent earlier and replied on the 26th.
    await messages.create(
      message('x1', {
        status: 'opened',
        sentAt: '2026-11-26T08:00:00.000Z',
        events: [
          { type: 'sent', at: '2026-11-26T08:00:00.000Z' },
          { type: 'open', at: '2026-11-26T09:00:00.000Z' },
        ],
      }),
    );
    await messages.create(
      message('x2', {
        status: 'replied',
        sentAt: '2026-11-21T08:00:00.000Z',
        events: [{ type: 'replied', at: '2026-11-26T10:00:00.000Z' }],
      }),
    );

    const off = await (await alice.fetch('/api/report-settings')).json();
    expect(off).toEqual({ emailDailyReport: false });
    const bad = await alice.fetch('/api/report-settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ emailDailyReport: 'yes' }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('emailDailyReport');
    const on = await alice.fetch('/api/report-settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ emailDailyReport: true }),
    });
    expect(await on.json()).toEqual({ emailDailyReport: true });

    expect(await makeDailyReport(ownerId, '2026-11-26', reportDeps())).toBe(true);
    const bytes = Buffer.from(await (await alice.fetch('/api/reports/2026-11-26')).arrayBuffer());
    const book = XLSX.read(bytes, { type: 'buffer' });
    expect(XLSX.utils.sheet_to_json(book.Sheets['Campaign results']!)).toEqual([
      {
        Campaign: 'Winter push',
        Status: 'sending',
        'Sent that day': 1,
        'Delivered that day': 0,
        'Opened that day': 1,
        'Clicked that day': 0,
        'Replied that day': 1,
        'Booked that day': 0,
        'Sent to date': 2,
        'Delivered to date': 2,
        'Opened to date': 1,
        'Clicked to date': 0,
        'Replied to date': 1,
        'Booked to date': 0,
      },
    ]);

    const { items } = await (await alice.fetch('/api/outbox')).json();
    const mails = items.filter((m: { subject: string }) =>
      m.subject.startsWith('Daily report for 2026-11-26'),
    );
    expect(mails).toHaveLength(1);
    const mail = await (await alice.fetch(`/api/outbox/${mails[0].id}`)).json();
    expect(mail.to).toContain('alice');
    expect(mail.attachments).toEqual([
      {
        filename: 'momentum-daily-2026-11-26.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        size: bytes.length,
      },
    ]);
    // The same morning's timer again: no second report, no second email.
    expect(await makeDailyReport(ownerId, '2026-11-26', reportDeps())).toBe(false);
    const again = (await (await alice.fetch('/api/outbox')).json()).items.filter((m: { subject: string }) =>
      m.subject.startsWith('Daily report for 2026-11-26'),
    );
    expect(again).toHaveLength(1);
  });
});
