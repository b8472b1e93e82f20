import { crc32, deflateRawSync } from 'node:zlib';
import { Deflate, unzipSync, Zip, ZipDeflate, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { appError, open, rowsOf } from '../table.test-support.js';

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

interface Zip64Part {
  name: string;
  /** Raw deflate bytes, and the sizes and CRC the headers state. */
  data: Uint8Array;
  size: number;
  crc: number;
}

const part = (name: string, content: Uint8Array): Zip64Part => ({
  name,
  data: deflateRawSync(content),
  size: content.length,
  crc: crc32(content),
});

const u64 = (value: number): Buffer => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(BigInt(value));
  return bytes;
};

/**
 * A zip as streaming writers make it: every local header says 0xFFFFFFFF and carries the sizes in
 * a ZIP64 extra field (id 0x0001). The central directory does the same when `central` is 'zip64',
 * else states the sizes plainly. `stated` overrides the sizes a header claims (to make it lie).
 */
function zip64(
  parts: Zip64Part[],
  central: 'zip64' | 'plain',
  stated: { local?: number; central?: number } = {},
): Buffer {
  const out: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const extra = (size: number) =>
      Buffer.concat([Buffer.from([0x01, 0x00, 16, 0x00]), u64(size), u64(p.data.length)]);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(45, 4); // version needed: ZIP64
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(0xffffffff, 18);
    local.writeUInt32LE(0xffffffff, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(20, 28);
    const localExtra = extra(stated.local ?? p.size);
    out.push(local, name, localExtra, Buffer.from(p.data));
    const centralExtra = central === 'zip64' ? extra(stated.central ?? p.size) : Buffer.alloc(0);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(45, 4);
    entry.writeUInt16LE(45, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(p.crc, 16);
    entry.writeUInt32LE(central === 'zip64' ? 0xffffffff : p.data.length, 20);
    entry.writeUInt32LE(central === 'zip64' ? 0xffffffff : (stated.central ?? p.size), 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt16LE(centralExtra.length, 30);
    entry.writeUInt32LE(offset, 42);
    directory.push(entry, name, centralExtra);
    offset += local.length + name.length + localExtra.length + p.data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, dir, end]);
}

/** The parts of a small workbook SheetJS writes, rewritten as a streaming writer would. */
function zip64Workbook(central: 'zip64' | 'plain'): Buffer {
  const book = XLSX.utils.book_new();
  const rows = [
    ['Name', 'Email'],
    ['Jane Doe', 'jane@acme.com'],
  ];
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Contacts');
  const xlsx = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  const parts = Object.entries(unzipSync(xlsx)).map(([name, content]) => part(name, content));
  return zip64(parts, central);
}

/** Raw deflate of `megabytes` MB of zeros, streamed so the test never holds the zeros whole. */
function deflatedZeros(megabytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const deflate = new Deflate({ level: 1 }, (chunk) => chunks.push(chunk));
  const zeros = new Uint8Array(1024 * 1024);
  for (let i = 0; i < megabytes; i++) deflate.push(zeros, i === megabytes - 1);
  return Buffer.concat(chunks);
}

describe('xlsx with ZIP64 headers (streaming writers)', () => {
  it.each(['plain', 'zip64'] as const)(
    'reads a small workbook whose local headers hold ZIP64 sizes (central directory %s)',
    async (central) => {
      const table = await open('contacts.xlsx', zip64Workbook(central));
      const rows = await rowsOf(table);
      expect(table.headers).toEqual(['Name', 'Email']);
      expect(rows.map((r) => r.cells)).toEqual([['Jane Doe', 'jane@acme.com']]);
    },
  );

  it('refuses a bomb whose ZIP64 sizes claim a few bytes but which inflates past the cap', async () => {
    const bomb = zip64(
      [
        part('xl/workbook.xml', WORKBOOK_XML),
        { ...part('xl/worksheets/sheet1.xml', WORKBOOK_XML), data: deflatedZeros(20) },
      ],
      'zip64',
    );
    expect(bomb.length).toBeLessThan(100 * 1024);
    const error = await appError(() =>
      open('contacts.xlsx', bomb, { maxUncompressedBytes: 10 * 1024 * 1024 }),
    );
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toContain('unpacks to more than 10 MB');
  });

  it.each([
    ['local', { local: 5 * 2 ** 30 }],
    ['central', { central: 5 * 2 ** 30 }],
  ] as const)(
    'refuses a part whose %s ZIP64 size declares 5 GB, before anything allocates it',
    async (_, stated) => {
      const file = zip64(
        [part('xl/workbook.xml', WORKBOOK_XML), part('xl/worksheets/sheet1.xml', WORKBOOK_XML)],
        'zip64',
        stated,
      );
      const started = performance.now();
      const error = await appError(() => open('contacts.xlsx', file));
      expect(error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(performance.now() - started).toBeLessThan(1000);
    },
  );
});
