import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import * as XLSX from 'xlsx';
import { addContact, chromiumPerFile, fitsAndShoot, signInAs, UI_TIMEOUT, visible } from './browser.js';

// Reports as a founder uses them, on a laptop and on a phone: add a contact, generate today's
// report and download it, export contacts as CSV and leads as Excel, and open both files.

const appUrl = inject('appUrl');
const TEST_TIMEOUT = 90_000;
const chromium = chromiumPerFile();
let page: Page;

const VIEWPORTS = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;

async function download(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

describe('reports', () => {
  for (const viewport of VIEWPORTS) {
    test(
      `generates and downloads the daily report and two exports at ${viewport.width}×${viewport.height}`,
      async () => {
        page = await chromium.openPage({
          viewport: { width: viewport.width, height: viewport.height },
          acceptDownloads: true,
        });
        const stamp = `${Date.now()}.${viewport.name}`;
        await signInAs(page, appUrl, {
          name: `Riley ${viewport.name}`,
          email: `riley.${stamp}@momentum.example`,
        });

        // One contact whose company a spreadsheet would run as a formula.
        await addContact(page, {
          first: 'Ada',
          email: `ada.${stamp}@contacts.example`,
          company: '=HYPERLINK("http://evil")',
        });

        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
        await visible(page.getByRole('heading', { name: 'Reports', level: 1 }));
        await visible(page.getByText('No reports yet.'));
        await fitsAndShoot(page, `reports-${viewport.name}-empty.png`, 'Reports (empty)', viewport.width);

        await page.getByRole('button', { name: 'Generate today’s report now' }).click();
        const reports = page.getByRole('table', { name: 'Daily reports' });
        await visible(reports);
        const report = await download(() =>
          reports
            .getByRole('link', { name: /Download/ })
            .first()
            .click(),
        );
        expect(report.name).toMatch(/^momentum-daily-\d{4}-\d{2}-\d{2}\.xlsx$/);
        const book = XLSX.read(report.bytes, { type: 'buffer' });
        expect(book.SheetNames).toEqual([
          'New leads',
          'Stage changes',
          'Meetings',
          'Follow-ups due',
          'Campaign results',
        ]);
        const leads = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['New leads']!);
        expect(leads).toEqual([
          expect.objectContaining({ Name: 'Ada', Company: `'=HYPERLINK("http://evil")` }),
        ]);

        const toggle = page.getByRole('switch', { name: 'Email me the daily report' });
        await toggle.check();
        await expect.poll(() => toggle.isChecked(), { timeout: UI_TIMEOUT }).toBe(true);

        // Contacts as CSV.
        await page.getByLabel('Format').selectOption('csv');
        await page.getByRole('button', { name: 'Export contacts' }).click();
        const csv = await download(() =>
          page
            .getByTestId('export-job')
            .getByRole('link', { name: /Download contacts-.*\.csv/ })
            .click(),
        );
        const rows: Record<string, string>[] = parse(csv.bytes.toString('utf8'), {
          bom: true,
          columns: true,
        });
        expect(rows).toEqual([
          expect.objectContaining({ 'First name': 'Ada', Company: `'=HYPERLINK("http://evil")` }),
        ]);

        // Leads of stage New as Excel.
        await page.getByRole('radio', { name: 'Leads' }).check();
        await page.getByLabel('Stage').selectOption('new');
        await page.getByLabel('Format').selectOption('xlsx');
        await page.getByRole('button', { name: 'Export leads' }).click();
        const xlsx = await download(() =>
          page
            .getByTestId('export-job')
            .getByRole('link', { name: /Download leads-.*\.xlsx/ })
            .click(),
        );
        const sheet = XLSX.read(xlsx.bytes, { type: 'buffer', cellDates: true }).Sheets.Leads!;
        const leadRows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet);
        expect(leadRows).toEqual([expect.objectContaining({ Name: 'Ada', Stage: 'New' })]);
        expect(leadRows[0]!.Added).toBeInstanceOf(Date);

        const recent = page.getByRole('table', { name: 'Recent exports' });
        await visible(recent.getByRole('link', { name: xlsx.name }));
        await fitsAndShoot(
          page,
          `reports-${viewport.name}-done.png`,
          'Reports (with exports)',
          viewport.width,
        );
      },
      TEST_TIMEOUT,
    );
  }
});
