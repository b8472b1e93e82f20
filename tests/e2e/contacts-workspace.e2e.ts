import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import {
  ARTIFACTS,
  chromiumPerFile,
  fitsAndShoot,
  signInAs,
  textOf,
  UI_TIMEOUT,
  visible,
} from './browser.js';

// The contacts workspace as a salesperson uses it, on a laptop and on a phone: add people by hand,
// open one, sort, tag two, export them, delete one and take it back.

const appUrl = inject('appUrl');
const _artifacts = ARTIFACTS;
const TEST_TIMEOUT = 90_000;

const chromium = chromiumPerFile();
let page: Page;

const VIEWPORTS = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const pathOf = (p: Page) => new URL(p.url()).pathname;
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: UI_TIMEOUT, interval: 100 });

/** The page fits the window's width, and a screenshot of it is kept for a person to look at. */
async function check(viewport: (typeof VIEWPORTS)[number], name: string) {
  await fitsAndShoot(page, `workspace-${viewport.name}-${name}.png`, name, viewport.width);
}

async function signIn(user: { name: string; email: string }) {
  await signInAs(page, appUrl, user);
  // The header greets the person by the name they signed in with, and Sign out stays in view.
  await poll(() => textOf(page.getByRole('banner'))).toContain(user.name);
  expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
}

const contactsTable = () => page.getByRole('table', { name: 'Contacts' });
const contactRows = () => contactsTable().locator('tbody').getByRole('row');
const rowOf = (name: string) => contactRows().filter({ hasText: name });
const status = () => page.getByTestId('bulk-job');

async function addContact(person: { first: string; last: string; email: string; company: string }) {
  await page.getByRole('button', { name: 'Add contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add contact' });
  await dialog.getByLabel('First name').fill(person.first);
  await dialog.getByLabel('Last name').fill(person.last);
  await dialog.getByLabel('Email').fill(person.email);
  await dialog.getByLabel('Company').fill(person.company);
  // The footer's button is on screen even on a phone (the form scrolls, the footer does not).
  const add = dialog.getByRole('button', { name: 'Add contact' });
  expect(await add.isVisible()).toBe(true);
  await add.click();
  await dialog.waitFor({ state: 'hidden' });
  await visible(rowOf(`${person.first} ${person.last}`));
}

