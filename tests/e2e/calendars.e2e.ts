import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { type RunningRadicale, startRadicale } from '../../dev/radicale.js';
import { anotherCalDavApp, icsFromAnotherApp } from '../fakes/caldav-another-app.js';
import {
  addContact,
  chromiumPerFile,
  fitsAndShoot,
  openWeekendsNoNotice,
  signInAs,
  textOf,
  visible,
} from './browser.js';

// A founder connects their CalDAV calendar (Radicale) in the browser and sees its busy time
// taken out of the availability preview: the slots a contact would be offered.

const appUrl = inject('appUrl');
const chromium = chromiumPerFile();
let page: Page;
let radicale: RunningRadicale;

const LAPTOP = { width: 1366, height: 768 } as const;
const PHONE = { width: 390, height: 844 } as const;
/** Two days from now (UTC): inside the 7-day preview, past today's remaining hours. */
const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  radicale = await startRadicale();
  // Another app's calendar with a 10:00–12:00 (UTC) event that day.
  const app = await anotherCalDavApp({
    serverUrl: radicale.url,
    username: radicale.username,
    password: radicale.password,
  });
  const stamp = day.replaceAll('-', '');
  await app.put(
    await app.newCalendar('Work'),
    'offsite.ics',
    icsFromAnotherApp(
      'BEGIN:VEVENT',
      `UID:${randomUUID()}@another.app`,
      'DTSTAMP:20260101T000000Z',
      `DTSTART:${stamp}T100000Z`,
      `DTEND:${stamp}T120000Z`,
      'SUMMARY:Offsite',
      'END:VEVENT',
    ),
  );
});
afterAll(async () => {
  await radicale?.stop();
});

/** The preview's slots on `day`, as the page lists them ("10:00", …). */
async function previewOf(date: string): Promise<string[]> {
  const label = new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
  const list = page.getByRole('list', { name: `Slots on ${label}` });
  await visible(list);
  return (await list.getByRole('listitem').allTextContents()).map((t) => t.trim());
}

describe('calendars', () => {
  test('connect a CalDAV calendar in the browser; its busy time leaves the availability preview', async () => {
    page = await chromium.openPage({ viewport: LAPTOP, timezoneId: 'UTC' });
    await signInAs(page, appUrl, { name: 'Cal Founder', email: 'cal.founder@example.com' });

    await openWeekendsNoNotice(page, appUrl);
    const before = await previewOf(day);
    expect(before).toEqual(expect.arrayContaining(['10:00', '10:30', '11:00', '14:00']));

    // Connect it from the Availability page's link.
    await page.getByRole('link', { name: 'connected calendars' }).click();
    await visible(page.getByRole('heading', { name: 'Calendars', level: 1 }));
    await page.getByLabel('Server address').fill(radicale.url);
    await page.getByLabel('User name').fill(radicale.username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await visible(page.getByText(/refused the user name or password/).first());
    await page.getByLabel('Password').fill(radicale.password);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const panel = page.getByRole('region', { name: new RegExp(`CalDAV · ${radicale.username}`) });
    await visible(panel.getByText('Connected'));
    expect(await textOf(panel)).toContain('Work');
    expect(await textOf(page.getByTestId('writes-to'))).toContain('Work');
    // While a calendar is down, offer tentative times the founder confirms (withheld by default).
    const down = page.getByRole('region', { name: 'When a calendar cannot be read' });
    expect(await down.getByRole('radio', { name: /Offer no times/ }).isChecked()).toBe(true);
    await down.getByRole('radio', { name: /Offer tentative times that I confirm/ }).check();
    await visible(page.getByText(/contacts can request tentative times you confirm/));
    await fitsAndShoot(page, 'calendars-laptop.png', 'Calendars', LAPTOP.width);

    await page.getByRole('link', { name: '← Availability' }).click();
    await visible(page.getByRole('heading', { name: 'Availability', level: 1 }));
    await expect
      .poll(() => previewOf(day), { timeout: 15_000 })
      .not.toEqual(expect.arrayContaining(['10:00']));
    const after = await previewOf(day);
    for (const taken of ['10:00', '10:30', '11:00', '11:30']) expect(after).not.toContain(taken);
    expect(after).toContain('14:00');

    await page.setViewportSize(PHONE);
    await page.goto(`${appUrl}/calendars`);
    await visible(page.getByRole('heading', { name: 'Calendars', level: 1 }));
    await fitsAndShoot(page, 'calendars-phone.png', 'Calendars', PHONE.width);
  }, 180_000);

  test('the calendar goes down: the contact requests a tentative time, the founder sees it to confirm or decline', async () => {
    page = await chromium.openPage({ viewport: LAPTOP, timezoneId: 'UTC' });
    await signInAs(page, appUrl, { name: 'Cal Founder', email: 'cal.founder@example.com' });

    // A contact to send a booking link to.
    await page.goto(`${appUrl}/contacts`);
    await addContact(page, { first: 'Rita', email: 'rita@example.com' });
    await page.getByRole('link', { name: 'Rita' }).first().click();
    await visible(page.getByRole('heading', { name: 'Rita', level: 1 }));
    const contactId = new URL(page.url()).pathname.split('/').pop()!;
    const linked = await page.request.post(`${appUrl}/api/contacts/${contactId}/booking-link`, { data: {} });
    const { url: link } = (await linked.json()) as { url: string };

    // The CalDAV server goes down; "Check again" finds it.
    await radicale.stop();
    await page.goto(`${appUrl}/calendars`);
    const panel = page.getByRole('region', { name: new RegExp(`CalDAV · ${radicale.username}`) });
    await panel.getByRole('button', { name: 'Check again' }).click();
    await visible(panel.getByText('Not working'));

    // The contact, on a phone: tentative times, a request rather than a booking.
    const contact = await chromium.context().newPage();
    await contact.setViewportSize(PHONE);
    await contact.goto(link);
    await visible(contact.getByText(/These times are tentative/));
    await fitsAndShoot(contact, 'calendars-tentative-phone.png', 'Tentative booking page', PHONE.width);
    await contact.locator('.slot-days').getByRole('button').nth(1).click();
    await contact
      .getByRole('list', { name: /^Times on/ })
      .getByRole('button')
      .first()
      .click();
    await contact.getByRole('button', { name: 'Confirm' }).click();
    await visible(contact.getByRole('heading', { name: 'Request sent to Cal Founder' }));
    await fitsAndShoot(contact, 'calendars-requested-phone.png', 'Request sent', PHONE.width);

    // The founder sees it waiting; confirming while the calendar is down says why it cannot yet.
    await page.goto(`${appUrl}/meetings`);
    const row = page.getByRole('row', { name: /Rita/ });
    await visible(row.getByText('Awaiting confirmation'));
    await row.getByRole('button', { name: 'Confirm the meeting with Rita' }).click();
    await visible(page.getByRole('alert').filter({ hasText: /calendar/ }));
    await fitsAndShoot(page, 'calendars-request-laptop.png', 'Meetings with a request', LAPTOP.width);
    await row.getByRole('button', { name: 'Decline the meeting with Rita' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Cancel meeting' }).click();
    await visible(row.getByText('Cancelled'));
  }, 180_000);
});
