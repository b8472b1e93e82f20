import type { ImportFormat } from '../schema.js';

/** One non-empty row of the file, numbered as a spreadsheet shows it (the header is usually row 1). */
export interface TableRow {
  row: number;
  cells: string[];
}

/**
 * A file opened for import. `batches` can be iterated once; rows come in batches so the per-row work
 * is a plain loop rather than an await per row (that await alone costs ~15% on a 100k-row CSV).
 */
export interface Table {
  format: ImportFormat;
  headers: string[];
  /** Row number of the header: 1 unless notes or a title precede it (LinkedIn exports: 4). */
  headerRow: number;
  batches: AsyncIterable<TableRow[]>;
  /** Non-empty data rows, when known without reading the whole file (spreadsheets); else null. */
  totalRows: number | null;
}

export interface TableLimits {
  /** Bytes of the uploaded file (the HTTP layer enforces its own limit first). */
  maxBytes?: number;
  /** Widest sheet accepted; ColumnMapping allows 200. */
  maxColumns?: number;
  /** Bytes an xlsx may inflate to before it is treated as a zip bomb. */
  maxUncompressedBytes?: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_COLUMNS = 200;
// 100 MB of sheet XML is ~200k rows × 10 columns; SheetJS needs ~1.4 GB of heap for it, the most a
// Consumption-plan worker can spare. Larger lists import fine as CSV, which streams.
export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
