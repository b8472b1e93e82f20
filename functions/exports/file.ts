import { stringify } from 'csv-stringify/sync';
import * as XLSX from 'xlsx';
import { LINE_BREAK, neutralise } from '../_shared/text/spreadsheet-cell.js';
import { type Column, excelSerial } from '../reports/workbook.js';

/**
 * An export's rows to file bytes, a page at a time. CSV pages are complete CSV text (the first
 * with a BOM and the header), so they are written to the blob as they come. SheetJS builds a
 * workbook in memory (it has no streaming writer), so xlsx rows are kept — as a dense sheet, the
 * leanest form it takes — until the last page. Every text cell a spreadsheet would run as a
 * formula is neutralised ("'=…"); CSV cells with a line break are quoted.
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

function xlsxCell<R>(column: Column<R>, row: R): XLSX.CellObject | undefined {
  const value = column.value(row);
  if (value === null || value === undefined || value === '') return undefined;
  if (column.type === 'number') return { t: 'n', v: Number(value) };
  if (column.type === 'date' || column.type === 'datetime')
    return { t: 'n', v: excelSerial(String(value)), z: FORMATS[column.type] };
  return { t: 's', v: neutralise(String(value)) };
}

export class XlsxRows<R> {
  private readonly data: (XLSX.CellObject | undefined)[][];
  constructor(
    private readonly columns: Column<R>[],
    private readonly sheetName: string,
  ) {
    this.data = [columns.map((c) => ({ t: 's', v: neutralise(c.header) }) as XLSX.CellObject)];
  }

  add(rows: R[]): void {
    for (const row of rows) this.data.push(this.columns.map((c) => xlsxCell(c, row)));
  }

  /** The workbook: one sheet, typed cells, filters and widths on. */
  finish(): Buffer {
    const ref = XLSX.utils.encode_range({
      s: { r: 0, c: 0 },
      e: { r: this.data.length - 1, c: this.columns.length - 1 },
    });
    const sheet = {
      '!data': this.data,
      '!ref': ref,
      '!autofilter': { ref },
      '!cols': this.columns.map((c) => ({
        wch: c.width ?? Math.max(c.header.length + 2, c.type === 'datetime' ? 17 : 12),
      })),
    } as unknown as XLSX.WorkSheet;
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, this.sheetName);
    return XLSX.write(book, {
      type: 'buffer',
      bookType: 'xlsx',
      compression: true,
      dense: true,
    } as XLSX.WritingOptions) as Buffer;
  }
}
