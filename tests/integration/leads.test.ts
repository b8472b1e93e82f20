import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getChannel } from '../../functions/_integrations/channels/registry.js';
import { hostOf } from '../../functions/booking/deps.js';
import { campaignDeps, sendDeps } from '../../functions/campaigns/deps.js';
import { planCampaign } from '../../functions/campaigns/plan.js';
import { replyAddress } from '../../functions/campaigns/reply-address.js';
import { sendBatch } from '../../functions/campaigns/send.js';
import { type MessageDoc, queryOwned } from '../../functions/campaigns/store.js';
import { leadsDeps, pipelineDeps } from '../../functions/leads/deps.js';
import { markPassedMeetings } from '../../functions/leads/meetings-passed.js';
import { sendFollowupDigest } from '../../functions/leads/morning.js';
import type { FollowupsDto, LeadDto, LeadPage, TimelineDto } from '../../functions/leads/schema.js';
import { meetingsEndedBetween } from '../../functions/leads/store.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { openEveryDay, ownerOf, seedContacts } from './support/seed.js';

/**
 * The pipeline end to end on the real emulators: a campaign's email, a reply through Inbound
 * Parse, a booking, a cancellation and the meeting-passed timer move leads; the API lists,
 * filters, edits and explains them, and another owner sees none of it.
 */
let app: TestApp;
const INBOUND_SECRET = 'inbound-secret-leads-0123456789';

beforeAll(async () => {
  useEmulators({ INBOUND_PARSE_SECRET: INBOUND_SECRET, INBOUND_REPLY_DOMAIN: 'reply.example' });
  app = await startTestApp();
});
afterAll(() => app.close());

const send = (session: Session, path: string, method: string, body?: unknown) =>
  session.fetch(path, {
    method,
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });

