import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../_shared/errors.js';
import { unsupported } from './detect.js';

// Real workbooks hold a few dozen parts; thousands of directory entries only serve to multiply work.
const MAX_ENTRIES = 5000;
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Entry {
  name: string;
  method: number;
  flags: number;
  declared: number;
  dataStart: number;
  storedSize: number;
}

/**
 * Refuses an xlsx that would make SheetJS allocate or inflate more than `maxUncompressedBytes`, and a
 * zip that is not a workbook. SheetJS inflates every central-directory entry, trusting declared sizes
 * for its buffers, so both the declared and the actual sizes are checked, entry by entry, before it
 * sees the file. Inflation stops at the cap (zlib's maxOutputLength), so a bomb costs ≤ cap bytes once.
 */
export function assertSafeWorkbookZip(file: Buffer, fileName: string, maxUncompressedBytes: number): void {
  const entries = readDirectory(file, fileName);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml') && !names.has('xl/workbook.bin')) throw notWorkbook(fileName, names);
  let budget = maxUncompressedBytes;
  for (const entry of entries) {
    if (entry.flags & 0x2041) throw bad(fileName, 'is an encrypted zip archive');
    if (entry.declared > budget) throw bomb(fileName, maxUncompressedBytes);
    let size = entry.storedSize;
    if (entry.method === 8) {
      try {
        size = inflateRawSync(file.subarray(entry.dataStart), { maxOutputLength: budget + 1 }).length;
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw bomb(fileName, maxUncompressedBytes);
        throw bad(fileName, `is damaged: "${entry.name}" cannot be unpacked`);
      }
    } else if (entry.method !== 0) {
      throw bad(fileName, `uses a compression method Excel does not write (${entry.method})`);
    }
    budget -= size;
    if (budget < 0) throw bomb(fileName, maxUncompressedBytes);
  }
}

function readDirectory(file: Buffer, fileName: string): Entry[] {
  const end = findEndOfDirectory(file);
  if (end < 0) throw bad(fileName, 'is damaged: its zip directory is missing');
  // Same fields SheetJS reads (entries on this disk, directory offset), so both see the same entries.
  const count = file.readUInt16LE(end + 8);
  let p = file.readUInt32LE(end + 16);
  if (count === 0xffff || p === 0xffffffff)
    throw bad(fileName, 'is a ZIP64 archive, which Excel does not write');
  if (count > MAX_ENTRIES) throw bad(fileName, `holds ${count} parts; a workbook holds far fewer`);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > file.length || file.readUInt32LE(p) !== CENTRAL)
      throw bad(fileName, 'is damaged (zip directory)');
    const nameLength = file.readUInt16LE(p + 28);
    const extraLength = file.readUInt16LE(p + 30);
    const extra = file.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    const offset = file.readUInt32LE(p + 42);
    const central = zip64Sizes(extra);
    const local = readLocal(file, offset, fileName);
    // SheetJS sizes its output by the central ZIP64 value, else the local one, else the local field.
    const sheetJs = central[0] || local.zip64[0] || local.field;
    const declared = Math.max(
      sheetJs,
      realSize(local.field, local.zip64),
      realSize(file.readUInt32LE(p + 24), central),
    );
    // A stored part is a slice of the file: never more than the bytes that follow its header.
    const storedSize = Math.min(realSize(file.readUInt32LE(p + 20), central), file.length - local.dataStart);
    entries.push({ ...local, declared, storedSize });
    p += 46 + nameLength + extraLength + file.readUInt16LE(p + 32);
  }
  return entries;
}

interface Local extends Omit<Entry, 'storedSize' | 'declared'> {
  /** The 4-byte uncompressed size, and the sizes of the header's ZIP64 extra field. */
  field: number;
  zip64: number[];
}

/** The local header: SheetJS takes the name, flags, method and sizes from here. */
function readLocal(file: Buffer, offset: number, fileName: string): Local {
  if (offset + 30 > file.length || file.readUInt32LE(offset) !== LOCAL)
    throw bad(fileName, 'is damaged (zip entry)');
  const nameLength = file.readUInt16LE(offset + 26);
  const extraLength = file.readUInt16LE(offset + 28);
  const extra = file.subarray(offset + 30 + nameLength, offset + 30 + nameLength + extraLength);
  return {
    name: file.toString('utf8', offset + 30, offset + 30 + nameLength),
    flags: file.readUInt16LE(offset + 6),
    method: file.readUInt16LE(offset + 8),
    field: file.readUInt32LE(offset + 22),
    zip64: zip64Sizes(extra),
    dataStart: offset + 30 + nameLength + extraLength,
  };
}

// A 4-byte size of 0xFFFFFFFF means "see the ZIP64 extra field": streaming writers put it in every
// local header, however small the part. Without that field it is taken at its word (4 GB).
const ZIP64_PLACEHOLDER = 0xffffffff;

/** The largest size a header states: its ZIP64 values stand in for a placeholder field. */
const realSize = (field: number, zip64: readonly number[]): number =>
  field === ZIP64_PLACEHOLDER && zip64.length > 0 ? Math.max(...zip64) : Math.max(field, ...zip64);

/** Sizes in a ZIP64 extra field, read as SheetJS reads them (two 8-byte values; the last field wins). */
function zip64Sizes(extra: Buffer): number[] {
  let sizes: number[] = [];
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(i);
    const size = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      sizes = [];
      for (let j = i + 4; j + 8 <= Math.min(i + 4 + size, i + 20, extra.length); j += 8) {
        sizes.push(extra.readUInt32LE(j) + extra.readUInt32LE(j + 4) * 2 ** 32);
      }
    }
    i += 4 + size;
  }
  return sizes;
}

// Scans like SheetJS (last signature in the file wins) so a planted signature cannot split our views.
function findEndOfDirectory(file: Buffer): number {
  for (let i = file.length - 4; i >= 0; i--)
    if (file.readUInt32LE(i) === EOCD) return i + 22 <= file.length ? i : -1;
  return -1;
}

function notWorkbook(fileName: string, names: Set<string>): AppError {
  if (names.has('word/document.xml')) return unsupported(fileName, 'a Word document');
  if (names.has('ppt/presentation.xml')) return unsupported(fileName, 'a PowerPoint presentation');
  if (names.has('mimetype') || names.has('content.xml')) return unsupported(fileName, 'an OpenDocument file');
  return unsupported(fileName, 'a zip archive');
}

const bad = (fileName: string, what: string): AppError => new AppError('BAD_FILE', `"${fileName}" ${what}.`);

const bomb = (fileName: string, cap: number): AppError =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `"${fileName}" unpacks to more than ${Math.round(cap / 1024 / 1024)} MB, too much to read as a workbook. ` +
      'Save the sheet as CSV (UTF-8) and upload that instead.',
  );
