import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { appError, open, rowsOf } from '../table.test-support.js';

type Cell = XLSX.CellObject | string | number | null;

function workbook(sheets: Record<string, Cell[][]>, bookType: XLSX.BookType = 'xlsx'): Buffer {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets))
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name);
  return XLSX.write(book, { type: 'buffer', bookType, compression: true }) as Buffer;
}

const contacts: Cell[][] = [
  ['Name', 'Email', 'Phone', 'Deals', 'Website', 'Zip'],
  [
    'Jane Doe',
    'jane@acme.com',
    4915112345678,
    // The cached result is 42 though SUM(1,1) is 2: only a reader that never evaluates yields 42.
    { t: 'n', v: 42, f: 'SUM(1,1)' },
    '=HYPERLINK("http://evil.example","click")',
    { t: 'n', v: 1234, z: '00000' },
  ],
  [
    'John Roe',
    { t: 's', v: 'john@roe.io', f: 'LOWER("JOHN@ROE.IO")' },
    '+44 20 7946 0000',
    7,
    '@SUM(1)',
    null,
  ],
];

describe.each(['xlsx', 'xls'] as const)('%s workbooks', (kind) => {
  const file = workbook({ Contacts: contacts }, kind === 'xls' ? 'biff8' : 'xlsx');

  it('reads the cells as text a user sees, formulas as their cached result', async () => {
    const table = await open(`contacts.${kind}`, file);
    expect(table.format).toBe(kind);
    expect(table.headers).toEqual(['Name', 'Email', 'Phone', 'Deals', 'Website', 'Zip']);
    expect(table.totalRows).toBe(2);
    const rows = await rowsOf(table);
    expect(rows[0]).toEqual({
      row: 2,
      // The long number keeps its digits (Excel would show 4.91511E+12); the zip keeps its zero.
      cells: [
        'Jane Doe',
        'jane@acme.com',
        '4915112345678',
        '42',
        '=HYPERLINK("http://evil.example","click")',
        '01234',
      ],
    });
    expect(rows[1]?.cells.slice(0, 5)).toEqual([
      'John Roe',
      'john@roe.io',
      '+44 20 7946 0000',
      '7',
      '@SUM(1)',
    ]);
  });
});

describe('xlsx layout', () => {
  it('skips an empty first sheet and a title row above the header', async () => {
    const file = workbook({
      Cover: [],
      Leads: [
        ['Q3 leads from the Berlin fair'],
        [],
        ['First Name', 'Last Name', 'E-Mail'],
        ['Ana', 'Lima', 'ana@x.br'],
      ],
    });
    const table = await open('leads.xlsx', file);
    expect(table.headerRow).toBe(3);
    expect(table.headers).toEqual(['First Name', 'Last Name', 'E-Mail']);
    expect(await rowsOf(table)).toEqual([{ row: 4, cells: ['Ana', 'Lima', 'ana@x.br'] }]);
  });

  it('refuses a sheet 5,000 columns wide, naming the count', async () => {
    const wide = [Array.from({ length: 5000 }, (_, i) => `C${i}`), ['a@b.co']];
    const error = await appError(() => open('wide.xlsx', workbook({ Wide: wide })));
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toContain('Sheet "Wide" has 5000 columns; at most 200 are supported');
  });

  it('refuses a workbook whose sheets are all empty', async () => {
    const error = await appError(() => open('empty.xlsx', workbook({ One: [], Two: [[null, '']] })));
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toContain('every sheet is empty');
  });
});

describe('office files that are not workbooks', () => {
  const cfb = (entries: Record<string, Buffer>): Buffer => {
    const container = XLSX.CFB.utils.cfb_new();
    for (const [name, content] of Object.entries(entries)) XLSX.CFB.utils.cfb_add(container, name, content);
    return XLSX.CFB.write(container, { type: 'buffer' }) as Buffer;
  };

  it('refuses a Word document named .xls as an unsupported type', async () => {
    const error = await appError(() => open('contacts.xls', cfb({ WordDocument: Buffer.from('hello') })));
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('asks to remove the password from a password-protected workbook', async () => {
    const encrypted = cfb({ EncryptionInfo: Buffer.alloc(64), EncryptedPackage: Buffer.from('secret') });
    const error = await appError(() => open('contacts.xlsx', encrypted));
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toContain('password-protected');
  });
});
