import * as XLSX from 'xlsx';
import { neutralise } from '../_shared/text/spreadsheet-cell.js';

/**
 * A typed table to an .xlsx sheet: text cells neutralised against formula injection, dates and
 * times as real Excel dates (serial numbers with a date format, in the wall time given), numbers
 * as numbers; header frozen, filters on, widths set. Pure: rows in, bytes out.
 */
export type ColumnType = 'text' | 'date' | 'datetime' | 'number';

export interface Column<R> {
  header: string;
  type: ColumnType;
  /** Text, a number, or for dates a wall time as "YYYY-MM-DD" / "YYYY-MM-DDTHH:mm" (no zone: shown as is). */
  value: (row: R) => string | number | null | undefined;
  width?: number;
}

export interface SheetSpec<R> {
  name: string;
  columns: Column<R>[];
  rows: R[];
}

const FORMATS: Partial<Record<ColumnType, string>> = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm' };
const EXCEL_EPOCH_DAYS = 25_569; // 1970-01-01 as an Excel serial day
const DAY_MS = 86_400_000;

/** A wall time ("2026-11-30T09:30", no zone) as an Excel serial; the zone was applied by the caller. */
export function excelSerial(wall: string): number {
  const ms = Date.parse(wall.length === 10 ? `${wall}T00:00:00Z` : `${wall.slice(0, 19)}Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${wall}`);
  return ms / DAY_MS + EXCEL_EPOCH_DAYS;
}

function cell<R>(column: Column<R>, row: R): XLSX.CellObject | undefined {
  const value = column.value(row);
  if (value === null || value === undefined || value === '') return undefined;
  if (column.type === 'number') return { t: 'n', v: Number(value) };
  if (column.type === 'date' || column.type === 'datetime')
    return { t: 'n', v: excelSerial(String(value)), z: FORMATS[column.type]! };
  return { t: 's', v: neutralise(String(value)) };
}

export function toSheet<R>(spec: SheetSpec<R>): XLSX.WorkSheet {
  const sheet: XLSX.WorkSheet = {};
  spec.columns.forEach((c, col) => {
    sheet[XLSX.utils.encode_cell({ r: 0, c: col })] = { t: 's', v: neutralise(c.header) };
  });
  spec.rows.forEach((row, i) => {
    spec.columns.forEach((c, col) => {
      const made = cell(c, row);
      if (made) sheet[XLSX.utils.encode_cell({ r: i + 1, c: col })] = made;
    });
  });
  const range = { s: { r: 0, c: 0 }, e: { r: spec.rows.length, c: spec.columns.length - 1 } };
  sheet['!ref'] = XLSX.utils.encode_range(range);
  sheet['!autofilter'] = { ref: sheet['!ref'] };
  sheet['!cols'] = spec.columns.map((c) => ({
    wch: c.width ?? Math.max(c.header.length + 2, c.type === 'datetime' ? 17 : c.type === 'date' ? 12 : 14),
  }));
  return sheet;
}

// SheetJS Community writes no panes; the header row is frozen in each sheet's XML after writing.
const SHEET_VIEW = '<sheetView workbookViewId="0"/>';
const FROZEN_VIEW =
  '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
  '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>';

/** The sheets, in order, as .xlsx bytes (build each with toSheet, so each keeps its row type). */
export function writeWorkbook(sheets: { name: string; sheet: XLSX.WorkSheet }[]): Buffer {
  const book = XLSX.utils.book_new();
  for (const { name, sheet } of sheets) XLSX.utils.book_append_sheet(book, sheet, name);
  const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  const zip = XLSX.CFB.read(bytes, { type: 'buffer' });
  for (const [i, path] of zip.FullPaths.entries()) {
    if (!/\/xl\/worksheets\/sheet\d+\.xml$/.test(path)) continue;
    const entry = zip.FileIndex[i]!;
    const xml = Buffer.from(entry.content as Uint8Array).toString('utf8');
    entry.content = Buffer.from(xml.replace(SHEET_VIEW, FROZEN_VIEW), 'utf8');
    entry.size = (entry.content as Buffer).length;
  }
  return Buffer.from(
    XLSX.CFB.write(zip, { type: 'buffer', fileType: 'zip', compression: true }) as Uint8Array,
  );
}
