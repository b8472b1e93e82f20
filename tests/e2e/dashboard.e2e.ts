import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import {
  addContact,
  chromiumPerFile,
  fitsAndShoot,
  openWeekendsNoNotice,
  signInAs,
  textOf,
  UI_TIMEOUT,
  visible,
} from './browser.js';

// A founder opens the dashboard before anything happened (it says how to get numbers), books a
// meeting with a contact, and the dashboard counts it — on a laptop and on a phone.

const appUrl = inject('appUrl');
const chromium = chromiumPerFile();
let page: Page;

const LAPTOP = { width: 1366, height: 768 } as const;
const PHONE = { width: 390, height: 844 } as const;

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

describe('dashboard', () => {
  test('empty for a new founder, then "1 booked" after a booking, at laptop and phone widths', async () => {
    page = await chromium.openPage({ viewport: LAPTOP, timezoneId: 'America/New_York' });
    await signInAs(page, appUrl, { name: 'Dana Founder', email: 'dana.founder@example.com' });

    await nav('Dashboard');
    await visible(page.getByRole('heading', { name: 'Dashboard', level: 1 }));
    await visible(page.getByText(/Send a campaign or share your booking link to see numbers here/));
    await fitsAndShoot(page, 'dashboard-empty-laptop.png', 'Empty dashboard', LAPTOP.width);

    // A contact booked from their page, as the organizer would.
    await openWeekendsNoNotice(page, appUrl);
    await nav('Contacts');
    await addContact(page, { first: 'Mia', last: 'Chen', email: 'mia.chen@example.com' });
    await page.getByRole('link', { name: 'Mia Chen' }).first().click();
    await page.getByRole('button', { name: 'Book a meeting' }).click();
    const dialog = page.getByRole('dialog', { name: 'Book a meeting with Mia Chen' });
    await dialog.locator('.slot-days').getByRole('button').nth(1).click();
    await dialog
      .getByRole('list', { name: /^Times on/ })
      .getByRole('button')
      .first()
      .click();
    await dialog.getByRole('button', { name: /^Book / }).click();
    await visible(page.getByText(/^Booked Intro call with Mia Chen/));

    await nav('Dashboard');
    await expect
      .poll(async () => textOf(page.locator('.dash-summary')), { timeout: UI_TIMEOUT })
      .toContain('1 booked');
    const tiles = page.getByRole('list', { name: 'Totals' });
    const bookedTile = tiles.getByRole('listitem').filter({ has: page.getByText('Booked', { exact: true }) });
    expect(await textOf(bookedTile.locator('.dash-tile-value'))).toBe('1');
    await visible(page.getByRole('heading', { name: 'Funnel' }));
    await fitsAndShoot(page, 'dashboard-booked-laptop.png', 'Dashboard', LAPTOP.width);

    // The funnel's table, shown on demand, says the same.
    await page.getByRole('button', { name: 'Show as table' }).first().click();
    const funnel = page.getByRole('table', { name: 'Funnel' });
    await visible(funnel.getByRole('row', { name: 'Booked 1 No emails sent' }));

    await page.setViewportSize(PHONE);
    await page.getByRole('radio', { name: 'Last 7 days' }).check();
    await expect
      .poll(async () => textOf(page.locator('.dash-summary')), { timeout: UI_TIMEOUT })
      .toContain('1 booked');
    await fitsAndShoot(page, 'dashboard-booked-phone.png', 'Dashboard on a phone', PHONE.width);
  });
});
