import { type Browser, chromium } from 'playwright-core';

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
