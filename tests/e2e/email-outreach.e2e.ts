import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import {
  ARTIFACTS,
  addContact,
  chromiumPerFile,
  fitsAndShoot,
  signInAs,
  textOf,
  UI_TIMEOUT,
  visible,
} from './browser.js';

// Email outreach as a founder runs it: three contacts, a template previewed for one of them, a
// sender with a postal address, a campaign watched to the end, the email read in the outbox, its
// unsubscribe link followed, and a second campaign that skips the person who left.

const appUrl = inject('appUrl');
const _artifacts = ARTIFACTS;
const TEST_TIMEOUT = 240_000;
/** A campaign goes through the queue and the sender's pacing: allow it a minute to finish. */
const SEND_TIMEOUT = 60_000;

const chromium = chromiumPerFile();
let page: Page;

const LAPTOP = { name: 'laptop', width: 1366, height: 768 } as const;
const PHONE = { name: 'phone', width: 390, height: 844 } as const;
type Viewport = typeof LAPTOP | typeof PHONE;

const poll = <T>(read: () => Promise<T>, timeout = UI_TIMEOUT) =>
  expect.poll(read, { timeout, interval: 200 });

/** The page fits the window's width, and a screenshot of it is kept for a person to look at. */
async function check(viewport: Viewport, name: string) {
  await fitsAndShoot(page, `outreach-${viewport.name}-${name}.png`, name, viewport.width);
}

async function signIn(user: { name: string; email: string }) {
  await signInAs(page, appUrl, user);
}

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

const next = () => page.getByRole('button', { name: /^Next:/ }).click();

