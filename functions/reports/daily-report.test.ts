import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ContactDoc } from '../contacts/model.js';
import { campaignResults } from './campaign-results.js';
import { buildDailyReport, type DailyReportData } from './daily-report.js';

const contact = (over: Partial<ContactDoc>): ContactDoc => ({
  id: 'c1',
  ownerId: 'o1',
  status: 'new',
  source: 'csv',
  flags: [],
  tags: [],
  searchText: '',
  tagKeys: [],
  createdAt: '2026-11-29T08:15:00.000Z',
  updatedAt: '2026-11-29T08:15:00.000Z',
  ...over,
});

const DANGEROUS = ['=HYPERLINK("http://evil","x")', '+41 44 123', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];

function data(over: Partial<DailyReportData> = {}): DailyReportData {
  return {
    date: '2026-11-29',
    timeZone: 'Europe/Paris',
    stageNames: { meeting: 'Demo set' },
    newLeads: DANGEROUS.map((firstName, i) => contact({ id: `c${i}`, firstName, company: DANGEROUS[i] })),
    stageChanges: [],
    meetings: [
      {
        id: 'm1',
        contactId: 'c1',
        contactName: 'Ada',
        title: 'Intro',
        start: '2026-11-29T13:00:00.000Z',
        end: '2026-11-29T13:30:00.000Z',
        status: 'booked',
        createdAt: '2026-11-29T09:00:00.000Z',
      },
    ],
    followups: [
      contact({
        id: 'f1',
        firstName: 'Bea',
        status: 'meeting',
        lead: { nextAction: { on: '2026-11-27', note: '-call back' } },
      }),
    ],
    campaigns: campaignResults(
      [
        { id: 'k1', name: '=Winter push', status: 'sending', createdAt: '2026-11-20T08:00:00.000Z' },
        { id: 'k0', name: 'Draft only', status: 'draft', createdAt: '2026-11-01T08:00:00.000Z' },
      ],
      [
        // Sent the day before, opened and replied on the day (Paris day: 28th 23:00Z → 29th 23:00Z).
        msg('a', 'replied', '2026-11-28T09:00:00.000Z', [
          ['delivered', '2026-11-28T09:01:00.000Z'],
          ['open', '2026-11-29T08:00:00.000Z'],
          ['replied', '2026-11-29T10:00:00.000Z'],
        ]),
        // Sent and clicked on the day; booked on the day.
        msg('b', 'clicked', '2026-11-29T07:00:00.000Z', [
          ['delivered', '2026-11-29T07:01:00.000Z'],
          ['click', '2026-11-29T07:30:00.000Z'],
        ]),
        msg('c', 'scheduled', null, []),
      ],
      [
        { contactId: 'b', createdAt: '2026-11-29T08:00:00.000Z' },
        // Booked before the campaign wrote: not the campaign's doing.
        { contactId: 'a', createdAt: '2026-11-01T08:00:00.000Z' },
      ],
      { from: '2026-11-28T23:00:00.000Z', to: '2026-11-29T23:00:00.000Z' },
    ),
    ...over,
  };
}

function msg(contactId: string, status: string, sentAt: string | null, events: [string, string][]) {
  return { campaignId: 'k1', contactId, status, sentAt, events: events.map(([type, at]) => ({ type, at })) };
}

const read = (bytes: Buffer) => XLSX.read(bytes, { type: 'buffer', cellDates: true, UTC: true });

describe('daily report workbook', () => {
  it('neutralises every text cell that starts with = + - @ tab or CR, and writes no formula', () => {
    const book = read(buildDailyReport(data()));
    const sheet = book.Sheets['New leads']!;
    const names = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { UTC: true }).map((r) => r.Name);
    expect(names).toEqual(DANGEROUS.map((d) => `'${d}`));
    for (const name of book.SheetNames) {
      for (const [ref, cell] of Object.entries(book.Sheets[name]!)) {
        if (ref.startsWith('!')) continue;
        expect((cell as XLSX.CellObject).f, `${name}!${ref}`).toBeUndefined();
      }
    }
    const note = book.Sheets['Follow-ups due']!.F2 as XLSX.CellObject;
    expect(note).toMatchObject({ t: 's', v: "'-call back" });
  });

  it('types dates as dates in the owner’s wall time, and numbers as numbers', () => {
    const book = read(buildDailyReport(data()));
    // 08:15 UTC is 09:15 in Paris: the sheet shows Paris time.
    expect(book.Sheets['New leads']!.G2).toMatchObject({ t: 'd', v: new Date('2026-11-29T09:15:00Z') });
    const meetings = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Meetings!, { UTC: true });
    expect(meetings).toEqual([
      {
        Outcome: 'Booked',
        Contact: 'Ada',
        Meeting: 'Intro',
        Start: new Date('2026-11-29T14:00:00Z'),
        'Booked at': new Date('2026-11-29T10:00:00Z'),
      },
      {
        Outcome: 'Held',
        Contact: 'Ada',
        Meeting: 'Intro',
        Start: new Date('2026-11-29T14:00:00Z'),
        'Booked at': new Date('2026-11-29T10:00:00Z'),
      },
    ]);
    const due = book.Sheets['Follow-ups due']!;
    expect(due.D2).toMatchObject({ t: 'd', v: new Date('2026-11-27T00:00:00Z') });
    expect(due.E2).toMatchObject({ t: 'n', v: 3 }); // due the 27th, report read the morning of the 30th
    expect(due.C2).toMatchObject({ v: 'Demo set' });
  });

  it('freezes the header, turns filters on and sets widths on every sheet, empty ones too', () => {
    const bytes = buildDailyReport(data({ newLeads: [] }));
    const book = XLSX.read(bytes, { type: 'buffer', cellStyles: true });
    expect(book.SheetNames).toEqual([
      'New leads',
      'Stage changes',
      'Meetings',
      'Follow-ups due',
      'Campaign results',
    ]);
    for (const name of book.SheetNames) {
      const sheet = book.Sheets[name]!;
      expect(sheet['!autofilter']?.ref, name).toBe(sheet['!ref']);
      expect(
        sheet['!cols']?.every((c) => (c.wch ?? c.width ?? 0) > 0),
        name,
      ).toBe(true);
    }
    const zip = XLSX.CFB.read(bytes, { type: 'buffer' });
    const sheets = zip.FullPaths.map((p: string, i: number) => [p, zip.FileIndex[i]!] as const).filter(
      ([p]: readonly [string, unknown]) => /worksheets\/sheet\d+\.xml$/.test(p),
    );
    expect(sheets).toHaveLength(5);
    for (const [, entry] of sheets)
      expect(Buffer.from(entry.content as Uint8Array).toString()).toContain(
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
      );
  });

  it('counts each campaign’s emails on the day and to date, as numbers, drafts without emails left out', () => {
    const book = read(buildDailyReport(data()));
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Campaign results']!);
    expect(rows).toEqual([
      {
        Campaign: "'=Winter push",
        Status: 'sending',
        'Sent that day': 1,
        'Delivered that day': 1,
        'Opened that day': 2,
        'Clicked that day': 1,
        'Replied that day': 1,
        'Booked that day': 1,
        'Sent to date': 2,
        'Delivered to date': 2,
        'Opened to date': 1,
        'Clicked to date': 1,
        'Replied to date': 1,
        'Booked to date': 1,
      },
    ]);
    expect(book.Sheets['Campaign results']!.C2).toMatchObject({ t: 'n', v: 1 });
  });
});
