import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
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

// The pipeline as a founder works it: a contact books a meeting on the public page and shows up in
// "Meeting booked" on the board; the founder moves them to Won from the keyboard, opens the lead
// and sets a next action; the board and the lead page fit a laptop and a phone.

const appUrl = inject('appUrl');
const TEST_TIMEOUT = 240_000;

const chromium = chromiumPerFile();
let page: Page;

const LAPTOP = { width: 1366, height: 768 } as const;
const PHONE = { width: 390, height: 844 } as const;

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
const column = (stage: string) => page.locator(`.board-column[data-stage="${stage}"]`);

describe('leads pipeline', () => {
  test(
    'a booking lands in Meeting booked → moved to Won by keyboard → next action set on the lead page',
    async () => {
      page = await chromium.openPage({
        viewport: LAPTOP,
        timezoneId: 'Europe/Berlin',
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      await signInAs(page, appUrl, { name: 'Pia Pipeline', email: 'pia.pipeline@example.com' });
      await openWeekendsNoNotice(page, appUrl);

      // A contact added by hand, and their booking link from their page.
      await nav('Contacts');
      await addContact(page, {
        first: 'Mara',
        last: 'Lindqvist',
        email: 'mara.lindqvist@example.se',
        company: 'Nordlys AB',
      });
      await page.getByRole('link', { name: 'Mara Lindqvist' }).first().click();
      await visible(page.getByRole('heading', { name: 'Mara Lindqvist', level: 1 }));
      const link = await copyBookingLink(page);

      // Mara books on the public page (the second day offered, its first time).
      const visitor = await chromium.context().newPage();
      // The link's path on this run's server (its origin is APP_BASE_URL, which may name another port).
      await visitor.goto(`${appUrl}${new URL(link).pathname}`);
      await visible(visitor.getByRole('heading', { name: 'Intro call', level: 1 }));
      const days = visitor.locator('.slot-days').getByRole('button');
      await visible(days.nth(1));
      await days.nth(1).click();
      await visitor
        .getByRole('list', { name: /^Times on/ })
        .getByRole('button')
        .first()
        .click();
      await visitor.getByRole('button', { name: 'Confirm' }).click();
      await visible(visitor.getByRole('heading', { name: /You’re booked/ }));
      await visitor.close();

      // The board: Mara in "Meeting booked", counted.
      await nav('Pipeline');
      await visible(page.getByRole('heading', { name: 'Pipeline', level: 1 }));
      const booked = column('meeting');
      const card = booked.locator('.lead-card').filter({ hasText: 'Mara Lindqvist' });
      await expect
        .poll(
          async () => {
            if (await card.count()) return true;
            await page.reload();
            return false;
          },
          { timeout: UI_TIMEOUT, interval: 500 },
        )
        .toBe(true);
      expect(await textOf(card)).toContain('Nordlys AB');
      expect(await textOf(booked.locator('h2'))).toMatch(/^Meeting booked, 1 lead$/);
      await fitsAndShoot(page, 'leads-board-laptop.png', 'Pipeline board', LAPTOP.width);

      // Dragged to Met with the mouse…
      const met = column('met');
      await card.dragTo(met);
      await visible(page.getByText('Mara Lindqvist moved to Met.'));
      const metCard = met.locator('.lead-card').filter({ hasText: 'Mara Lindqvist' });
      await visible(metCard);
      expect(await booked.locator('.lead-card').count()).toBe(0);

      // …then Won from the keyboard: the card's "Move to" menu, its stage typed by first letter.
      const menu = metCard.getByRole('combobox', { name: 'Move Mara Lindqvist to' });
      await menu.focus();
      await page.keyboard.press('W');
      await visible(page.getByText('Mara Lindqvist moved to Won.'));
      const won = column('won');
      await visible(won.locator('.lead-card').filter({ hasText: 'Mara Lindqvist' }));
      expect(await met.locator('.lead-card').count()).toBe(0);
      expect(await textOf(won.locator('h2'))).toMatch(/^Won, 1 lead$/);

      // The lead page: a next action, and the timeline says what happened in plain words.
      await won.getByRole('link', { name: 'Mara Lindqvist' }).click();
      await visible(page.getByRole('heading', { name: 'Mara Lindqvist', level: 1 }));
      expect(await page.getByLabel('Current stage').inputValue()).toBe('won');
      await page.getByRole('button', { name: 'Set next action' }).click();
      const form = page.getByRole('form', { name: 'Next action' });
      // Today in Berlin (the founder's zone): the follow-up is due today on the pipeline.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
      const todayText = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${today}T00:00:00Z`),
      );
      await form.getByLabel('Date').fill(today);
      await form.getByLabel('What to do').fill('Send the onboarding plan');
      await form.getByRole('button', { name: 'Save next action' }).click();
      await form.waitFor({ state: 'hidden' });
      const timeline = page.getByRole('region', { name: 'Timeline' });
      await visible(timeline.getByText(`Next action on ${todayText}: Send the onboarding plan`));
      expect(await textOf(timeline)).toContain('Moved to Won (set by hand)');
      expect(await textOf(timeline)).toContain('Moved to Met (set by hand)');
      expect(await textOf(timeline)).toContain('Moved to Meeting booked (meeting booked)');
      expect(await textOf(page.getByRole('region', { name: 'Next action' }))).toContain(
        'Send the onboarding plan',
      );
      await fitsAndShoot(page, 'leads-lead-laptop.png', 'Lead page', LAPTOP.width);

      // The contact page shows the same next action and timeline.
      await page.getByRole('link', { name: 'Open contact page' }).click();
      const pipeline = page.getByRole('region', { name: 'Pipeline' });
      await visible(pipeline.getByText('Moved to Won (set by hand)'));
      expect(await textOf(pipeline)).toContain('Send the onboarding plan');
      await fitsAndShoot(page, 'leads-contact-laptop.png', 'Contact page', LAPTOP.width);

      // On a phone: the board scrolls sideways inside itself, the page does not; a stage's chip
      // brings its column into view.
      await page.setViewportSize(PHONE);
      await page.goBack();
      await visible(page.getByRole('heading', { name: 'Mara Lindqvist', level: 1 }));
      await fitsAndShoot(page, 'leads-lead-phone.png', 'Lead page', PHONE.width);
      await nav('Pipeline');
      const dueToday = page.locator('.followup-list.today');
      await visible(dueToday.getByRole('link', { name: 'Mara Lindqvist' }));
      expect(await textOf(dueToday)).toContain('Send the onboarding plan');
      await page.getByRole('navigation', { name: 'Stages' }).getByRole('button', { name: /^Won/ }).click();
      const wonCard = won.locator('.lead-card').filter({ hasText: 'Mara Lindqvist' });
      await expect
        .poll(async () => (await wonCard.boundingBox())?.x ?? 999, { timeout: UI_TIMEOUT })
        .toBeLessThan(PHONE.width - 200);
      await fitsAndShoot(page, 'leads-board-phone.png', 'Pipeline board', PHONE.width);
      await page.getByRole('button', { name: 'List' }).click();
      await visible(page.getByRole('table', { name: 'Leads' }).getByRole('link', { name: 'Mara Lindqvist' }));
      await fitsAndShoot(page, 'leads-list-phone.png', 'Leads list', PHONE.width);
      await page.setViewportSize(LAPTOP);
      await fitsAndShoot(page, 'leads-list-laptop.png', 'Leads list', LAPTOP.width);
    },
    TEST_TIMEOUT,
  );
});
