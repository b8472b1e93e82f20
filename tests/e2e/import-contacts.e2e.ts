import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, test } from 'vitest';
import * as XLSX from 'xlsx';
import { ARTIFACTS, chromiumPerFile, textOf, UI_TIMEOUT, visible } from './browser.js';

// A new user's first minutes: sign in, bring contacts in from Excel and LinkedIn, find them again.

const appUrl = inject('appUrl');
const artifacts = ARTIFACTS;
const TEST_TIMEOUT = 60_000;

const chromium = chromiumPerFile();
let page: Page;

// Each test is a different person in a clean browser, so nobody sees another test's contacts.
beforeEach(async () => {
  page = await chromium.openPage({ viewport: { width: 1280, height: 900 } });
});

let people = 0;
const newUser = (name: string) => {
  people++;
  const slug = name.toLowerCase().replace(/\W+/g, '.');
  return { name, email: `${slug}.${Date.now()}.${people}@momentum.example` };
};

const pathOf = (p: Page) => new URL(p.url()).pathname;
/** Waits for what the page shows to settle on a value (search is debounced, lists refetch). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: UI_TIMEOUT, interval: 100 });

/** The whole way in, as a person clicks it: the app, its login page, the dev sign-in form. */
async function signIn(user: { name: string; email: string }) {
  await page.goto(`${appUrl}/`);
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  await page.waitForURL((url) => url.pathname === '/.auth/login/dev');
  await page.getByLabel('Name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  await page.waitForURL((url) => url.pathname === '/contacts');
  await visible(page.getByRole('heading', { name: 'Contacts', level: 1 }));
  await poll(() => textOf(page.getByRole('banner'))).toContain(user.email);
}

const emptyState = () =>
  page.getByText('No contacts yet. Bring them in from a CSV, Excel or LinkedIn export.');
const contactsTable = () => page.getByRole('table', { name: 'Contacts' });
/** Body rows of the contacts table (its header row is a row too, named by the column headers). */
const contactRows = () => contactsTable().locator('tbody').getByRole('row');

/** A body row's cells keyed by their column header, as a person reads across the table. */
async function cellsByHeader(row: Locator): Promise<Record<string, string>> {
  const headers = (await contactsTable().locator('thead th').allTextContents()).map((h) =>
    h.replace(/[▲▼]/g, '').trim(),
  );
  const cells = await row.locator(':scope > th, :scope > td').allTextContents();
  return Object.fromEntries(headers.map((h, i) => [h, cells[i]?.trim() ?? '']));
}

/** Adds a column to the contacts list through the Columns menu, as a person would. */
async function showColumn(label: string) {
  await page.getByRole('button', { name: 'Columns', exact: true }).click();
  await page.getByRole('checkbox', { name: label, exact: true }).check();
  await page.keyboard.press('Escape');
  await visible(contactsTable().getByRole('columnheader', { name: label }));
}

async function goToImport() {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Import', exact: true })
    .click();
  await page.waitForURL((url) => url.pathname === '/imports/new');
  await visible(page.getByRole('heading', { name: 'Import contacts', level: 1 }));
}

async function upload(file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel('Contacts file').setInputFiles(file);
  const mapping = page.getByRole('heading', { name: 'Match your columns' });
  await mapping.or(page.getByRole('alert')).first().waitFor({ state: 'visible' });
  const alerts = (await page.getByRole('alert').allTextContents()).join(' | ');
  expect((await mapping.isVisible()) ? 'mapping step' : `upload refused: ${alerts}`).toBe('mapping step');
  expect(pathOf(page)).toMatch(/^\/imports\/(?!new$)[^/]+$/);
}

async function commitAndWait(expectedButton: string) {
  const button = page.getByRole('button', { name: /^Import \d+ contacts?$/ });
  await visible(button);
  expect(await textOf(button)).toBe(expectedButton);
  await button.click();
  // The worker picks the job off a queue; the page polls it until it ends, either way.
  const outcome = page.getByRole('heading', { name: /^Import (complete|failed)$/ });
  await outcome.or(page.getByRole('alert')).first().waitFor({ state: 'visible', timeout: 40_000 });
  const alerts = (await page.getByRole('alert').allTextContents()).join(' | ');
  expect((await outcome.isVisible()) ? await textOf(outcome) : `no result, alert: ${alerts}`).toBe(
    'Import complete',
  );
}

/**
 * The browser globals that code passed to `evaluate` uses: this project's Node typecheck has no DOM
 * library, and the casts below vanish when the function is sent to the page.
 */
interface PageGlobals {
  getComputedStyle(element: unknown): {
    lineHeight: string;
    font: string;
    paddingLeft: string;
    paddingRight: string;
  };
  document: {
    activeElement: unknown;
    createRange(): { selectNodeContents(node: unknown): void; getBoundingClientRect(): { height: number } };
    createElement(tag: 'canvas'): {
      getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } };
    };
  };
}

