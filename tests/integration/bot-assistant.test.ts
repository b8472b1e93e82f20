import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NO_LINK } from '../../bot/agent.js';
import { notificationId } from '../../functions/notify/notify.js';
import { cosmosOutboxStore } from '../../functions/outbox/store.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { startBotService } from './support/bot-service.js';
import { ownerOf, seedContacts } from './support/seed.js';
import { startWorker, stopWorkers, waitFor } from './support/worker.js';

/**
 * The organizer's assistant over HTTP as the SPA's panel calls it — signed in, through the real
 * use cases and the emulators: a meeting booked with a contact by chatting, and a meeting moved.
 */
let app: TestApp;
let organizer: Session;
let ownerId: string;

const NY = 'America/New_York';
const TYPE = {
  id: 'intro',
  name: 'Intro call',
  durationMinutes: 30,
  location: 'video',
  description: '',
  active: true,
};
const WORKDAYS = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
);

interface Turn {
  conversationId: string;
  replies: { text: string; choices: string[]; links: { label: string; href: string }[] }[];
}

async function chat(text: string, conversationId?: string): Promise<Turn> {
  const res = await organizer.fetch('/api/bot/assistant', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, ...(conversationId && { conversationId }) }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

async function meetings(): Promise<
  { id: string; start: string; contactId: string; source: string; status: string }[]
> {
  return (await (await organizer.fetch('/api/meetings')).json()).items;
}

beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
  organizer = await app.signIn('olivia.assistant@example.com', 'Olivia');
  ownerId = await ownerOf(organizer);
  const current = await (await organizer.fetch('/api/availability')).json();
  const saved = await organizer.fetch('/api/availability', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      rules: { ...current.rules, timeZone: NY, weeklyHours: WORKDAYS, minimumNoticeMinutes: 0 },
      meetingTypes: [TYPE],
      etag: current.etag,
    }),
  });
  expect(saved.status).toBe(200);
});
afterAll(() => app.close());
afterEach(() => stopWorkers());

describe('POST /api/bot/assistant', () => {
  it('opens with what it can do; 400 names a bad field', async () => {
    const hello = await chat('');
    expect(hello.conversationId).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(hello.replies[0]!.text).toMatch(/^Hi! I work in your calendar and contacts \(New York time\)/);
    const bad = await organizer.fetch('/api/bot/assistant', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hi', conversationId: 'x' }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('conversationId');
  });

  it('"find 30 minutes with Jane next week" → "2" → "yes" books the meeting and Jane gets her invitation', async () => {
    const [jane] = await seedContacts(ownerId, [
      { firstName: 'Jane', lastName: 'Doe', email: 'jane.doe@example.com', company: 'Acme' },
    ]);
    const offer = await chat('find 30 minutes with Jane next week');
    const id = offer.conversationId;
    expect(offer.replies[0]!.text).toMatch(
      /^Free times for a 30-minute Intro call with Jane Doe \(New York time\):\n1\. /,
    );
    expect(offer.replies[0]!.choices).toHaveLength(3);
    const second = offer.replies[0]!.choices[1]!.replace(/^2\. /, '');
    const confirm = await chat('2', id);
    expect(confirm.replies[0]!.text).toMatch(/^Book .* with Jane Doe\? yes\/no$/);
    expect(confirm.replies[0]!.choices).toEqual(['Yes', 'No']);
    expect(await meetings()).toHaveLength(0);

    const done = await chat('yes', id);
    expect(done.replies[0]!.text).toMatch(
      /^Booked: Intro call with Jane Doe, .*\. The invitation is on its way to jane\.doe@example\.com\.$/,
    );
    expect(done.replies[0]!.links).toContainEqual({ label: 'Jane Doe', href: `/contacts/${jane!.id}` });
    const [meeting] = await meetings();
    expect(meeting).toMatchObject({ contactId: jane!.id, source: 'organizer', status: 'booked' });
    expect(
      DateTime.fromISO(meeting!.start, { zone: NY }).setLocale('en-GB').toFormat('ccc d LLL, HH:mm'),
    ).toBe(second);

    startWorker();
    const mail = await waitFor(
      () =>
        cosmosOutboxStore.find(
          ownerId,
          notificationId({ ownerId, meetingId: meeting!.id, notice: 'booked', sequence: 0 }, 'contact'),
        ),
      (m) => m !== undefined,
    );
    expect(mail!.to.email).toBe('jane.doe@example.com');
    expect(mail!.subject).toMatch(/^Confirmed: Intro call with Olivia/);
  });

  it('"move my 3pm to Friday" moves the meeting after a yes, and the contact gets the Moved email', async () => {
    const [ken] = await seedContacts(ownerId, [
      { firstName: 'Ken', lastName: 'Adams', email: 'ken@example.com' },
    ]);
    // The next Monday–Thursday at 15:00 New York.
    let day = DateTime.now().setZone(NY).plus({ days: 1 }).startOf('day');
    while (day.weekday > 4) day = day.plus({ days: 1 });
    const start = day.set({ hour: 15 }).toUTC().toISO()!;
    const created = await organizer.fetch('/api/meetings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contactId: ken!.id, meetingTypeId: 'intro', start }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const meetingId = (await created.json()).id;

    const offer = await chat('move my 3pm to Friday');
    const id = offer.conversationId;
    expect(offer.replies[0]!.text).toMatch(
      /^Your .* 15:00–15:30 is Intro call with Ken Adams\. Free times to move it to \(New York time\):\n1\. Fri /,
    );
    expect(offer.replies[0]!.choices[1]).toMatch(/^2\. Fri \d+ \w+, 15:00$/);
    expect((await chat('2', id)).replies[0]!.text).toMatch(
      /^Move Intro call with Ken Adams from .* 15:00 to Fri .* 15:00–15:30\? yes\/no$/,
    );
    const moved = await chat('yes', id);
    expect(moved.replies[0]!.text).toMatch(
      /^Moved: Intro call with Ken Adams is now Fri .* 15:00–15:30\. Ken Adams gets an email/,
    );

    const after = (await meetings()).find((m) => m.id === meetingId)!;
    const local = DateTime.fromISO(after.start, { zone: NY });
    expect([local.weekday, local.hour]).toEqual([5, 15]);

    startWorker();
    const mail = await waitFor(
      () =>
        cosmosOutboxStore.find(
          ownerId,
          notificationId({ ownerId, meetingId, notice: 'rescheduled', sequence: 1 }, 'contact'),
        ),
      (m) => m !== undefined,
    );
    expect(mail!.to.email).toBe('ken@example.com');
    expect(mail!.subject).toMatch(/^Moved/);
  });

  it("answers 401 to a caller who isn't signed in", async () => {
    const res = await app.anonymous.fetch('/api/bot/assistant', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: "what's on tomorrow" }),
    });
    expect(res.status).toBe(401);
  });
});

