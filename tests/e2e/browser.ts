import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** Screenshots a person looks at after a run (gitignored). */
export const ARTIFACTS = path.join(import.meta.dirname, 'artifacts');
/** How long a step may wait for the page. */
export const UI_TIMEOUT = 15_000;

/**
 * Debian's Chromium with the flags this machine needs (no sandbox as root, no background network).
 * Playwright gives each launch its own throwaway profile; it refuses a `--user-data-dir` argument.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Chromium for one test file: launched once; each `openPage` is a fresh context (a clean browser,
 * as another person would have), closed after its test.
 */
export function chromiumPerFile() {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
  return {
    /** en-US unless told otherwise: counts read "6,000" whatever the machine's language. */
    async openPage(options: BrowserContextOptions): Promise<Page> {
      context = await browser!.newContext({ locale: 'en-US', ...options });
      context.setDefaultTimeout(UI_TIMEOUT);
      return context.newPage();
    },
    context: (): BrowserContext => context!,
  };
}

/** Waits until the element is on screen. */
export const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

/** An element's text as a person reads it: runs of white space as one space. */
export const textOf = async (locator: Locator) =>
  ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** What code passed to `evaluate` reads; this project's Node typecheck has no DOM library. */
interface PageGlobals {
  innerWidth: number;
  document: { scrollingElement: { scrollWidth: number } | null };
}

/** How far the page itself scrolls sideways (0 when everything fits the window). */
export const sidewaysScroll = (page: Page) =>
  page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as PageGlobals;
    return (document.scrollingElement?.scrollWidth ?? 0) - innerWidth;
  });

/** The page fits the window's width, and a screenshot of it is kept (ARTIFACTS/`file`) for a person to look at. */
export async function fitsAndShoot(page: Page, file: string, what: string, width: number) {
  expect(await sidewaysScroll(page), `${what} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(ARTIFACTS, file), fullPage: true, animations: 'disabled' });
}

/** Signs in through the dev sign-in page, as a new person would, and lands on Contacts. */
export async function signInAs(page: Page, appUrl: string, user: { name: string; email: string }) {
  await page.goto(`${appUrl}/`);
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/.auth/login/dev');
  await page.getByLabel('Name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/contacts');
  await visible(page.getByRole('heading', { name: 'Contacts', level: 1 }));
}

/**
 * On the Availability page, as a founder would: weekends open too (so a journey does not depend on
 * the weekday) and no minimum notice, saved.
 */
export async function openWeekendsNoNotice(page: Page, appUrl: string) {
  await page.goto(`${appUrl}/availability`);
  await visible(page.getByRole('heading', { name: 'Availability', level: 1 }));
  for (const name of ['Saturday', 'Sunday']) {
    const box = page.getByRole('checkbox', { name });
    if (!(await box.isChecked())) await box.check();
  }
  await page.getByLabel('Minimum notice (minutes)').fill('0');
  await page.getByRole('button', { name: 'Save availability' }).click();
  await visible(page.getByText('Availability saved.'));
}

/** Adds a contact with the Contacts page's "Add contact" dialog, filling only the fields given. */
export async function addContact(
  page: Page,
  person: { first: string; last?: string; email: string; company?: string },
) {
  await page.getByRole('button', { name: 'Add contact' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add contact' });
  await dialog.getByLabel('First name').fill(person.first);
  if (person.last) await dialog.getByLabel('Last name').fill(person.last);
  await dialog.getByLabel('Email').fill(person.email);
  if (person.company) await dialog.getByLabel('Company').fill(person.company);
  await dialog.getByRole('button', { name: 'Add contact' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** On a contact's page: "Copy booking link", as the organizer would, and what the clipboard then holds. */
export async function copyBookingLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy booking link' }).click();
  await visible(page.getByText('Booking link copied'));
  return page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  );
}
