import * as XLSX from 'xlsx';
import { AppError } from '../../_shared/errors.js';
import { unsupported } from './detect.js';
import { isBlank, tableFromRows } from './header-row.js';
import type { Table, TableRow } from './table.js';
import { assertSafeWorkbookZip } from './zip-guard.js';

const BATCH = 1000;

// Cached values only: SheetJS never evaluates formulas, and without cellFormula it does not even
// keep them, so "=HYPERLINK(…)" typed as text stays text and a formula cell yields its last result.
const READ_OPTIONS: XLSX.ParsingOptions = {
  type: 'buffer',
  dense: true,
  cellFormula: false,
  cellHTML: false,
  cellNF: false,
  cellStyles: false,
  cellDates: false,
  sheetStubs: false,
  bookVBA: false,
};

/** Reads the first sheet that has data (only sheet 0 is parsed unless it is empty). */
export async function openWorkbook(
  file: Buffer,
  kind: 'xlsx' | 'xls',
  fileName: string,
  limits: { maxColumns: number; maxUncompressedBytes: number },
): Promise<Table> {
  if (kind === 'xlsx') assertSafeWorkbookZip(file, fileName, limits.maxUncompressedBytes);
  let workbook = read(file, fileName, 0);
  let found = firstSheetWithData(workbook);
  if (!found && workbook.SheetNames.length > 1) {
    workbook = read(file, fileName, undefined);
    found = firstSheetWithData(workbook);
  }
  if (!found) throw new AppError('BAD_FILE', `"${fileName}" has no rows: every sheet is empty.`);
  const { name, rows } = found;
  const { width, nonEmpty } = measure(rows);
  if (width > limits.maxColumns) {
    const message = `Sheet "${name}" has ${width} columns; at most ${limits.maxColumns} are supported. Delete the unused columns and upload again.`;
    throw new AppError('BAD_FILE', `"${fileName}": ${message}`, [{ path: name, message }]);
  }
  return tableFromRows(kind, fileName, sheetRows(rows, width), nonEmpty);
}

function read(file: Buffer, fileName: string, sheets: number | undefined): XLSX.WorkBook {
  try {
    return XLSX.read(file, sheets === undefined ? READ_OPTIONS : { ...READ_OPTIONS, sheets });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(message)) {
      throw new AppError(
        'BAD_FILE',
        `"${fileName}" is password-protected. Remove the password in Excel and upload it again.`,
      );
    }
    if (/cannot find workbook|unsupported (zip|file)/i.test(message))
      throw unsupported(fileName, 'not an Excel workbook');
    throw new AppError('BAD_FILE', `"${fileName}" could not be read as an Excel workbook (${message}).`);
  }
}

type Cells = ReadonlyArray<XLSX.CellObject | undefined>;

function firstSheetWithData(
  workbook: XLSX.WorkBook,
): { name: string; rows: ReadonlyArray<Cells | undefined> } | null {
  for (const name of workbook.SheetNames) {
    const rows = (workbook.Sheets[name]?.['!data'] ?? []) as ReadonlyArray<Cells | undefined>;
    if (rows.some((cells) => cells && lastFilled(cells) > 0)) return { name, rows };
  }
  return null;
}

/** Width = rightmost cell holding a value (formatting alone does not widen a sheet here). */
function measure(rows: ReadonlyArray<Cells | undefined>): { width: number; nonEmpty: number } {
  let width = 0;
  let nonEmpty = 0;
  for (const cells of rows) {
    const filled = cells ? lastFilled(cells) : 0;
    if (filled > 0) nonEmpty++;
    if (filled > width) width = filled;
  }
  return { width, nonEmpty };
}

function lastFilled(cells: Cells): number {
  for (let c = cells.length - 1; c >= 0; c--) if (!isBlank(cellText(cells[c]))) return c + 1;
  return 0;
}

async function* sheetRows(rows: ReadonlyArray<Cells | undefined>, width: number): AsyncGenerator<TableRow[]> {
  let batch: TableRow[] = [];
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r];
    if (!cells) continue;
    const filled = Math.min(lastFilled(cells), width);
    if (filled === 0) continue;
    const texts = new Array<string>(filled);
    for (let c = 0; c < filled; c++) texts[c] = cellText(cells[c]);
    batch.push({ row: r + 1, cells: texts });
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * The text a user sees in the cell. Numbers use the cached formatted text (zip codes keep "00123",
 * dates their format) except General-format long integers, which Excel shows as "4.91511E+12":
 * for those the digits are what the user typed (phone numbers).
 */
export function cellText(cell: XLSX.CellObject | undefined): string {
  if (!cell) return '';
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
    case 'n': {
      const value = cell.v as number;
      if (cell.w === undefined) return String(value);
      return Number.isInteger(value) && /e[+-]/i.test(cell.w) ? String(value) : cell.w;
    }
    case 'b':
      return cell.w ?? (cell.v ? 'TRUE' : 'FALSE');
    case 'd':
      return cell.w ?? (cell.v instanceof Date ? cell.v.toISOString() : String(cell.v ?? ''));
    default:
      return ''; // error values (#N/A…) and stubs carry nothing to import
  }
}
