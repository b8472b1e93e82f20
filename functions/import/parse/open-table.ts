import { openCsv } from './csv.js';
import { detectFormat } from './detect.js';
import { type ByteSource, collect, peek } from './source.js';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_COLUMNS,
  DEFAULT_MAX_UNCOMPRESSED_BYTES,
  type Table,
  type TableLimits,
} from './table.js';
import { openWorkbook } from './xlsx.js';

export interface OpenTableInput extends TableLimits {
  fileName: string;
  /** The upload: a Buffer, a Node Readable (e.g. a blob download stream) or any async byte iterable. */
  source: ByteSource;
}

const DETECT_BYTES = 4096;

/**
 * Opens an upload for preview or import: detects the format from its bytes, streams a CSV, reads a
 * workbook whole (after the zip-bomb check). Throws AppError BAD_FILE / UNSUPPORTED_MEDIA_TYPE /
 * PAYLOAD_TOO_LARGE for files that cannot be imported; row-level problems come later, per row.
 */
export async function openTable(input: OpenTableInput): Promise<Table> {
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxColumns = input.maxColumns ?? DEFAULT_MAX_COLUMNS;
  const { head, chunks } = await peek(input.source, DETECT_BYTES, maxBytes);
  const kind = detectFormat(input.fileName, head);
  if (kind === 'csv') return openCsv(chunks, input.fileName, maxColumns);
  return openWorkbook(await collect(chunks), kind, input.fileName, {
    maxColumns,
    maxUncompressedBytes: input.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES,
  });
}
