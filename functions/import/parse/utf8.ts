import { isUtf8 } from 'node:buffer';

/**
 * Validates UTF-8 chunk by chunk (simdutf via `isUtf8`), carrying a character split across chunks.
 * `push` returns the bytes safe to parse and, when the chunk holds invalid bytes, where they start.
 */
export class Utf8Guard {
  private carry: Buffer | null = null;

  push(chunk: Buffer): { bytes: Buffer; invalidAt: number | null } {
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = incompleteTail(data);
    this.carry = cut < data.length ? Buffer.from(data.subarray(cut)) : null;
    const bytes = data.subarray(0, cut);
    if (isUtf8(bytes)) return { bytes, invalidAt: null };
    const at = firstInvalid(bytes);
    return { bytes: bytes.subarray(0, at), invalidAt: at };
  }

  /** At the end of input, a character left incomplete is invalid. */
  end(): boolean {
    return this.carry === null;
  }
}

/** Start of a multi-byte sequence cut off by the end of the chunk, or the length when none is. */
function incompleteTail(data: Buffer): number {
  for (let i = data.length - 1; i >= Math.max(0, data.length - 4); i--) {
    const byte = data[i]!;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0xc0) return data.length;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return data.length - i < needed ? i : data.length;
  }
  return data.length;
}

/** Offset of the first byte that starts no valid sequence (only run once a chunk failed). */
function firstInvalid(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || !isUtf8(bytes.subarray(i, i + length)) || i + length > bytes.length) return i;
    i += length;
  }
  return bytes.length;
}