describe('the assistant in Teams (/api/messages, Bot Service tokens)', () => {
  const teams = (from: string, text: string) => ({
    type: 'message',
    id: `teams-${Math.random()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    deliveryMode: 'expectReplies',
    from: { id: `29:${from}`, name: 'Olivia', aadObjectId: from },
    recipient: { id: '28:momentum-meet', name: 'Momentum Meet' },
    conversation: { id: `a:${from}` },
    text,
  });

  it('links a Teams user with a one-time code, then answers them from their own data; others get the visitor bot', async () => {
    const issued = await organizer.fetch('/api/bot/teams-link', { method: 'POST' });
    expect(issued.status).toBe(201);
    const { code } = await issued.json();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);

    // Without Bot Service's token (local, anonymous) a Teams user id is anyone's claim: never the organizer's assistant.
    const anonymous = await app.anonymous.fetch('/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(teams('aad-olivia', `link ${code}`)),
    });
    expect((await anonymous.json()).activities.map((a: { text: string }) => a.text)).toEqual([NO_LINK]);

    const botService = await startBotService();
    try {
      const send = async (from: string, text: string) => {
        const res = await botService.post(teams(from, text));
        expect(res.status).toBe(200);
        return (
          res as { jsonBody: { activities: { text: string; suggestedActions?: { actions: unknown[] } }[] } }
        ).jsonBody.activities;
      };

      expect((await send('aad-olivia', `link ${code.toLowerCase()}`))[0]!.text).toMatch(
        /^Linked — I am your Momentum Meet assistant/,
      );
      const [offer] = await send('aad-olivia', 'find 30 minutes with Jane next week');
      expect(offer!.text).toMatch(/^Free times for a 30-minute Intro call with Jane Doe \(New York time\)/);
      expect(offer!.suggestedActions?.actions).toHaveLength(3);
      const [confirm] = await send('aad-olivia', '1');
      expect(confirm!.text).toMatch(/^Book .* with Jane Doe\? yes\/no$/);

      // The code was for one Teams user, once; a Teams user nobody linked gets the visitor's bot.
      expect((await send('aad-mallory', `link ${code}`))[0]!.text).toMatch(
        /^That code is not valid or has expired/,
      );
      expect((await send('aad-mallory', 'find 30 minutes with Jane next week')).map((a) => a.text)).toEqual([
        NO_LINK,
      ]);
    } finally {
      await botService.close();
    }
  });
});
