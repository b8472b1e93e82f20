import { describe, expect, it } from 'vitest';
import { appError, fixture, open, rowsOf, trickle } from '../table.test-support.js';

const cellsOf = async (name: string, content: string | Uint8Array) => {
  const table = await open(name, content);
  return { table, rows: await rowsOf(table) };
};

describe('CSV dialects', () => {
  it.each([
    ['comma', 'Name,Email,Company\nJane Doe,jane@acme.com,"Acme, Inc"\n'],
    ['semicolon', 'Name;Email;Company\nJane Doe;jane@acme.com;Acme, Inc\n'],
    ['tab', 'Name\tEmail\tCompany\nJane Doe\tjane@acme.com\tAcme, Inc\n'],
    ['pipe', 'Name|Email|Company\nJane Doe|jane@acme.com|Acme, Inc\n'],
  ])('splits %s-separated files into the same cells', async (_, content) => {
    const { table, rows } = await cellsOf('c.csv', content);
    expect(table.headers).toEqual(['Name', 'Email', 'Company']);
    expect(rows).toEqual([{ row: 2, cells: ['Jane Doe', 'jane@acme.com', 'Acme, Inc'] }]);
  });

  it('strips a UTF-8 BOM so the first header is still recognised', async () => {
    const { table } = await cellsOf('c.csv', '\uFEFFEmail,Name\r\na@b.co,A\r\n');
    expect(table.headers[0]).toBe('Email');
  });

  it('keeps line breaks inside quoted cells and numbers rows as Excel shows them', async () => {
    const { rows } = await cellsOf('c.csv', 'Name,Notes\r\nJane,"line one\r\nline two"\r\nJohn,x\r\n');
    expect(rows).toEqual([
      { row: 2, cells: ['Jane', 'line one\r\nline two'] },
      { row: 3, cells: ['John', 'x'] },
    ]);
  });

  it('skips blank lines and delimiter-only rows but keeps counting them', async () => {
    const { rows } = await cellsOf('c.csv', 'Name,Email\n\nJane,j@x.io\n,,\n \t, \nJohn,jo@x.io\n');
    expect(rows.map((r) => r.row)).toEqual([3, 6]);
  });

  it('reads the Excel "CSV (semicolon)" export with BOM, German headers and a quoted multi-line note', async () => {
    const { table, rows } = await cellsOf('kontakte.csv', fixture('excel-de-semicolon.csv'));
    expect(table.headers).toEqual([
      'Vorname',
      'Nachname',
      'E-Mail-Adresse',
      'Firma',
      'Telefon',
      'Land',
      'Notizen',
    ]);
    expect(rows[0]?.cells[6]).toBe('Messe Berlin;\r\nRückruf im März');
    expect(rows.map((r) => r.row)).toEqual([2, 3, 5]);
  });

  it('reads UTF-16 text as Excel\'s "Unicode Text" export writes it', async () => {
    const text = 'Name\tEmail\r\nZoë Ångström\tzoe@x.se\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { rows } = await cellsOf('unicode.txt', utf16);
    expect(rows).toEqual([{ row: 2, cells: ['Zoë Ångström', 'zoe@x.se'] }]);
  });

  it('streams from small chunks that split multi-byte characters without calling them invalid', async () => {
    const content = Buffer.from(`Name,Email\n${'Zoë Ångström 日本,z@x.se\n'.repeat(200)}`);
    const { openTable } = await import('./open-table.js');
    const table = await openTable({ fileName: 'c.csv', source: trickle(content, 7) });
    const rows = await rowsOf(table);
    expect(rows).toHaveLength(200);
    expect(rows[199]?.cells[0]).toBe('Zoë Ångström 日本');
  });
});

describe('LinkedIn Connections.csv', () => {
  it('skips the "Notes:" lines, finds the header at row 4 and reports the linkedin format', async () => {
    const { table, rows } = await cellsOf('Connections.csv', fixture('linkedin-connections.csv'));
    expect(table.format).toBe('linkedin');
    expect(table.headerRow).toBe(4);
    expect(table.headers).toEqual([
      'First Name',
      'Last Name',
      'URL',
      'Email Address',
      'Company',
      'Position',
      'Connected On',
    ]);
    expect(rows[0]).toEqual({
      row: 5,
      cells: [
        'Anna',
        'Schmidt',
        'https://www.linkedin.com/in/anna-schmidt-4b2a1',
        '',
        'Globex GmbH',
        'Head of Sales',
        '14 Mar 2024',
      ],
    });
  });
});

describe('CSV files that cannot be imported', () => {
  it('names the row holding bytes that are not UTF-8 (a Windows-1252 export)', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('Name,Email\nAnna,a@x.de\nBob,b@x.de\n'),
      Buffer.from('J\xfcrgen,j@x.de\n', 'latin1'),
      Buffer.from('Zoe,z@x.de\n'),
    ]);
    const error = await appError(async () => rowsOf(await open('contacts.csv', latin1)));
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toContain('Row 4 contains characters that are not UTF-8');
    expect(error.message).toContain('CSV UTF-8');
    expect(error.details?.[0]?.row).toBe(4);
  });

  it('names the right row when the bad byte is found only in a later chunk', async () => {
    const good = `Name,Email\n${'Anna,a@x.de\n'.repeat(10_000)}`;
    const content = Buffer.concat([Buffer.from(good), Buffer.from([0x42, 0xff, 0x0a])]);
    const error = await appError(async () => rowsOf(await open('contacts.csv', content)));
    expect(error.details?.[0]?.row).toBe(10_002);
  });

  it('refuses a sheet with thousands of columns, naming the count', async () => {
    const header = Array.from({ length: 5000 }, (_, i) => `Col${i}`).join(',');
    const error = await appError(() => open('wide.csv', `Email,${header}\na@b.co\n`));
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toContain('Row 1 has 5001 columns; at most 200 are supported');
  });

  it('names the row whose quote never closes', async () => {
    const error = await appError(async () =>
      rowsOf(await open('c.csv', 'Name,Email\nJane,j@x.io\n"Bob,b@x.io\nCat,c@x.io\n')),
    );
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toContain('Row 3 opens a quote');
  });

  it('refuses a header with no data below it', async () => {
    const error = await appError(() => open('c.csv', 'First Name,Email\r\n\r\n'));
    expect(error.message).toContain('has a header row but no contacts below it');
  });

  it('refuses a single unrecognisable row: no known column and no data', async () => {
    const error = await appError(() => open('c.csv', 'foo,bar,baz\n'));
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toContain('no recognisable column');
  });

  it('refuses a file of blank lines as empty', async () => {
    const error = await appError(() => open('c.csv', '\r\n\r\n  \r\n'));
    expect(error.message).toContain('has no rows');
  });

  it('refuses a stream longer than maxBytes with PAYLOAD_TOO_LARGE', async () => {
    const content = Buffer.from(`Name,Email\n${'Jane,j@x.io\n'.repeat(20_000)}`);
    const error = await appError(async () => rowsOf(await open('c.csv', content, { maxBytes: 100_000 })));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('stream lifetime', () => {
  it('closes the upload stream when the reader stops early', async () => {
    const { Readable } = await import('node:stream');
    const { openTable } = await import('./open-table.js');
    const stream = Readable.from(
      (function* () {
        yield Buffer.from('Name,Email\n');
        for (let i = 0; i < 100_000; i++) yield Buffer.from(`User ${i},u${i}@x.io\n`);
      })(),
    );
    const table = await openTable({ fileName: 'c.csv', source: stream });
    for await (const _ of table.batches) break;
    expect(stream.destroyed).toBe(true);
  });
});