async function leads(session: Session, query = ''): Promise<LeadDto[]> {
  const res = await session.fetch(`/api/leads${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as LeadPage).items;
}

/** Opens the owner's whole week and books `contactId` at a free time, as the organizer would. */
async function book(session: Session, contactId: string): Promise<{ id: string; end: string }> {
  const current = await openEveryDay(session);
  const { slots } = await (await session.fetch('/api/slots')).json();
  const res = await send(session, '/api/meetings', 'POST', {
    contactId,
    meetingTypeId: current.meetingTypes[0]!.id,
    start: slots[Math.floor(Math.random() * slots.length)].start,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

describe('the lead pipeline', () => {
  let alice: Session;
  let ownerId: string;
  let ada: string;
  let bea: string;
  let cy: string;

  beforeAll(async () => {
    alice = await app.signIn('leads-alice@example.com', 'Alice');
    ownerId = await ownerOf(alice);
    const seeded = await seedContacts(ownerId, [
      {
        email: 'ada@example.com',
        firstName: 'Ada',
        tags: ['launch', 'VIP'],
        tagKeys: ['launch', 'vip'],
        source: 'linkedin',
      },
      { email: 'bea@example.com', firstName: 'Bea', tags: ['launch'], tagKeys: ['launch'], source: 'csv' },
      { email: 'cy@example.com', firstName: 'Cy', source: 'csv' },
    ]);
    [ada, bea, cy] = seeded.map((c) => c.id) as [string, string, string];
  });

  it('moves with a campaign email, a reply and a booking, and the timeline says why each time', async () => {
    const template = await (
      await send(alice, '/api/templates', 'POST', {
        name: 'Hi',
        subject: 'Hello {{firstName}}',
        html: '<p>Hi</p>',
      })
    ).json();
    const sender = await (
      await send(alice, '/api/senders', 'POST', {
        name: 'Alice',
        email: 'alice@acme.example',
        postalAddress: '1 Main St',
      })
    ).json();
    const campaign = await (
      await send(alice, '/api/campaigns', 'POST', {
        name: 'Launch',
        audience: { filter: { tag: 'launch' } },
        senderId: sender.id,
        steps: [{ templateId: template.id, delayDays: 0 }],
      })
    ).json();
    expect((await send(alice, `/api/campaigns/${campaign.id}/start`, 'POST')).status).toBe(200);
    const t0 = new Date();
    await planCampaign(ownerId, campaign.id, { now: () => t0, contacts: campaignDeps().contacts });
    const planned = await queryOwned<MessageDoc>('messages', ownerId, 'c.campaignId = @c', [
      { name: '@c', value: campaign.id },
    ]);
    await sendBatch(
      ownerId,
      campaign.id,
      planned.map((m) => m.id),
      { ...sendDeps(), now: () => t0 },
    );

    expect((await leads(alice, '?stage=contacted')).map((l) => l.name).sort()).toEqual(['Ada', 'Bea']);
    expect((await leads(alice, '?stage=new')).map((l) => l.name)).toEqual(['Cy']);

    // Ada replies to her email.
    const form = new FormData();
    form.set('to', `Alice <${replyAddress(planned.find((m) => m.contactId === ada)!.id)}>`);
    form.set('from', 'Ada <ada@example.com>');
    form.set('subject', 'Re: Hello Ada');
    const inbound = await app.anonymous.fetch(`/api/webhooks/inbound/${INBOUND_SECRET}`, {
      method: 'POST',
      body: form,
    });
    expect(await inbound.json()).toEqual({ outcome: 'replied' });
    expect((await leads(alice, '?stage=replied')).map((l) => l.name)).toEqual(['Ada']);

    const meeting = await book(alice, ada);
    const [booked] = await leads(alice, '?stage=meeting');
    expect(booked).toMatchObject({ id: ada, stageName: 'Meeting booked', stageBy: 'event' });

    const timeline = (await (await alice.fetch(`/api/leads/${ada}/timeline`)).json()) as TimelineDto;
    const titles = timeline.items.map((i) => `${i.kind}: ${i.title}`);
    expect(titles).toEqual(
      expect.arrayContaining([
        'stage: Moved to Contacted (email sent)',
        'stage: Moved to Replied (reply)',
        'stage: Moved to Meeting booked (meeting booked)',
        'email: Email sent — Launch, step 1',
        'reply: Replied: Re: Hello Ada',
        expect.stringMatching(/^meeting: Meeting booked: /),
      ]),
    );
    // Newest first.
    expect(timeline.items.map((i) => i.at)).toEqual(
      timeline.items
        .map((i) => i.at)
        .sort()
        .reverse(),
    );

    // Cancelled: back to replied.
    expect(
      (await send(alice, `/api/meetings/${meeting.id}/cancel`, 'POST', { reason: 'Clash' })).status,
    ).toBe(200);
    expect((await leads(alice, '?stage=replied')).map((l) => l.id)).toEqual([ada]);
  });

  it('counts a meeting that ended as met, and a stage set by hand is not undone by an older event', async () => {
    const meeting = await book(alice, cy);
    const afterEnd = new Date(Date.parse(meeting.end) + 60_000);
    const moved = await markPassedMeetings({
      ...pipelineDeps(),
      now: () => afterEnd,
      endedBetween: meetingsEndedBetween,
    });
    expect(moved).toBeGreaterThanOrEqual(1);
    expect((await leads(alice, '?stage=met')).map((l) => l.id)).toEqual([cy]);

    // The owner marks Cy as won; the meeting-passed timer running again (an older event) leaves it.
    const won = await send(alice, `/api/leads/${cy}`, 'PATCH', { stage: 'won' });
    expect(await won.json()).toMatchObject({ stage: 'won', stageBy: 'manual' });
    await markPassedMeetings({ ...pipelineDeps(), now: () => afterEnd, endedBetween: meetingsEndedBetween });
    expect((await leads(alice, '?stage=won')).map((l) => l.id)).toEqual([cy]);
  });

  it('keeps next actions, lists follow-ups due today and overdue, and emails the owner their morning list', async () => {
    const today = new Date().toISOString().slice(0, 10); // Alice's zone is UTC here
    const patched = await send(alice, `/api/leads/${bea}`, 'PATCH', {
      nextAction: { on: today, note: 'Call about pricing' },
    });
    expect(await patched.json()).toMatchObject({ nextAction: { on: today, note: 'Call about pricing' } });
    await send(alice, `/api/leads/${ada}`, 'PATCH', {
      nextAction: { on: '2026-01-05', note: 'Send the deck' },
    });

    const due = (await (await alice.fetch('/api/leads/followups')).json()) as FollowupsDto;
    expect(due.dueToday.map((l) => l.name)).toEqual(['Bea']);
    expect(due.overdue.map((l) => [l.name, l.nextAction?.note])).toEqual([['Ada', 'Send the deck']]);
    expect((await leads(alice, '?due=overdue')).map((l) => l.name)).toEqual(['Ada']);
    expect((await leads(alice, '?tag=vip&source=linkedin')).map((l) => l.name)).toEqual(['Ada']);

    const deps = {
      ...leadsDeps(),
      channel: getChannel('email'),
      host: hostOf,
      appUrl: 'https://app.example',
    };
    expect(await sendFollowupDigest(ownerId, deps)).toBe('sent');
    expect(await sendFollowupDigest(ownerId, deps)).toBe('sent'); // the timer firing twice
    const outbox = (await (await alice.fetch('/api/outbox')).json()).items as {
      subject: string;
      id: string;
    }[];
    const digests = outbox.filter((m) => m.subject.includes('follow-up'));
    expect(digests.map((m) => m.subject)).toEqual([`2 follow-ups for ${today}`]);
    const body = await (await alice.fetch(`/api/outbox/${digests[0]!.id}`)).json();
    expect(JSON.stringify(body)).toContain('Bea');
    expect(JSON.stringify(body)).toContain('Send the deck');

    // Cleared: no longer due, and the timeline keeps the note.
    await send(alice, `/api/leads/${bea}`, 'PATCH', { nextAction: null });
    expect((await leads(alice, '?due=today')).map((l) => l.name)).toEqual([]);
    const timeline = (await (await alice.fetch(`/api/leads/${bea}/timeline`)).json()) as TimelineDto;
    expect(timeline.items.filter((i) => i.kind === 'note').map((i) => i.title)).toEqual([
      'Next action cleared',
      `Next action on ${today}: Call about pricing`,
    ]);
  });

  it('refuses bad input naming the field, and names stages as the owner does', async () => {
    const stage = await send(alice, `/api/leads/${ada}`, 'PATCH', { stage: 'archived' });
    expect(stage.status).toBe(400);
    expect((await stage.json()).error.details[0].path).toBe('stage');
    const date = await send(alice, `/api/leads/${ada}`, 'PATCH', { nextAction: { on: '2026-13-01' } });
    expect(date.status).toBe(400);
    expect((await date.json()).error.details[0].path).toBe('nextAction.on');
    const filter = await alice.fetch('/api/leads?due=someday');
    expect(filter.status).toBe(400);
    expect((await filter.json()).error.details[0].path).toBe('due');

    const named = await send(alice, '/api/leads/stages', 'PUT', { names: { meeting: 'Demo set' } });
    expect((await named.json()).stages).toContainEqual({ stage: 'meeting', name: 'Demo set' });
    expect((await leads(alice, `?stage=replied`))[0]?.stageName).toBe('Replied');
  });

  it('counts a status set on the contacts page, one by one or in bulk, as a move by hand on the timeline', async () => {
    const [dee, eli] = await seedContacts(ownerId, [
      { email: 'dee@example.com', firstName: 'Dee' },
      { email: 'eli@example.com', firstName: 'Eli' },
    ]);
    expect((await send(alice, `/api/contacts/${dee!.id}`, 'PATCH', { status: 'lost' })).status).toBe(200);
    const bulk = await send(alice, '/api/contacts/bulk', 'POST', {
      target: { ids: [eli!.id] },
      action: { type: 'setStatus', status: 'replied' },
    });
    expect(bulk.status).toBe(200);
    const moved = async (id: string) =>
      ((await (await alice.fetch(`/api/leads/${id}/timeline`)).json()) as TimelineDto).items.map(
        (i) => i.title,
      );
    expect(await moved(dee!.id)).toEqual(['Moved to Lost (set by hand)']);
    expect(await moved(eli!.id)).toEqual(['Moved to Replied (set by hand)']);
    expect((await leads(alice, '?stage=lost')).find((l) => l.id === dee!.id)).toMatchObject({
      stageBy: 'manual',
    });
  });

  it('pages a board column, counting the whole column on its first page, and reads one lead', async () => {
    const carol = await app.signIn('leads-carol@example.com', 'Carol');
    const seeded = await seedContacts(
      await ownerOf(carol),
      ['a', 'b', 'c', 'd', 'e'].map((n) => ({
        email: `${n}@column.example`,
        firstName: n,
        status: 'contacted',
      })),
    );
    await seedContacts(await ownerOf(carol), [{ email: 'x@column.example', firstName: 'x', status: 'won' }]);
    const names: string[] = [];
    const totals: (number | null)[] = [];
    let token: string | null = null;
    do {
      const query: string = `?stage=contacted&limit=2${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`;
      const res = await carol.fetch(`/api/leads${query}`);
      expect(res.status, await res.clone().text()).toBe(200);
      const page = (await res.json()) as LeadPage;
      expect(page.items.length).toBeLessThanOrEqual(2);
      names.push(...page.items.map((l) => l.name));
      totals.push(page.total);
      token = page.continuationToken;
    } while (token);
    expect(names.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(totals).toEqual([5, null, null]);

    const one = await carol.fetch(`/api/leads/${seeded[0]!.id}`);
    expect(await one.json()).toMatchObject({ id: seeded[0]!.id, stage: 'contacted', stageName: 'Contacted' });
    const bob = await app.signIn('leads-bob@example.com', 'Bob');
    expect((await bob.fetch(`/api/leads/${seeded[0]!.id}`)).status).toBe(404);
  });

  it('shows another owner none of these leads', async () => {
    const bob = await app.signIn('leads-bob@example.com', 'Bob');
    expect(await leads(bob)).toEqual([]);
    expect(((await (await bob.fetch('/api/leads/followups')).json()) as FollowupsDto).overdue).toEqual([]);
    expect((await bob.fetch(`/api/leads/${ada}/timeline`)).status).toBe(404);
  });
});
