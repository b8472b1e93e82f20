import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { rejectedCsv, rejectedCsvHeader, rejectedCsvRows } from './rejected-csv.js';

describe('rejected rows report', () => {
  const rows = [
    {
      row: 4,
      reason: 'Email "x" is not a valid address',
      cells: ['=HYPERLINK("http://evil","x")', 'x', 'Acme, Inc'],
    },
    {
      row: 9,
      reason: 'Needs an email, a name or a LinkedIn URL',
      cells: ['', '', '@SUM(1+1)', '-2+3', '+49 30 1'],
    },
  ];

  it('lists row, reason and the original cells, readable back as CSV', () => {
    const records = parse(rejectedCsv(rows, ['Name', 'Email', 'Company']), {
      bom: true,
      relax_column_count: true,
    });
    expect(records[0]).toEqual(['Row', 'Reason', 'Name', 'Email', 'Company']);
    expect(records[1]).toEqual([
      '4',
      'Email "x" is not a valid address',
      `'=HYPERLINK("http://evil","x")`,
      'x',
      'Acme, Inc',
    ]);
  });

  it('neutralises every cell Excel would run as a formula', () => {
    const records = parse(rejectedCsvRows(rows), { relax_column_count: true });
    expect(records[1]).toEqual([
      '9',
      'Needs an email, a name or a LinkedIn URL',
      '',
      '',
      "'@SUM(1+1)",
      "'-2+3",
      "'+49 30 1",
    ]);
  });

  it('starts with a BOM so Excel opens it as UTF-8, and parts join under one header', () => {
    const header = rejectedCsvHeader(['Name']);
    expect(header.startsWith('\uFEFFRow,Reason,Name\r\n')).toBe(true);
    expect(rejectedCsvRows([])).toBe('');
    expect(
      (header + rejectedCsvRows(rows.slice(0, 1)) + rejectedCsvRows(rows.slice(1))).split('\r\n'),
    ).toHaveLength(4);
  });

  it('keeps a cell with a line break in one row, so a spreadsheet shows one rejected row per line', () => {
    const report = rejectedCsvRows([
      { row: 3, reason: 'Needs an email, a name or a LinkedIn URL', cells: ['\rfoo', 'a\nb', 'x\r\ny'] },
      { row: 5, reason: 'Needs an email, a name or a LinkedIn URL', cells: ['plain'] },
    ]);
    const records = parse(report, { relax_column_count: true });
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual(['3', 'Needs an email, a name or a LinkedIn URL', "'\rfoo", 'a\nb', 'x\r\ny']);
    expect(records[1]).toEqual(['5', 'Needs an email, a name or a LinkedIn URL', 'plain']);
  });
});
