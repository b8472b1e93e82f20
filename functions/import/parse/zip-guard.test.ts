import { Zip, ZipDeflate, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { appError, open } from '../test-support.js';

const WORKBOOK_XML = new TextEncoder().encode('<workbook/>');

/** One entry of `megabytes` MB of zeros deflated (~1 KB per MB), streamed so the test never holds it. */
function zipBomb(megabytes: number): Buffer {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    parts.push(data);
  });
  const book = new ZipDeflate('xl/workbook.xml');
  zip.add(book);
  book.push(WORKBOOK_XML, true);
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 1 });
  zip.add(sheet);
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < megabytes; i++) sheet.push(zeros, i === megabytes - 1);
  zip.end();
  return Buffer.concat(parts);
}

describe('xlsx zip bombs', () => {
  it('refuses a workbook that inflates to 250 MB before SheetJS reads it', async () => {
    const bomb = zipBomb(250);
    expect(bomb.length).toBeLessThan(300 * 1024);
    const before = process.memoryUsage().rss;
    const error = await appError(() => open('contacts.xlsx', bomb));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('unpacks to more than 100 MB');
    expect(error.message).toContain('Save the sheet as CSV');
    // Inflation stops at the cap: nowhere near 250 MB was ever held.
    expect(process.memoryUsage().rss - before).toBeLessThan(250 * 1024 * 1024);
  }, 60_000);

  it('refuses a workbook that declares a 4 GB part, before anything allocates it', async () => {
    const file = Buffer.from(
      zipSync({ 'xl/workbook.xml': WORKBOOK_XML, 'xl/worksheets/sheet1.xml': new Uint8Array(10) }),
    );
    const central = file.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 46;
    file.writeUInt32LE(0xfffffff0, central + 24); // uncompressed size in the central directory
    const error = await appError(() => open('contacts.xlsx', file));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('honours a lower cap given by the caller', async () => {
    const error = await appError(() =>
      open('contacts.xlsx', zipBomb(20), { maxUncompressedBytes: 10 * 1024 * 1024 }),
    );
    expect(error.message).toContain('unpacks to more than 10 MB');
  });

  it('refuses a zip that is not a workbook, naming what it is', async () => {
    const docx = zipSync({ '[Content_Types].xml': WORKBOOK_XML, 'word/document.xml': WORKBOOK_XML });
    const error = await appError(() => open('contacts.xlsx', docx));
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toContain('a Word document');
  });
});
