import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import {
  addContact,
  chromiumPerFile,
  fitsAndShoot,
  openWeekendsNoNotice,
  signInAs,
  textOf,
  visible,
} from './browser.js';

// A founder turns on SMS (Twilio) and Slack for new bookings, a contact books on the public page,
// and the founder sees both notices sent in the Notifications log (the local Twilio- and
// Slack-shaped servers answered them).

const appUrl = inject('appUrl');
const twilio = inject('twilio');
const slackBotToken = inject('slackBotToken');
const chromium = chromiumPerFile();
let page: Page;

const LAPTOP = { width: 1366, height: 768 } as const;
const PHONE = { width: 390, height: 844 } as const;

describe('notifications', () => {
  test('connect SMS and Slack, choose them for bookings, book on the public page, see both sent in the log', async () => {
    page = await chromium.openPage({ viewport: LAPTOP, timezoneId: 'UTC' });
    await signInAs(page, appUrl, { name: 'Nia Founder', email: 'nia.founder@example.com' });

    await openWeekendsNoNotice(page, appUrl);

    // Meetings → Notifications → Settings.
    await page.goto(`${appUrl}/meetings`);
    await page.getByRole('link', { name: 'Notifications' }).click();
    await visible(page.getByRole('heading', { name: 'Notifications', level: 1 }));
    await page
      .getByRole('navigation', { name: 'Notifications' })
      .getByRole('link', { name: 'Settings' })
      .click();

    const sms = page.getByRole('region', { name: 'SMS through Twilio' });
    await sms.getByLabel('Account SID').fill(twilio.accountSid);
    await sms.getByLabel('Auth token').fill(twilio.authToken);
    await sms.getByLabel('Sending number').fill('+14155550100');
    await sms.getByRole('button', { name: 'Connect SMS' }).click();
    await visible(sms.getByText('Connected', { exact: true }));

    const slack = page.getByRole('region', { name: 'Slack', exact: true });
    await slack.getByLabel('Bot token').fill(slackBotToken);
    await slack.getByLabel('Channel').fill('#meetings');
    await slack.getByRole('button', { name: 'Connect Slack' }).click();
    await visible(slack.getByText('Connected', { exact: true }));
    // The token is not shown again.
    expect(await textOf(slack)).not.toContain(slackBotToken);

    await page.getByRole('checkbox', { name: 'Meeting booked: SMS' }).check();
    await page.getByRole('checkbox', { name: 'Meeting booked: Slack' }).check();
    await page.getByLabel(/Your mobile/).fill('+14155550123');
    await page.getByRole('button', { name: 'Save notification settings' }).click();
    await visible(page.getByText('Notification settings saved.'));
    await fitsAndShoot(page, 'notifications-settings-laptop.png', 'Notification settings', LAPTOP.width);

    // A contact and their booking link; they book the first time offered, on a phone.
    await page.goto(`${appUrl}/contacts`);
    await addContact(page, { first: 'Omar', email: 'omar@example.com' });
    await page.getByRole('link', { name: 'Omar' }).first().click();
    await visible(page.getByRole('heading', { name: 'Omar', level: 1 }));
    const contactId = new URL(page.url()).pathname.split('/').pop()!;
    const linked = await page.request.post(`${appUrl}/api/contacts/${contactId}/booking-link`, { data: {} });
    const { url: link } = (await linked.json()) as { url: string };
    const contact = await chromium.context().newPage();
    await contact.setViewportSize(PHONE);
    await contact.goto(link);
    // The page also offers the booking assistant; it knows Omar from his link and asks what it lacks.
    await contact.getByRole('button', { name: 'Book in a chat' }).click();
    const log = contact.getByRole('log', { name: 'Conversation' });
    await expect.poll(() => textOf(log), { timeout: 15_000 }).toMatch(/Which company/);
    await contact.getByLabel('Your message').fill('Omar & Co');
    await contact.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => textOf(log), { timeout: 15_000 }).toMatch(/What would you like to talk about/);
    await fitsAndShoot(contact, 'booking-chat-phone.png', 'Booking chat', PHONE.width);
    await contact.locator('.slot-days').getByRole('button').nth(1).click();
    await contact
      .getByRole('list', { name: /^Times on/ })
      .getByRole('button')
      .first()
      .click();
    await contact.getByRole('button', { name: 'Confirm' }).click();
    await visible(contact.getByRole('heading', { name: 'You’re booked with Nia Founder' }));

    // The log: the booking notice went by SMS and to Slack (and by email to both sides).
    await page.goto(`${appUrl}/notifications`);
    const row = (channel: RegExp) =>
      page
        .getByRole('row')
        .filter({ hasText: channel })
        .filter({ hasText: /New meeting/ });
    await expect
      .poll(
        async () => {
          await page.reload();
          await visible(page.getByRole('heading', { name: 'Notifications', level: 1 }));
          return (await row(/SMS \(Twilio\)/).count()) + (await row(/Slack/).count());
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(2);
    expect(await textOf(row(/SMS \(Twilio\)/))).toMatch(/\+14155550123[\s\S]*Sent/);
    expect(await textOf(row(/Slack/))).toMatch(/Slack[\s\S]*Sent/);
    await fitsAndShoot(page, 'notifications-log-laptop.png', 'Notifications log', LAPTOP.width);
    await page.setViewportSize(PHONE);
    await fitsAndShoot(page, 'notifications-log-phone.png', 'Notifications log', PHONE.width);
    await page.goto(`${appUrl}/notifications/settings`);
    await visible(page.getByRole('heading', { name: 'What you hear about, and where' }));
    await fitsAndShoot(page, 'notifications-settings-phone.png', 'Notification settings', PHONE.width);
    // Teams chat is linked from Teams: the code to send the app there, readable on a phone.
    const teams = page.getByRole('region', { name: 'Microsoft Teams chat with you' });
    await teams.getByRole('button', { name: 'Get a link code' }).click();
    await visible(teams.getByRole('status'));
    expect(await textOf(teams)).toMatch(/Send this to Momentum Meet in Teams before .*link \S+/);
    await teams.scrollIntoViewIfNeeded();
    await fitsAndShoot(page, 'notifications-teams-chat-phone.png', 'Notification settings', PHONE.width);
  }, 240_000);
});