/** Texts of the elements that take more than one line (names, pills, labels that should not wrap). */
const wrapped = (locator: Locator) =>
  locator.evaluateAll((elements) =>
    elements
      .filter((el) => {
        const { getComputedStyle, document } = globalThis as unknown as PageGlobals;
        const lineHeight = Number.parseFloat(getComputedStyle(el).lineHeight);
        // The text's own box: a cell is as tall as its row, and has padding.
        const text = document.createRange();
        text.selectNodeContents(el);
        return text.getBoundingClientRect().height > 1.5 * lineHeight;
      })
      .map((el) => el.textContent),
  );

async function counts() {
  const keys = ['created', 'updated', 'unchanged', 'rejected', 'duplicatesInFile', 'withoutEmail'] as const;
  const entries = await Promise.all(keys.map(async (k) => [k, await textOf(page.getByTestId(`count-${k}`))]));
  return Object.fromEntries(entries) as Record<(typeof keys)[number], string>;
}

async function viewContacts() {
  await page.getByRole('link', { name: 'View contacts' }).click();
  await page.waitForURL((url) => url.pathname === '/contacts');
  await visible(contactsTable());
}

// ---------------------------------------------------------------------------------------------
// The Excel file: 25 rows as a trade-fair lead list looks. "Event" is a column the app cannot
// guess, which the user maps to Tags; row 12 has a broken email; row 20 repeats row 4's person.

const HEADERS = ['Full Name', 'E-mail', 'Organisation', 'Job Title', 'Phone', 'Country', 'Event'];
const PEOPLE: [string, string, string, string][] = [
  ['Hannah Becker', 'Northwind Traders', 'Head of Sales', 'Germany'],
  ['Oliver Grant', 'Contoso', 'CTO', 'United Kingdom'],
  ['Sofia Rossi', 'Fabrikam', 'Marketing Lead', 'Italy'],
  ['Lina Petrova', 'Northwind Traders', 'Buyer', 'Bulgaria'],
  ['Mateo García', 'Tailspin Toys', 'Founder', 'Spain'],
  ['Emma Dubois', 'Contoso', 'VP Engineering', 'France'],
  ['Jonas Weber', 'Fabrikam', 'Account Executive', 'Germany'],
  ['Aisha Khan', 'Tailspin Toys', 'Operations Manager', 'United Kingdom'],
  ['Lucas Jansen', 'Northwind Traders', 'Procurement', 'Netherlands'],
  ['Mia Svensson', 'Contoso', 'Product Manager', 'Sweden'],
];
const EXTRA: [string, string, string, string][] = [
  ['Noah Fischer', 'Fabrikam', 'CFO', 'Austria'],
  ['Chloé Martin', 'Tailspin Toys', 'Designer', 'France'],
  ['Ethan Walsh', 'Contoso', 'Sales Director', 'Ireland'],
  ['Zofia Nowak', 'Fabrikam', 'Team Lead', 'Poland'],
  ['Liam O Brien', 'Tailspin Toys', 'COO', 'Ireland'],
  ['Ella Korhonen', 'Contoso', 'Analyst', 'Finland'],
  ['Marco Bianchi', 'Fabrikam', 'Engineer', 'Italy'],
  ['Ingrid Hansen', 'Tailspin Toys', 'Head of HR', 'Norway'],
  ['Tomás Silva', 'Contoso', 'Consultant', 'Portugal'],
  ['Greta Schulz', 'Fabrikam', 'Buyer', 'Germany'],
  ['Pieter de Vries', 'Northwind Traders', 'Managing Director', 'Netherlands'],
  ['Clara Novak', 'Contoso', 'Recruiter', 'Czechia'],
];
const emailOf = (fullName: string, company: string) =>
  `${fullName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')}@${company.toLowerCase().replace(/\W+/g, '')}.example`;