describe('the contacts workspace', () => {
  for (const viewport of VIEWPORTS) {
    test(
      `adds, opens, sorts, tags, exports, deletes and restores contacts at ${viewport.width}×${viewport.height}`,
      async () => {
        page = await chromium.openPage({
          viewport: { width: viewport.width, height: viewport.height },
          acceptDownloads: true,
        });

        const stamp = `${Date.now()}.${viewport.name}`;
        const user = { name: `Jordan ${viewport.name}`, email: `jordan.${stamp}@momentum.example` };
        const mail = (who: string) => `${who}.${stamp}@contacts.example`;
        const people = [
          { first: 'Zoe', last: 'Zimmer', email: mail('zoe'), company: 'Zeppelin Works' },
          { first: 'Ada', last: 'Lovelace', email: mail('ada'), company: 'Analytical Engines' },
          { first: 'Milo', last: 'Meyer', email: mail('milo'), company: 'Meyer & Co' },
        ];

        await signIn(user);
        await check(viewport, 'contacts-empty');

        // Added by hand, one after another.
        for (const person of people) await addContact(person);
        await poll(() => textOf(page.getByTestId('contacts-range'))).toBe('1–3 of 3');
        await check(viewport, 'contacts');

        // Adding the same person again offers the one already there.
        await page.getByRole('button', { name: 'Add contact' }).click();
        const again = page.getByRole('dialog', { name: 'Add contact' });
        await again.getByLabel('Email').fill(people[1]!.email);
        await again.getByRole('button', { name: 'Add contact' }).click();
        await visible(again.getByRole('link', { name: 'Open Ada Lovelace' }));
        await check(viewport, 'add-contact-duplicate');
        await page.keyboard.press('Escape');
        await again.waitFor({ state: 'hidden' });

        // Open a contact's page, then go back to the list.
        await contactsTable().getByRole('link', { name: 'Ada Lovelace' }).click();
        await page.waitForURL((url) => /^\/contacts\/[^/]+$/.test(url.pathname));
        await visible(page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }));
        // Activity is filled from the contact's meetings: none yet, so it says what will appear.
        await visible(
          page
            .getByTestId('contact-activity')
            .getByText('Emails, meetings and chats with Ada Lovelace will appear here.'),
        );
        await check(viewport, 'contact-page');
        await page.getByRole('button', { name: '← Contacts' }).click();
        await page.waitForURL((url) => url.pathname === '/contacts');
        await visible(rowOf('Ada Lovelace'));

        // Sort by name: A to Z, kept in the address.
        await page.getByRole('button', { name: 'Sort by Name' }).click();
        await page.waitForURL((url) => url.searchParams.get('sort') === 'name');
        expect(new URL(page.url()).searchParams.get('dir')).toBe('asc');
        await poll(async () =>
          (await contactRows().allTextContents()).map((t) => t.match(/(Ada|Milo|Zoe)/)?.[0]),
        ).toEqual(['Ada', 'Milo', 'Zoe']);
        await page.reload();
        await poll(async () => textOf(contactRows().first())).toContain('Ada Lovelace');

        // Select two rows and tag them.
        await page.getByRole('checkbox', { name: 'Select Ada Lovelace' }).check();
        await page.getByRole('checkbox', { name: 'Select Milo Meyer' }).check();
        await visible(page.getByText('2 selected'));
        const toolbar = page.getByRole('toolbar', { name: 'Bulk actions' });
        await toolbar.getByRole('button', { name: 'Add tag' }).click();
        const tagDialog = page.getByRole('dialog', { name: 'Add a tag to 2 contacts' });
        await tagDialog.getByLabel('Tag').fill('fair-2026');
        await tagDialog.getByRole('button', { name: 'Add tag' }).click();
        await poll(() => textOf(status())).toContain('Tagged 2 of 2');
        await poll(() => textOf(rowOf('Milo Meyer'))).toContain('fair-2026');
        await check(viewport, 'contacts-tagged');

        // Export the two as CSV: the file holds them and their new tag, not the third person.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          toolbar.getByRole('link', { name: 'Export CSV' }).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/\.csv$/);
        const csv = readFileSync((await download.path())!, 'utf8');
        expect(csv).toContain(people[1]!.email);
        expect(csv).toContain(people[2]!.email);
        expect(csv).toContain('fair-2026');
        expect(csv).not.toContain(people[0]!.email);

        // Delete one, then Undo.
        await page.getByRole('button', { name: 'Clear selection' }).click();
        await page.getByRole('checkbox', { name: 'Select Zoe Zimmer' }).check();
        await toolbar.getByRole('button', { name: 'Delete' }).click();
        const confirm = page.getByRole('dialog', { name: 'Move 1 contact to the trash?' });
        await check(viewport, 'delete-confirmation');
        await confirm.getByRole('button', { name: 'Move to trash' }).click();
        await poll(() => textOf(status())).toContain('Moved 1 contact to the trash');
        await rowOf('Zoe Zimmer').waitFor({ state: 'detached' });
        await status().getByRole('button', { name: 'Undo' }).click();
        await poll(() => textOf(status())).toContain('Restored 1 contact');
        await visible(rowOf('Zoe Zimmer'));

        // The trash page and the import pages fit too.
        await page.getByRole('link', { name: 'Trash' }).click();
        await visible(page.getByRole('heading', { name: 'Trash', level: 1 }));
        await check(viewport, 'trash');
        await page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: 'Import', exact: true })
          .click();
        await page.waitForURL((url) => url.pathname === '/imports/new');
        await visible(page.getByText(/up to \d+ MB/));
        await check(viewport, 'import-upload');
        await page.goto(`${appUrl}/no-such-page`);
        await visible(page.getByRole('heading', { name: 'Page not found' }));
        await visible(page.getByRole('navigation', { name: 'Main' }));
        await check(viewport, 'not-found');
        expect(pathOf(page)).toBe('/no-such-page');
      },
      TEST_TIMEOUT,
    );
  }
});
