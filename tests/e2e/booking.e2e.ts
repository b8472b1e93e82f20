import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, test } from 'vitest';
import {
  addContact,
  chromiumPerFile,
  copyBookingLink,
  fitsAndShoot,
  openWeekendsNoNotice,
  signInAs,
  textOf,
  UI_TIMEOUT,
  visible,
} from './browser.js';

// Booking as a founder and their contact meet it: the founder (New York) sets working hours and
// copies a contact's booking link; the contact (London) opens it, books in their own zone and sees
// the confirmation; the founder finds the meeting on Meetings and both invitations, with the .ics,
// in the Outbox; the contact cancels from the link in their email and the meeting is gone.

const appUrl = inject('appUrl');
const TEST_TIMEOUT = 240_000;
/** Notifications go through the notify queue: allow the worker time to send them. */
const NOTIFY_TIMEOUT = 60_000;

const chromium = chromiumPerFile();
let page: Page;
const extra: BrowserContext[] = [];
afterEach(async () => {
  for (const context of extra.splice(0)) await context.close();
});

const LAPTOP = { width: 1366, height: 768 } as const;
const PHONE = { width: 390, height: 844 } as const;

const poll = <T>(read: () => Promise<T>, timeout = UI_TIMEOUT) =>
  expect.poll(read, { timeout, interval: 250 });

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

/** A second person on another machine: their own browser context, zone and screen. */
async function openAs(
  browser: Browser,
  options: { timezoneId: string; viewport: { width: number; height: number } },
) {
  const context = await browser.newContext({ locale: 'en-GB', ...options });
  context.setDefaultTimeout(UI_TIMEOUT);
  extra.push(context);
  return context.newPage();
}