const eventFor = (i: number) => (i % 3 === 0 ? 'SaaStr' : 'Web Summit');

function leadRows(): string[][] {
  const row = ([name, company, title, country]: [string, string, string, string], i: number) => [
    name,
    emailOf(name, company),
    company,
    title,
    `+49 30 ${String(5550100 + i)}`,
    country,
    eventFor(i),
  ];
  const valid = [...PEOPLE, ...EXTRA].map(row); // 22 people, 22 rows
  const invalid = [
    'Ivan Broken',
    'ivan.broken(at)contoso.example',
    'Contoso',
    'Intern',
    '',
    'Serbia',
    'SaaStr',
  ];
  const lina = valid[3]!;
  const repeat = [lina[0]!, lina[1]!.toUpperCase(), lina[2]!, lina[3]!, '', lina[5]!, lina[6]!];
  const last = ['Yara Haddad', emailOf('Yara Haddad', 'Northwind Traders'), 'Northwind Traders', 'Partner'];
  const lastRow = [...last, '+49 30 5550199', 'Lebanon', 'Web Summit'];
  // Data rows 1..25 (spreadsheet rows 2..26): invalid email at data row 11, repeat at data row 19.
  return [...valid.slice(0, 10), invalid, ...valid.slice(10, 17), repeat, ...valid.slice(17), lastRow];
}

