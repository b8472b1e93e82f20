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

// A founder opens the Assistant from the header, asks what's on tomorrow (nothing yet), books 30
// minutes with a contact by picking a time and saying Yes, and sees it on tomorrow's list; then
// the same panel as a full-screen sheet on a phone.

const appUrl = inject('appUrl');
const chromium = chromiumPerFile();
let page: Page;

const LAPTOP = { width: 1366, height: 768 } as const;
const PHONE = { width: 390, height: 844 } as const;

describe('assistant', () => {
  test("asks what's on tomorrow and books with a contact from the panel", async () => {
    page = await chromium.openPage({ viewport: LAPTOP, timezoneId: 'UTC' });
    await signInAs(page, appUrl, { name: 'Rita Founder', email: 'rita.founder@example.com' });
    await openWeekendsNoNotice(page, appUrl);

    await page.goto(`${appUrl}/contacts`);
    await addContact(page, { first: 'Priya', last: 'Patel', email: 'priya@example.com' });
    await page.getByRole('button', { name: 'Dismiss' }).click();

    await page.getByRole('button', { name: 'Assistant' }).click();
    const panel = page.getByRole('dialog', { name: 'Assistant' });
    const log = panel.getByRole('log', { name: 'Conversation' });
    await visible(panel.getByRole('group', { name: 'Suggested questions' }));
    await fitsAndShoot(page, 'assistant-new-laptop.png', 'Assistant panel, new', LAPTOP.width);

    await panel.getByRole('button', { name: "What's on tomorrow?" }).click();
    await expect
      .poll(() => textOf(log), { timeout: 15_000 })
      .toMatch(/Nothing on tomorrow \(.*\) — your calendar is clear\./);

    await panel.getByLabel('Message to the assistant').fill('Find 30 minutes with Priya tomorrow');
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => textOf(log), { timeout: 15_000 })
      .toMatch(/Free times for a 30-minute .* with Priya Patel \(UTC time\)/);
    const first = panel.getByRole('button', { name: /^1\. / });
    const picked = (await first.textContent())!.replace(/^1\. /, '').replace(',', '');
    await fitsAndShoot(page, 'assistant-times-laptop.png', 'Assistant offering times', LAPTOP.width);
    await first.click();
    await expect.poll(() => textOf(log), { timeout: 15_000 }).toContain(`Book ${picked}`);
    await panel.getByRole('button', { name: 'Yes', exact: true }).click();
    await expect
      .poll(() => textOf(log), { timeout: 15_000 })
      .toMatch(/Booked: .* with Priya Patel, .*\. The invitation is on its way to priya@example\.com\./);
    await visible(panel.getByRole('link', { name: 'See it in Meetings' }));
    await fitsAndShoot(page, 'assistant-booked-laptop.png', 'Assistant after booking', LAPTOP.width);

    await panel.getByLabel('Message to the assistant').fill("what's on tomorrow");
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(() => textOf(log), { timeout: 15_000 })
      .toMatch(/1 meeting tomorrow .*\n?.*with Priya Patel/);

    // The link opens the meeting list, where the booking is.
    await panel.getByRole('link', { name: 'See it in Meetings' }).click();
    await page.waitForURL((url) => url.pathname === '/meetings');
    await visible(page.getByText('Priya Patel').first());

    // On a phone the panel is a full-screen sheet; the conversation carries on.
    await page.setViewportSize(PHONE);
    await panel.getByRole('button', { name: 'Close the assistant' }).click();
    await page.getByRole('button', { name: 'Assistant' }).click();
    await visible(panel);
    expect(await textOf(log)).toMatch(/Booked: .* with Priya Patel/);
    const box = await panel.boundingBox();
    expect(box?.width).toBe(PHONE.width);
    await panel.getByRole('button', { name: "Who hasn't replied?" }).click();
    await expect.poll(() => textOf(log), { timeout: 15_000 }).toMatch(/Nobody is waiting on a reply/);
    await fitsAndShoot(page, 'assistant-phone.png', 'Assistant on a phone', PHONE.width);

    await panel.getByRole('link', { name: 'Settings' }).click();
    await visible(page.getByRole('heading', { name: 'Assistant settings', level: 1 }));
    await visible(page.getByText(/No AI model is switched on/));
    await fitsAndShoot(page, 'assistant-settings-phone.png', 'Assistant settings on a phone', PHONE.width);
    await page.setViewportSize(LAPTOP);
    await fitsAndShoot(page, 'assistant-settings-laptop.png', 'Assistant settings', LAPTOP.width);
  });
});
