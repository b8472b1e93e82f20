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
import { afterAll, afterEach, beforeAll } from 'vitest';

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