function leadWorkbook(): Buffer {
  const rows = leadRows();
  const sheet = XLSX.utils.aoa_to_sheet([HEADERS, ...rows]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, sheet, 'Leads');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

// ---------------------------------------------------------------------------------------------

describe('a new user importing contacts', () => {
  test(
    'signs in through the dev sign-in page and lands on an empty contacts page',
    async () => {
      const user = newUser('Robin First');
      await signIn(user);
      expect(pathOf(page)).toBe('/contacts');
      await visible(emptyState());
      expect(await contactRows().count()).toBe(0);
      // The empty state offers the way forward.
      await visible(page.locator('.empty-state').getByRole('link', { name: 'Import contacts' }));
    },
    TEST_TIMEOUT,
  );

  test(
    'imports an Excel lead list, remapping one column, then searches and filters it',
    async () => {
      const user = newUser('Sam Excel');
      await signIn(user);
      await visible(emptyState());

      await goToImport();
      const rows = leadRows();
      expect(rows).toHaveLength(25);
      await upload({
        name: 'trade-fair-leads.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: leadWorkbook(),
      });

      // The guesses a person would make; "Event" is left out until they say what it is.
      const select = (header: string) => page.getByLabel(`Map column "${header}"`, { exact: true });
      const guessed = await Promise.all(HEADERS.map((h) => select(h).inputValue()));
      expect(guessed).toEqual(['fullName', 'email', 'company', 'title', 'phone', 'country', '']);

      // At 1280 px the seven columns do not fit. Above the table, a summary names the column left
      // out; the table shades its cut edge; every menu label fits its menu.
      const summary = page.getByTestId('mapping-summary');
      expect(await textOf(summary)).toMatch(/^7 columns: 6 mapped, 1 ignored — Event\b/);
      expect(await textOf(summary)).toContain('Scroll the table sideways to see every column.');
      const frame = page.locator('.scroll-frame');
      expect(await frame.getAttribute('data-hidden-after')).toBe('true');
      const clipped = await select('Full Name').evaluate((el) => {
        const { getComputedStyle, document } = globalThis as unknown as PageGlobals;
        const menu = el as unknown as { clientWidth: number; options: ArrayLike<{ text: string }> };
        const style = getComputedStyle(menu);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = style.font;
        // Room for text: the box less its padding and the arrow (about 20 px).
        const room =
          menu.clientWidth -
          Number.parseFloat(style.paddingLeft) -
          Number.parseFloat(style.paddingRight) -
          20;
        return Array.from(menu.options)
          .filter((o) => ctx.measureText(o.text).width > room)
          .map((o) => o.text);
      });
      expect(clipped).toEqual([]);
      await page.screenshot({
        path: path.join(artifacts, 'mapping-step.png'),
        fullPage: true,
        animations: 'disabled',
      });

      // The column's name in the summary takes the user to its menu, scrolled into sight.
      await summary.getByRole('button', { name: 'Event' }).click();
      expect(
        await select('Event').evaluate(
          (el) => el === (globalThis as unknown as PageGlobals).document.activeElement,
        ),
      ).toBe(true);
      const inSight = await select('Event').evaluate((el) => {
        const box = el.closest('.table-scroll')!.getBoundingClientRect();
        const menu = el.getBoundingClientRect();
        return menu.left >= box.left && menu.right <= box.right;
      });
      expect(inSight).toBe(true);
      expect(await frame.getAttribute('data-hidden-before')).toBe('true');
      // "Event" is the last column: nothing is left out of sight on the right.
      expect(await frame.getAttribute('data-hidden-after')).toBeNull();
      await page.screenshot({
        path: path.join(artifacts, 'mapping-step-event-column.png'),
        fullPage: true,
        animations: 'disabled',
      });

      await select('Event').selectOption('tags');
      expect(await select('Event').inputValue()).toBe('tags');
      expect(await textOf(summary)).toMatch(/^7 columns, all mapped\b/);

      // The preview shows the file's first rows, in file order, under a caption that counts them.
      const preview = page.getByRole('table', { name: /The first \d+ of 25 rows/ });
      await visible(preview);
      const previewRows = preview.locator('tbody').getByRole('row');
      expect(await previewRows.count()).toBeGreaterThanOrEqual(5);
      expect(await previewRows.count()).toBeLessThanOrEqual(20);
      for (let i = 0; i < 3; i++) {
        const cells = await previewRows.nth(i).getByRole('cell').allTextContents();
        expect(cells).toEqual(rows[i]);
      }

      await commitAndWait('Import 25 contacts');
      // 25 rows: one broken email refused, one repeat merged → 23 different people created.
      expect(await counts()).toEqual({
        created: '23',
        updated: '0',
        unchanged: '0',
        rejected: '1',
        duplicatesInFile: '1',
        withoutEmail: '0',
      });
      await page.screenshot({
        path: path.join(artifacts, 'import-result.png'),
        fullPage: true,
        animations: 'disabled',
      });
      const rejected = page.getByRole('table', { name: 'Rejected rows' });
      await visible(rejected);
      const rejectedCells = await rejected
        .locator('tbody')
        .getByRole('row')
        .first()
        .getByRole('cell')
        .allTextContents();
      // Row 12 of the spreadsheet: the header is row 1, the broken email is the 11th data row.
      expect(rejectedCells[0]).toBe('12');
      expect(rejectedCells[1]).toContain('ivan.broken(at)contoso.example');

      await viewContacts();
      await poll(() => contactRows().count()).toBe(23);
      expect(await page.getByText('no email').count()).toBe(0);
      // Names came from "Full Name", split; company and title landed in their columns.
      const hannah = page.getByRole('row', { name: /Hannah Becker/ });
      expect(await hannah.count()).toBe(1);
      expect(await cellsByHeader(hannah)).toMatchObject({
        Email: 'hannah.becker@northwindtraders.example',
        Company: 'Northwind Traders',
        Title: 'Head of Sales',
      });
      // The repeat of Lina was merged, not listed twice; the refused row is nowhere.
      expect(await page.getByRole('row', { name: /Lina Petrova/ }).count()).toBe(1);
      expect(await page.getByRole('row', { name: /Ivan Broken/ }).count()).toBe(0);
      // The remapped column took effect: the event is a tag on each contact.
      await visible(hannah.getByText('SaaStr', { exact: true }));
      await visible(page.getByRole('row', { name: /Oliver Grant/ }).getByText('Web Summit', { exact: true }));
      // Tidy at 1280 px: one line per contact (names, emails, companies, titles, pills, sources),
      // and no sideways scrolling.
      expect(await wrapped(contactsTable().locator('tbody .truncate'))).toEqual([]);
      expect(await wrapped(contactsTable().locator('tbody .badge'))).toEqual([]);
      expect(await wrapped(contactsTable().locator('tbody td.nowrap'))).toEqual([]);
      await page.screenshot({
        path: path.join(artifacts, 'contacts-page.png'),
        fullPage: true,
        animations: 'disabled',
      });
      const overflow = await contactsTable().evaluate(
        (table) => (table.parentElement?.scrollWidth ?? 0) - (table.parentElement?.clientWidth ?? 0),
      );
      expect(overflow).toBe(0);

      // Search narrows the list to one company.
      const northwind = rows.filter((r) => r[2] === 'Northwind Traders' && !r[1]!.includes('LINA')).length;
      await page.getByLabel('Search contacts').fill('Northwind');
      await poll(() => contactRows().count()).toBe(northwind);
      const names = await contactsTable().locator('tbody').getByRole('rowheader').allTextContents();
      expect(names.sort()).toEqual([
        'Hannah Becker',
        'Lina Petrova',
        'Lucas Jansen',
        'Pieter de Vries',
        'Yara Haddad',
      ]);

      // Clearing the search and filtering by the tag that came from the remapped column.
      await page.getByLabel('Search contacts').fill('');
      await poll(() => contactRows().count()).toBe(23);
      await page.getByLabel('Tag', { exact: true }).fill('SaaStr');
      const saastr = new Set(
        rows.filter((r) => r[6] === 'SaaStr' && r[0] !== 'Ivan Broken').map((r) => r[0]),
      );
      await poll(() => contactRows().count()).toBe(saastr.size);
      const tagged = await contactsTable().locator('tbody').getByRole('rowheader').allTextContents();
      expect(new Set(tagged)).toEqual(saastr);

      // The filter is in the address, so a reload shows the same list.
      await poll(async () => new URL(page.url()).searchParams.get('tag')).toBe('SaaStr');
      await page.reload();
      await visible(contactsTable());
      expect(await page.getByLabel('Tag', { exact: true }).inputValue()).toBe('SaaStr');
      await poll(() => contactRows().count()).toBe(saastr.size);
    },
    TEST_TIMEOUT,
  );

  test(
    'imports a LinkedIn Connections.csv and marks connections without an email',
    async () => {
      const user = newUser('Kim LinkedIn');
      await signIn(user);
      await visible(emptyState());
      await goToImport();

      const csv = [
        'Notes:',
        '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"',
        '',
        'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
        'Priya,Natarajan,https://www.linkedin.com/in/priya-natarajan-0a1b2c,priya.n@acme.example,Acme Corp,Head of Growth,12 Mar 2024',
        'Felix,Wagner,https://www.linkedin.com/in/felixwagner,,Globex,Sales Manager,03 Jan 2024',
        'Amara,Okafor,https://www.linkedin.com/in/amara-okafor,,Initech,"Director, Partnerships",21 Nov 2023',
        'Daniel,Cohen,https://www.linkedin.com/in/dcohen,daniel.cohen@umbrella.example,Umbrella,Engineer,15 Aug 2023',
        'Lena,Hoffmann,https://www.linkedin.com/in/lena-hoffmann-12,,Hooli,Recruiter,02 Feb 2023',
        '',
      ].join('\r\n');
      await upload({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

      // LinkedIn's own columns are recognised without help, the notes above them skipped.
      const select = (header: string) => page.getByLabel(`Map column "${header}"`, { exact: true });
      expect(await select('First Name').inputValue()).toBe('firstName');
      expect(await select('URL').inputValue()).toBe('linkedinUrl');
      expect(await select('Email Address').inputValue()).toBe('email');

      await commitAndWait('Import 5 contacts');
      expect(await counts()).toEqual({
        created: '5',
        updated: '0',
        unchanged: '0',
        rejected: '0',
        duplicatesInFile: '0',
        withoutEmail: '3',
      });

      await viewContacts();
      await poll(() => contactRows().count()).toBe(5);
      for (const name of ['Felix Wagner', 'Amara Okafor', 'Lena Hoffmann']) {
        const row = page.getByRole('row', { name: new RegExp(name) });
        await visible(row.getByText('no email', { exact: true }));
      }
      for (const name of ['Priya Natarajan', 'Daniel Cohen']) {
        const row = page.getByRole('row', { name: new RegExp(name) });
        expect(await row.getByText('no email').count()).toBe(0);
      }
      await showColumn('Source');
      expect(await cellsByHeader(page.getByRole('row', { name: /Amara Okafor/ }))).toMatchObject({
        Company: 'Initech',
        Title: 'Director, Partnerships',
        Source: 'LinkedIn export',
      });
      await page.screenshot({
        path: path.join(artifacts, 'contacts-linkedin.png'),
        fullPage: true,
        animations: 'disabled',
      });
    },
    TEST_TIMEOUT,
  );

  test('imports a 6,000-row list through the background queue, showing progress until the result', async () => {
    const user = newUser('Lee Bulk');
    await signIn(user);
    await goToImport();

    // More rows than IMPORT_SYNC_MAX_ROWS (5,000): the commit queues the import for the worker.
    const ROWS = 6000;
    const csv = [
      'First Name,Last Name,Email,Company',
      ...Array.from(
        { length: ROWS },
        (_, i) => `Bulk${i},Person,bulk.${i}@big-list.example,Company ${i % 40}`,
      ),
    ].join('\n');
    await upload({ name: 'big-list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await visible(page.getByRole('table', { name: 'The first 20 of 6,000 rows' }));

    const started = Date.now();
    await page.getByRole('button', { name: 'Import 6,000 contacts' }).click();
    const progress = page.getByRole('progressbar', { name: 'Import progress' });
    await visible(progress);
    const queuedAfter = Date.now() - started;
    expect(await progress.getAttribute('max')).toBe('6000');
    await visible(page.getByText(/^[\d,]+ \/ 6,000 rows processed$/));
    await page.screenshot({
      path: path.join(artifacts, 'import-progress.png'),
      fullPage: true,
      animations: 'disabled',
    });

    // Watch the bar while the worker runs: it only ever moves forward.
    const outcome = page.getByRole('heading', { name: /^Import (complete|failed)$/ });
    const values: number[] = [];
    while (!(await outcome.isVisible()) && Date.now() - started < 120_000) {
      const value = await progress
        .evaluate((el) => (el as unknown as { value: number }).value)
        .catch(() => null); // the bar is gone once the result shows
      if (value !== null && value !== values.at(-1)) values.push(value);
      await page.waitForTimeout(200);
    }
    await outcome.waitFor({ state: 'visible', timeout: 1000 });
    expect(await textOf(outcome)).toBe('Import complete');
    expect(values).toEqual([...values].sort((a, b) => a - b));
    console.log(
      `6,000-row import: progress shown after ${queuedAfter} ms, complete after ${Date.now() - started} ms;` +
        ` processed rows seen: ${values.join(', ')}`,
    );

    expect(await counts()).toEqual({
      created: '6,000',
      updated: '0',
      unchanged: '0',
      rejected: '0',
      duplicatesInFile: '0',
      withoutEmail: '0',
    });
    await page.screenshot({
      path: path.join(artifacts, 'import-result-large.png'),
      fullPage: true,
      animations: 'disabled',
    });

    // Every row arrived: the last one is found by search.
    await viewContacts();
    await page.getByLabel('Search contacts').fill('bulk.5999@');
    await poll(() => contactRows().count()).toBe(1);
    expect(await textOf(contactRows().first().getByRole('rowheader'))).toBe('Bulk5999 Person');
  }, 180_000);
});
