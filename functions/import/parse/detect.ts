import { AppError } from '../../_shared/errors.js';

/** What the bytes say the file is; CSV vs LinkedIn is decided later, from the header row. */
export type FileKind = 'csv' | 'xlsx' | 'xls';

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  signature.every((byte, i) => bytes[at + i] === byte);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

// Formats people upload by mistake, named so the error says what the file actually is.
const FOREIGN: ReadonlyArray<{ name: string; signature: number[]; at?: number }> = [
  { name: 'a PDF document', signature: ascii('%PDF-') },
  { name: 'a PNG image', signature: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', signature: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', signature: ascii('GIF8') },
  { name: 'a WebP image', signature: ascii('WEBP'), at: 8 },
  { name: 'a gzip archive', signature: [0x1f, 0x8b] },
  { name: 'a 7-Zip archive', signature: [0x37, 0x7a, 0xbc, 0xaf] },
  { name: 'a RAR archive', signature: ascii('Rar!') },
  { name: 'an RTF document', signature: ascii('{\\rtf') },
];

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF16_BOMS = [
  [0xff, 0xfe],
  [0xfe, 0xff],
];

/**
 * Decides the reader from the first bytes (≥ 4 KB when the file is that long). The content wins over
 * the extension: a CSV named .xls (some CRMs do that) is read as CSV, a PNG named .csv is refused.
 */
export function detectFormat(fileName: string, firstBytes: Uint8Array): FileKind {
  if (firstBytes.length === 0) throw new AppError('BAD_FILE', `"${fileName}" is empty.`);
  if (startsWith(firstBytes, ZIP)) return 'xlsx';
  if (startsWith(firstBytes, CFB)) return 'xls';
  for (const { name, signature, at } of FOREIGN) {
    if (startsWith(firstBytes, signature, at)) throw unsupported(fileName, name);
  }
  if (UTF16_BOMS.some((bom) => startsWith(firstBytes, bom))) return 'csv';
  if (firstBytes.includes(0)) throw unsupported(fileName, 'a binary file');
  if (looksLikeMarkup(firstBytes)) throw unsupported(fileName, 'an HTML or XML document');
  return 'csv';
}

function looksLikeMarkup(bytes: Uint8Array): boolean {
  const start = Buffer.from(bytes.subarray(0, 64))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  return start.startsWith('<?xml') || start.startsWith('<!doctype') || start.startsWith('<html');
}

export const unsupported = (fileName: string, what: string): AppError =>
  new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    `"${fileName}" is ${what}, not a spreadsheet. Upload an Excel file (.xlsx, .xls) or a CSV.`,
  );
