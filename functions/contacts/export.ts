import { stringify } from 'csv-stringify/sync';
import * as XLSX from 'xlsx';
import { LINE_BREAK, neutralise } from '../_shared/text/spreadsheet-cell.js';
import type { ContactsDeps } from './contacts.js';
import type { ContactDoc } from './model.js';
import type { ExportQuery } from './schema.js';

/** Columns of an export, named as the import recognises them, so an export imports back unchanged. */
export const COLUMNS: [header: string, value: (c: ContactDoc) => string][] = [
  ['First name', (c) => c.firstName ?? ''],
  ['Last name', (c) => c.lastName ?? ''],
  ['Email', (c) => c.email ?? ''],
  ['Phone', (c) => c.phone ?? ''],
  ['Company', (c) => c.company ?? ''],
  ['Title', (c) => c.title ?? ''],
  ['LinkedIn URL', (c) => c.linkedinUrl ?? ''],
  ['Location', (c) => c.location ?? ''],
  ['City', (c) => c.city ?? ''],
  ['Country', (c) => c.country ?? ''],
  ['Time zone', (c) => c.timeZone ?? ''],
  ['Tags', (c) => c.tags.join(', ')],
  ['Notes', (c) => c.notes ?? ''],
  ['Status', (c) => c.status],
  ['Source', (c) => c.source],
];
const DATES: [header: string, value: (c: ContactDoc) => string][] = [
  ['Created', (c) => c.createdAt],
  ['Updated', (c) => c.updatedAt],
];
const PAGE = 500;

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Uint8Array;
  rows: number;
}

/**
 * The chosen contacts (or every match of the filter, in the list's order) as CSV or Excel. Every
 * cell a spreadsheet would run as a formula is neutralised ("'=…"), CSV cells with line breaks
 * are quoted, and Excel gets real dates; the import reads the neutralised cells back as they were.
 */
export async function exportContacts(
  ownerId: string,
  q: ExportQuery,
  deps: ContactsDeps,
): Promise<ExportFile> {
  const docs: ContactDoc[] = [];
  if (q.ids?.length) {
    const order = new Map(q.ids.map((id, i) => [id, i]));
    docs.push(
      ...(await deps.store.readMany(ownerId, q.ids)).sort((a, b) => order.get(a.id)! - order.get(b.id)!),
    );
  } else {
    for await (const page of deps.store.pages(ownerId, q, q, PAGE)) docs.push(...page);
  }
  const day = deps.now().toISOString().slice(0, 10);
  const header = [...COLUMNS, ...DATES].map(([h]) => h);
  const text = (c: ContactDoc) => COLUMNS.map(([, value]) => neutralise(value(c)));
  if (q.format === 'csv') {
    const csv = stringify([header, ...docs.map((c) => [...text(c), ...DATES.map(([, v]) => v(c))])], {
      record_delimiter: 'windows',
      quoted_match: LINE_BREAK,
    });
    return {
      fileName: `contacts-${day}.csv`,
      contentType: 'text/csv; charset=utf-8',
      // A BOM, or Excel reads UTF-8 as the ANSI code page.
      body: Buffer.from(`\uFEFF${csv}`, 'utf8'),
      rows: docs.length,
    };
  }
  const sheet = XLSX.utils.aoa_to_sheet(
    [header, ...docs.map((c) => [...text(c), ...DATES.map(([, v]) => new Date(v(c)))])],
    { cellDates: true, dateNF: 'yyyy-mm-dd hh:mm' },
  );
  sheet['!cols'] = header.map((h) => ({
    wch: Math.max(h.length + 2, h === 'Email' || h === 'Notes' ? 30 : 14),
  }));
  sheet['!autofilter'] = { ref: sheet['!ref']! };
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Contacts');
  return {
    fileName: `contacts-${day}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: XLSX.write(book, { type: 'buffer', bookType: 'xlsx', cellDates: true }) as Buffer,
    rows: docs.length,
  };
}