describe('booking', () => {
  test(
    'working hours → booking link → the contact books in London → Meetings and both invitations → cancelled from the email',
    async () => {
      page = await chromium.openPage({
        viewport: LAPTOP,
        timezoneId: 'America/New_York',
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      await signInAs(page, appUrl, { name: 'Nora Founder', email: 'nora.founder@example.com' });

      // Working hours: open at weekends too (so the test does not depend on the weekday), no notice.
      await openWeekendsNoNotice(page, appUrl);
      await fitsAndShoot(page, 'booking-availability-laptop.png', 'Availability', LAPTOP.width);

      // A contact, and their booking link from their page.
      await nav('Contacts');
      await addContact(page, { first: 'Liam', last: 'Walker', email: 'liam.walker@example.co.uk' });
      await page.getByRole('link', { name: 'Liam Walker' }).first().click();
      await visible(page.getByRole('heading', { name: 'Liam Walker', level: 1 }));
      const link = await copyBookingLink(page);
      expect(link).toMatch(/\/book\/[\w-]+\.[\w-]+\.[\w-]+$/);
      await fitsAndShoot(page, 'booking-contact-laptop.png', 'Contact page', LAPTOP.width);

      // The contact opens it on their phone in London: times in their zone, name and email filled in.
      const contact = await openAs(chromium.context().browser()!, {
        timezoneId: 'Europe/London',
        viewport: PHONE,
      });
      await contact.goto(link);
      await visible(contact.getByRole('heading', { name: 'Intro call', level: 1 }));
      expect(await contact.getByLabel('Times are shown in').inputValue()).toBe('Europe/London');
      // The second day offered, its first time (today's may be nearly over).
      const days = contact.locator('.slot-days').getByRole('button');
      await visible(days.nth(1));
      await fitsAndShoot(contact, 'booking-page-phone.png', 'Booking page', PHONE.width);
      await days.nth(1).click();
      const time = contact
        .getByRole('list', { name: /^Times on/ })
        .getByRole('button')
        .first();
      const picked = (await textOf(time)).trim();
      await time.click();
      await visible(contact.getByRole('heading', { name: 'Confirm your meeting' }));
      expect(await contact.getByLabel('Your name').inputValue()).toBe('Liam Walker');
      expect(await contact.getByLabel('Your email').inputValue()).toBe('liam.walker@example.co.uk');
      await fitsAndShoot(contact, 'booking-confirm-phone.png', 'Confirm form', PHONE.width);
      await contact.getByRole('button', { name: 'Confirm' }).click();
      await visible(contact.getByRole('heading', { name: 'You’re booked with Nora Founder' }));
      const when = await textOf(contact.getByTestId('meeting-when'));
      expect(when).toContain(picked);
      expect(when).toContain('London');
      // The organizer's New York time beside it, five (or four, in March) hours earlier.
      expect(await textOf(contact.getByTestId('meeting-when-organizer'))).toContain('New York');
      expect(
        await contact
          .getByRole('link', { name: /Download|\.ics|calendar file/i })
          .first()
          .getAttribute('href'),
      ).toMatch(/\/api\/public\/meetings\/.+\/ics$/);
      await fitsAndShoot(contact, 'booking-booked-phone.png', 'Booked', PHONE.width);

      // The founder sees it on Meetings.
      await nav('Meetings');
      await visible(page.getByRole('heading', { name: 'Meetings', level: 1 }));
      const row = page.getByRole('row').filter({ hasText: 'Liam Walker' });
      await visible(row);
      expect(await textOf(row)).toContain('Intro call');
      await fitsAndShoot(page, 'booking-meetings-laptop.png', 'Meetings', LAPTOP.width);

      // Both invitations in the Outbox, each with the .ics.
      await nav('Outbox');
      const outbox = page.getByRole('table', { name: 'Outbox' });
      await poll(async () => {
        await page.reload();
        const text = await textOf(outbox);
        return (
          text.includes('Confirmed: Intro call with Nora Founder') &&
          text.includes('New meeting: Intro call with Liam Walker')
        );
      }, NOTIFY_TIMEOUT).toBe(true);
      await outbox.getByRole('link', { name: /^New meeting: Intro call with Liam Walker/ }).click();
      await visible(page.getByRole('heading', { name: 'Attachments' }));
      expect(await textOf(page.getByRole('region', { name: 'Attachments' }))).toContain('invite.ics');
      await page.goBack();
      await outbox.getByRole('link', { name: /^Confirmed: Intro call with Nora Founder/ }).click();
      await visible(page.getByRole('heading', { name: 'Attachments' }));
      expect(await textOf(page.getByRole('region', { name: 'Attachments' }))).toContain('invite.ics');
      const email = (await page.getByTitle(/^Email to/).getAttribute('srcdoc')) ?? '';
      const manage = email.match(/href="([^"]+\/meeting\/[^"]+)"/)?.[1]?.replaceAll('&amp;', '&');
      expect(manage, 'the contact’s email links to their meeting').toBeTruthy();
      await fitsAndShoot(page, 'booking-outbox-email-laptop.png', 'Outbox email', LAPTOP.width);

      // The contact cancels from the link in that email.
      await contact.goto(manage!);
      await visible(contact.getByRole('heading', { name: /^Intro call/, level: 1 }));
      await contact.getByRole('button', { name: 'Cancel meeting' }).click();
      await contact.getByLabel(/^Reason for Nora Founder/).fill('Something came up');
      await contact.getByRole('button', { name: 'Cancel meeting' }).last().click();
      await visible(contact.getByRole('heading', { name: 'This meeting was cancelled' }));
      await fitsAndShoot(contact, 'booking-cancelled-phone.png', 'Cancelled', PHONE.width);

      // Gone from the founder's upcoming meetings (or shown as cancelled), and both are told.
      await nav('Meetings');
      await poll(async () => {
        await page.reload();
        const rows = page.getByRole('row').filter({ hasText: 'Liam Walker' });
        return (await rows.count()) === 0 || /Cancelled/.test(await textOf(rows.first()));
      }).toBe(true);
      await nav('Outbox');
      await poll(async () => {
        await page.reload();
        return (await textOf(outbox)).match(/Cancelled: Intro call/g)?.length ?? 0;
      }, NOTIFY_TIMEOUT).toBe(2);

      // On a phone, the founder books Liam again from his page, then moves it from Meetings.
      await page.setViewportSize(PHONE);
      await nav('Contacts');
      await page.getByRole('link', { name: 'Liam Walker' }).first().click();
      await page.getByRole('button', { name: 'Book a meeting' }).click();
      const dialog = page.getByRole('dialog', { name: 'Book a meeting with Liam Walker' });
      await dialog.locator('.slot-days').getByRole('button').nth(1).click();
      await dialog
        .getByRole('list', { name: /^Times on/ })
        .getByRole('button')
        .first()
        .click();
      await fitsAndShoot(page, 'booking-book-for-contact-phone.png', 'Book a meeting', PHONE.width);
      await dialog.getByRole('button', { name: /^Book / }).click();
      await visible(page.getByText(/^Booked Intro call with Liam Walker/));
      await poll(() => textOf(page.getByTestId('contact-activity'))).toMatch(/Intro call ·[\s\S]*Booked/);

      await nav('Meetings');
      await visible(page.getByRole('heading', { name: 'Meetings', level: 1 }));
      const booked = page.getByRole('row').filter({ hasText: 'Booked' }).filter({ hasText: 'Liam Walker' });
      const before = await textOf(booked);
      await booked.getByRole('button', { name: 'Reschedule the meeting with Liam Walker' }).click();
      const move = page.getByRole('dialog', { name: /Reschedule/ });
      await move.locator('.slot-days').getByRole('button').nth(2).click();
      await move
        .getByRole('list', { name: /^Times on/ })
        .getByRole('button')
        .first()
        .click();
      await fitsAndShoot(page, 'booking-reschedule-phone.png', 'Reschedule', PHONE.width);
      await move.getByRole('button', { name: /^Move to / }).click();
      await move.waitFor({ state: 'hidden' });
      await poll(async () =>
        textOf(page.getByRole('row').filter({ hasText: 'Booked' }).filter({ hasText: 'Liam Walker' })),
      ).not.toBe(before);
      await fitsAndShoot(page, 'booking-meetings-phone.png', 'Meetings', PHONE.width);
      // Liam hears of the new time.
      await nav('Outbox');
      await poll(async () => {
        await page.reload();
        return (await textOf(outbox)).includes('Moved: Intro call with Nora Founder');
      }, NOTIFY_TIMEOUT).toBe(true);
    },
    TEST_TIMEOUT,
  );
});