/** The wizard from audience to Start, for everyone whose email carries `stamp`. */
async function runCampaign(opts: {
  name: string;
  stamp: string;
  template: string;
  sender: string;
  viewport: Viewport;
  newSender?: { name: string; email: string; replyTo: string; address: string };
  shots?: boolean;
}) {
  await nav('Campaigns');
  await visible(page.getByRole('heading', { name: 'Campaigns', level: 1 }));
  await page.getByRole('link', { name: 'New campaign' }).first().click();
  await page.waitForURL((url) => url.pathname === '/campaigns/new');

  await page.getByLabel('Matching').fill(opts.stamp);
  await poll(() => textOf(page.getByTestId('audience-count'))).toContain('3 contacts match');
  if (opts.shots) await check(opts.viewport, 'wizard-audience');
  await next();

  await page.getByRole('radio', { name: new RegExp(opts.template) }).check();
  await visible(page.getByTitle('Email preview'));
  if (opts.shots) await check(opts.viewport, 'wizard-template');
  await next();

  if (opts.newSender) {
    await page.getByRole('button', { name: 'New sender' }).click();
    const dialog = page.getByRole('dialog', { name: 'New sender' });
    await dialog.getByLabel('Name').fill(opts.newSender.name);
    await dialog.getByLabel('Email', { exact: true }).fill(opts.newSender.email);
    await dialog.getByLabel('Reply-to (optional)').fill(opts.newSender.replyTo);
    await dialog.getByLabel('Daily limit').fill('50');
    await dialog.getByLabel('Postal address').fill(opts.newSender.address);
    if (opts.shots) await check(opts.viewport, 'wizard-new-sender');
    await dialog.getByRole('button', { name: 'Add sender' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
  const senderRadio = page.getByRole('radio', { name: new RegExp(opts.sender) });
  await poll(() => senderRadio.isChecked()).toBe(!!opts.newSender);
  await senderRadio.check();
  await next();

  // One follow-up, with every stop rule on: it must never reach anyone in this test (3 days).
  if (opts.shots) {
    await page.getByRole('button', { name: 'Add follow-up' }).click();
    await page.getByLabel('Template').selectOption({ label: opts.template });
    await check(opts.viewport, 'wizard-steps');
    await page.getByRole('button', { name: 'Remove step 2' }).click();
  }
  await next();
  await next(); // schedule: as soon as it is started

  await page.getByLabel('Campaign name').fill(opts.name);
  if (opts.shots) await check(opts.viewport, 'wizard-review');
  await page.getByRole('button', { name: 'Start campaign' }).click();
  await page.waitForURL((url) => /^\/campaigns\/(?!new$)[^/]+$/.test(url.pathname));
  await visible(page.getByRole('heading', { name: opts.name, level: 1 }));
  return page.url();
}

const countOf = (key: string) => textOf(page.getByTestId(`count-${key}`).locator('dd'));

describe('email outreach', () => {
  test(
    'templates, a sender, two campaigns, the outbox, unsubscribe and suppressions at 1366×768, every page at 390×844',
    async () => {
      const viewport = LAPTOP;
      page = await chromium.openPage({
        viewport: { width: viewport.width, height: viewport.height },
      });

      const stamp = `${Date.now()}`;
      const user = { name: 'Jordan Reyes', email: `jordan.${stamp}@momentum.example` };
      const mail = (who: string) => `${who}.${stamp}@contacts.example`;
      const people = [
        { first: 'Ada', last: 'Lovelace', email: mail('ada'), company: 'Analytical Engines' },
        { first: 'Grace', last: 'Hopper', email: mail('grace'), company: 'Navy' },
        { first: 'Milo', last: 'Meyer', email: mail('milo'), company: 'Meyer & Co' },
      ];
      const shown: Record<string, string> = {};

      await signIn(user);
      for (const person of people) await addContact(page, person);
      await poll(() => textOf(page.getByTestId('contacts-range'))).toBe('1–3 of 3');

      // Templates: the starters, then one of our own, previewed for Ada.
      await nav('Templates');
      await visible(page.getByRole('heading', { name: 'Templates', level: 1 }));
      await poll(async () => page.getByRole('table', { name: 'Templates' }).locator('tbody tr').count()).toBe(
        3,
      );
      await check(viewport, 'templates');
      shown.templates = page.url();
      await page.getByRole('link', { name: 'New template' }).first().click();
      await page.getByLabel('Name', { exact: true }).fill('Intro — e2e');
      await page.getByLabel('Subject').fill('Hello {{firstName "there"}}');
      const html = page.getByLabel('HTML body');
      await html.fill('<p>Hi {{firstName "there"}},</p>\n<p>Quick one about ');
      await html.press('End');
      await page.getByRole('button', { name: 'Insert Company' }).click();
      await html.press('End');
      await html.pressSequentially('.</p>');
      await poll(() => html.inputValue()).toContain('{{company}}.</p>');
      // With no contact chosen the preview uses the sample contact (Jordan Lee).
      await poll(() => textOf(page.getByTestId('preview-subject'))).toBe('Hello Jordan');
      await page.getByRole('button', { name: 'Preview as a contact' }).click();
      await page.getByLabel('Preview as').fill('Ada');
      await page
        .getByRole('list', { name: 'Matching contacts' })
        .getByRole('button', { name: 'Ada Lovelace' })
        .click();
      await poll(() => textOf(page.getByTestId('preview-subject'))).toBe('Hello Ada');
      await poll(async () => (await page.getByTitle('Email preview').getAttribute('srcdoc')) ?? '').toContain(
        'Quick one about Analytical Engines.',
      );
      expect(await page.getByTitle('Email preview').getAttribute('sandbox')).not.toContain('allow-scripts');
      await page.getByRole('button', { name: 'Create template' }).click();
      await page.waitForURL((url) => /^\/templates\/(?!new$)[^/]+$/.test(url.pathname));
      await visible(page.getByRole('heading', { name: 'Intro — e2e', level: 1 }));
      await check(viewport, 'template-editor');
      shown.template = page.url();
      await page.getByRole('button', { name: 'Send me a test' }).click();
      await poll(() => textOf(page.getByText(/Test sent to/))).toContain(user.email);

      // Campaign 1, with a sender made on the way (postal address included), watched to the end.
      const sender = {
        name: 'Jordan Reyes',
        email: `send.${stamp}@momentum.example`,
        replyTo: `reply.${stamp}@momentum.example`,
        address: '1 Market St, San Francisco, CA 94105',
      };
      shown.campaign = await runCampaign({
        name: 'Intro — first wave',
        stamp,
        template: 'Intro — e2e',
        sender: sender.email,
        newSender: sender,
        viewport,
        shots: true,
      });
      await poll(() => textOf(page.getByTestId('campaign-progress')), SEND_TIMEOUT).toContain(
        '3 of 3 recipients sent',
      );
      await poll(() => textOf(page.locator('.campaign-status')), SEND_TIMEOUT).toBe('Done');
      expect(await countOf('sent')).toBe('3');
      await visible(page.getByRole('table', { name: 'Emails of this campaign' }).getByText(people[0]!.email));
      await check(viewport, 'campaign');
      await nav('Campaigns');
      await visible(page.getByRole('table', { name: 'Campaigns' }).getByText('Done'));
      await check(viewport, 'campaigns');
      shown.campaigns = page.url();

      // The outbox: Ada's email, personalised, with List-Unsubscribe; its link opens the public page.
      await nav('Outbox');
      const outbox = page.getByRole('table', { name: 'Outbox' });
      await visible(outbox.getByText(people[0]!.email));
      await check(viewport, 'outbox');
      shown.outbox = page.url();
      await outbox
        .getByRole('row')
        .filter({ hasText: people[0]!.email })
        .getByRole('link', { name: 'Hello Ada' })
        .click();
      await visible(page.getByRole('heading', { name: 'Hello Ada', level: 1 }));
      expect(await page.getByTitle(/^Email to/).getAttribute('srcdoc')).toContain('Hi Ada,');
      const listUnsubscribe = page.getByTestId('list-unsubscribe');
      expect(await textOf(listUnsubscribe)).toMatch(/<https?:\/\/[^>]+\/api\/unsubscribe\/[^>]+>/);
      expect(await textOf(page.locator('.email-headers'))).toContain(sender.replyTo);
      await check(viewport, 'outbox-email');
      shown.outboxEmail = page.url();
      const [publicPage] = await Promise.all([
        chromium.context().waitForEvent('page'),
        listUnsubscribe.getByRole('link', { name: 'Open the unsubscribe page' }).click(),
      ]);
      await publicPage.waitForLoadState();
      expect(new URL(publicPage.url()).pathname).toMatch(/^\/api\/unsubscribe\//);
      await publicPage.getByRole('button', { name: /Unsubscribe/i }).click();
      await expect
        .poll(async () => ((await publicPage.locator('body').textContent()) ?? '').toLowerCase(), {
          timeout: UI_TIMEOUT,
        })
        .toMatch(/unsubscribed|will not (get|receive)|no longer/);
      await publicPage.close();

      // Suppressions (from Campaigns): Ada is there.
      await nav('Campaigns');
      await page.getByRole('link', { name: 'Suppressions' }).click();
      const suppressed = page.getByRole('table', { name: 'Suppressed addresses' });
      await visible(suppressed.getByText(people[0]!.email));
      expect(await textOf(suppressed.getByRole('row').filter({ hasText: people[0]!.email }))).toContain(
        'Unsubscribed',
      );
      await check(viewport, 'suppressions');
      shown.suppressions = page.url();
      await page.getByRole('link', { name: '← Campaigns' }).click();
      await page.getByRole('link', { name: 'Senders' }).click();
      await visible(page.getByRole('table', { name: 'Senders' }).getByText(sender.address));
      await check(viewport, 'senders');
      shown.senders = page.url();

      // Campaign 2 to the same people: Ada is skipped as suppressed.
      await runCampaign({
        name: 'Intro — second wave',
        stamp,
        template: 'Intro — e2e',
        sender: sender.email,
        viewport,
      });
      await poll(() => textOf(page.locator('.campaign-status')), SEND_TIMEOUT).toBe('Done');
      expect(await countOf('skippedSuppressed')).toBe('1');
      expect(await countOf('sent')).toBe('2');
      await page.getByLabel('Status').selectOption('skipped');
      await visible(page.getByRole('table', { name: 'Emails of this campaign' }).getByText(people[0]!.email));

      // Every new page at phone width: nothing scrolls sideways.
      await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
      for (const [name, url] of Object.entries(shown)) {
        await page.goto(url);
        await visible(page.getByRole('heading', { level: 1 }));
        await page.waitForLoadState('networkidle');
        await check(
          PHONE,
          name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
        );
      }
      await page.goto(`${appUrl}/campaigns/new`);
      await poll(() => textOf(page.getByTestId('audience-count'))).toContain('contacts match');
      await check(PHONE, 'wizard-audience');
      await page.goto(`${appUrl}/templates/new`);
      await visible(page.getByRole('heading', { name: 'New template', level: 1 }));
      await check(PHONE, 'template-new');
      // The navigation keeps every area on screen at 390 px.
      for (const name of ['Contacts', 'Import', 'Templates', 'Campaigns', 'Outbox']) {
        const box = await page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name, exact: true })
          .boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${name} fits at 390 px`).toBe(true);
      }
    },
    TEST_TIMEOUT,
  );
});
