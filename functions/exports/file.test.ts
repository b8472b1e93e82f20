import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { MeetingDoc } from '../booking/model.js';
import type { MessageDoc } from '../campaigns/store.js';
import type { ContactDoc } from '../contacts/model.js';
import { type ColumnContext, columnsOf, type ExportRow } from './columns.js';
import { csvPage, XlsxStream } from './file.js';
import type { ExportKind } from './schema.js';

const DANGEROUS = ['=1+1', '+41 44 123', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];
const ctx: ColumnContext = {
  timeZone: 'Europe/Paris',
  stageNames: {},
  campaignNames: new Map([['k1', '=Campaign']]),
};
const at = '2026-11-29T08:15:00.000Z';

const contact = (i: number, text: string): ContactDoc => ({
  id: `c${i}`,
  ownerId: 'o',
  firstName: text,
  company: text,
  notes: 'line one\nline two\r\nthree',
  status: 'new',
  source: 'csv',
  flags: [],
  tags: [],
  searchText: '',
  tagKeys: [],
  createdAt: at,
  updatedAt: at,
  lead: { nextAction: { on: '2026-12-01', note: text } },
});
const meeting = (i: number, text: string) =>
  ({
    id: `m${i}`,
    title: text,
    contact: { name: text, email: 'a@x.io' },
    start: at,
    end: at,
    status: 'booked',
    source: 'organizer',
    joinUrl: null,
    note: 'line one\nline two',
    createdAt: at,
    cancelledAt: null,
  }) as unknown as MeetingDoc;
const message = (i: number, text: string) =>
  ({
    id: `x${i}`,
    campaignId: 'k1',
    step: 1,
    contactName: text,
    to: 'a@x.io',
    status: 'sent',
    reason: 'line one\nline two',
    sendAt: at,
    sentAt: at,
    events: [],
  }) as unknown as MessageDoc;

const ROWS: Record<ExportKind, (i: number, text: string) => ExportRow> = {
  contacts: contact,
  leads: contact,
  meetings: meeting,
  messages: message,
};
// The column each kind writes the dangerous text into, and one with line breaks.
const TEXT: Record<ExportKind, [string, string]> = {
  contacts: ['First name', 'Notes'],
  leads: ['Name', 'Company'],
  meetings: ['Meeting', 'Note'],
  messages: ['Contact', 'Reason'],
};

describe.each(Object.keys(ROWS) as ExportKind[])('a %s export', (kind) => {
  const columns = columnsOf(kind, ctx);
  const rows = DANGEROUS.map((d, i) => ROWS[kind](i, d));
  const [textColumn, breakColumn] = TEXT[kind];

  it('neutralises = + - @ tab and CR in CSV and quotes cells with line breaks', () => {
    const bytes = Buffer.concat([
      csvPage(columns, rows.slice(0, 3), true),
      csvPage(columns, rows.slice(3), false),
    ]);
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const records: Record<string, string>[] = parse(text, { bom: true, columns: true });
    expect(records.map((r) => r[textColumn])).toEqual(DANGEROUS.map((d) => `'${d}`));
    // Every line break sits inside a quoted cell: a naive split by CRLF would give more rows.
    expect(records).toHaveLength(DANGEROUS.length);
    if (kind !== 'leads') expect(text).toContain('"line one\nline two');
    if (kind === 'leads') expect(records[0]!['Next action']).toBe(`'${DANGEROUS[0]}`);
    expect(records[0]![breakColumn]).not.toBe('');
  });

  it('neutralises the same cells in xlsx, writes no formula, and types dates as dates', async () => {
    const out = new PassThrough();
    const file = buffer(out);
    const book = new XlsxStream(columns, 'Sheet', out);
    book.add(rows.slice(0, 3));
    book.add(rows.slice(3));
    await book.finish();
    const read = XLSX.read(await file, { type: 'buffer', cellDates: true, UTC: true });
    const sheet = read.Sheets.Sheet!;
    const records = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { UTC: true });
    expect(records.map((r) => r[textColumn])).toEqual(DANGEROUS.map((d) => `'${d}`));
    for (const [ref, cell] of Object.entries(sheet))
      if (!ref.startsWith('!')) expect((cell as XLSX.CellObject).f).toBeUndefined();
    const dated =
      records[0]![{ contacts: 'Created', leads: 'Added', meetings: 'Start', messages: 'Sent at' }[kind]];
    // 08:15 UTC is 09:15 in Paris: the owner's wall time.
    expect(dated).toEqual(new Date('2026-11-29T09:15:00Z'));
    expect(sheet['!autofilter']?.ref).toBe(sheet['!ref']);
    expect(records).toHaveLength(rows.length);
  });
});

describe('times in the owner’s zone', () => {
  it('follow the zone’s offset across a DST change and in quarter-hour zones', () => {
    const start = (zone: string, iso: string) => {
      const columns = columnsOf('meetings', { ...ctx, timeZone: zone });
      return columns
        .find((c) => c.header === 'Start')!
        .value({ ...meeting(0, 'x'), start: iso } as ExportRow);
    };
    // Paris leaves summer time at 01:00 UTC on 25 Oct 2026: 02:30 happens twice.
    expect(start('Europe/Paris', '2026-10-25T00:30:00.000Z')).toBe('2026-10-25T02:30');
    expect(start('Europe/Paris', '2026-10-25T01:30:00.000Z')).toBe('2026-10-25T02:30');
    expect(start('Europe/Paris', '2026-10-25T02:30:00.000Z')).toBe('2026-10-25T03:30');
    expect(start('Asia/Kathmandu', '2026-11-29T08:15:00.000Z')).toBe('2026-11-29T14:00');
  });
});
