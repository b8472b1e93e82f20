import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { addContact, chromiumPerFile, fitsAndShoot, signInAs, textOf, visible } from './browser.js';

// A founder is asked by a contact what is held about them, downloads it from the contact's page,
// then erases them (typing their email to confirm) and reads the receipt; the Audit log shows both,
// and the Privacy page offers the account's own download and deletion.

const appUrl = inject('appUrl');
const chromium = chromiumPerFile();
let page: Page;

const LAPTOP = { width: 1366, height: 768 } as const;
const PHONE = { width: 390, height: 844 } as const;

describe('privacy', () => {
  test("download a contact's data, erase them with a typed confirmation, see it in the Audit log", async () => {
    page = await chromium.openPage({ viewport: LAPTOP, timezoneId: 'UTC', acceptDownloads: true });
    await signInAs(page, appUrl, { name: 'Pia Founder', email: 'pia.founder@example.com' });

    await addContact(page, { first: 'Rosa', last: 'Franklin', email: 'rosa.franklin@example.com' });
    await page.getByRole('link', { name: 'Rosa Franklin' }).first().click();
    await visible(page.getByRole('heading', { name: 'Rosa Franklin', level: 1 }));

    const privacy = page.getByRole('region', { name: 'Privacy' });
    await privacy.scrollIntoViewIfNeeded();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      privacy.getByRole('link', { name: 'Download everything about Rosa Franklin' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Rosa-Franklin-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    expect(JSON.parse(new TextDecoder().decode(files['contact.json'])).email).toBe(
      'rosa.franklin@example.com',
    );
    await fitsAndShoot(page, 'privacy-contact-laptop.png', 'Contact page with Privacy', LAPTOP.width);

    await privacy.getByRole('button', { name: 'Erase Rosa Franklin…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase Rosa Franklin?' });
    const erase = dialog.getByRole('button', { name: 'Erase Rosa Franklin' });
    expect(await erase.isDisabled()).toBe(true);
    await dialog.getByLabel(/to confirm/).fill('rosa.franklin@example.com');
    await fitsAndShoot(page, 'privacy-erase-dialog-laptop.png', 'Erase dialog', LAPTOP.width);
    await erase.click();
    const receipt = page.getByRole('dialog', { name: 'Rosa Franklin was erased' });
    await visible(receipt);
    expect(await textOf(receipt.getByRole('list', { name: 'Removed' }))).toContain(
      'Contact record: 1 deleted',
    );
    await fitsAndShoot(page, 'privacy-receipt-laptop.png', 'Erase receipt', LAPTOP.width);
    await receipt.getByRole('button', { name: 'Done' }).click();
    await page.waitForURL((url) => url.pathname === '/contacts');
    await visible(page.getByRole('heading', { name: 'Contacts', level: 1 }));
    await expect.poll(() => textOf(page.getByRole('main'))).not.toContain('Rosa Franklin');

    // Privacy → Audit log: the download and the erase, newest first.
    await page.getByRole('link', { name: 'Privacy', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Privacy', level: 1 }));
    await fitsAndShoot(page, 'privacy-page-laptop.png', 'Privacy page', LAPTOP.width);
    await page.getByRole('navigation', { name: 'Privacy' }).getByRole('link', { name: 'Audit log' }).click();
    const table = page.getByRole('table', { name: 'Audit log' });
    await visible(table);
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    expect(await textOf(rows.nth(0))).toContain('Contact erased');
    expect(await textOf(rows.nth(1))).toContain('Contact data downloaded');
    await page.getByLabel('What').selectOption({ label: 'Contact erased' });
    await expect.poll(() => rows.count()).toBe(1);
    await fitsAndShoot(page, 'privacy-audit-laptop.png', 'Audit log', LAPTOP.width);

    // On a phone: the Audit log and the Privacy page fit.
    await page.setViewportSize(PHONE);
    await fitsAndShoot(page, 'privacy-audit-phone.png', 'Audit log', PHONE.width);
    await page.goto(`${appUrl}/settings/privacy`);
    await visible(page.getByRole('heading', { name: 'Privacy', level: 1 }));
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    const remove = page.getByRole('dialog', { name: 'Delete your account?' });
    expect(await remove.getByRole('button', { name: 'Delete my account' }).isDisabled()).toBe(true);
    await fitsAndShoot(page, 'privacy-delete-account-phone.png', 'Delete account dialog', PHONE.width);
    await remove.getByRole('button', { name: 'Cancel' }).click();
  });
});
