import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { LINE_BREAK, neutralise } from '../_shared/text/spreadsheet-cell.js';
import { type Column, excelSerial } from '../reports/workbook.js';

/**
 * An export's rows to file bytes, a page at a time. CSV pages are complete CSV text (the first
 * with a BOM and the header), so they are written to the blob as they come; an xlsx is streamed
 * (XlsxStream) into the blob's upload. Every text cell a spreadsheet would run as a formula is
 * neutralised ("'=…"); CSV cells with a line break are quoted.
 */

const csvValue = <R>(column: Column<R>, row: R): string => {
  const value = column.value(row);
  if (value === null || value === undefined) return '';
  if (column.type === 'text') return neutralise(String(value));
  if (column.type === 'datetime') return String(value).replace('T', ' ').slice(0, 16);
  return String(value);
};

export function csvPage<R>(columns: Column<R>[], rows: R[], first: boolean): Buffer {
  const records = rows.map((r) => columns.map((c) => csvValue(c, r)));
  if (first) records.unshift(columns.map((c) => neutralise(c.header)));
  const text = stringify(records, { record_delimiter: 'windows', quoted_match: LINE_BREAK });
  // A BOM, or Excel reads UTF-8 as the ANSI code page.
  return Buffer.from(first ? `\uFEFF${text}` : text, 'utf8');
}

const FORMATS = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm' } as const;

/**
 * An xlsx written as it goes (exceljs's streaming writer, inline strings): each page's rows are
 * committed to the zip stream, so memory stays flat however many rows there are. One sheet:
 * the header frozen, filters over every row, widths per column, dates typed as dates.
 */
export class XlsxStream<R> {
  private readonly book: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private rows = 0;
  constructor(
    private readonly columns: Column<R>[],
    sheetName: string,
    out: Writable,
  ) {
    this.book = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    this.sheet = this.book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    this.sheet.columns = columns.map((c, i) => ({
      key: String(i),
      width: c.width ?? Math.max(c.header.length + 2, c.type === 'datetime' ? 17 : 12),
    }));
    const header = this.sheet.addRow(columns.map((c) => neutralise(c.header)));
    header.font = { bold: true };
    header.commit();
  }

  add(rows: R[]): void {
    for (const source of rows) {
      const row = this.sheet.addRow(this.columns.map((c) => xlsxValue(c, source)));
      this.columns.forEach((c, i) => {
        if (c.type === 'date' || c.type === 'datetime') row.getCell(i + 1).numFmt = FORMATS[c.type];
      });
      row.commit();
      this.rows++;
    }
  }

  /** Closes the sheet and the workbook: the stream ends with the last byte of the file. */
  async finish(): Promise<void> {
    this.sheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: this.rows + 1, column: this.columns.length },
    };
    this.sheet.commit();
    await this.book.commit();
  }
}

function xlsxValue<R>(column: Column<R>, row: R): ExcelJS.CellValue {
  const value = column.value(row);
  if (value === null || value === undefined || value === '') return null;
  if (column.type === 'number') return Number(value);
  if (column.type === 'date' || column.type === 'datetime') return excelSerial(String(value));
  return neutralise(String(value));
}
