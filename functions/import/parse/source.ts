import { AppError } from '../../_shared/errors.js';

/** Whatever the caller holds: a whole buffer, a Node Readable, or any async byte iterable. */
export type ByteSource = Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

const SLICE = 64 * 1024;

async function* chunksOf(source: ByteSource): AsyncGenerator<Buffer> {
  if (source instanceof Uint8Array) {
    // Slices of a whole buffer keep the CSV path identical to a stream (and bound batch sizes).
    for (let i = 0; i < source.length; i += SLICE) yield toBuffer(source.subarray(i, i + SLICE));
    return;
  }
  for await (const chunk of source) if (chunk.length > 0) yield toBuffer(chunk);
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The first bytes of a source (at least `min` unless it is shorter) and every chunk, head included. */
export interface Peeked {
  head: Buffer;
  chunks: AsyncIterable<Buffer>;
}

export async function peek(
  source: ByteSource,
  min: number,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<Peeked> {
  const iterator = chunksOf(source)[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < min) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    taken.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(taken, length);
  async function* all(): AsyncGenerator<Buffer> {
    let total = 0;
    const count = (chunk: Buffer): Buffer => {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(maxBytes);
      return chunk;
    };
    try {
      for (const chunk of taken) yield count(chunk);
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        yield count(next.value);
      done = true;
    } finally {
      // Stopped early (an error, or a preview that has enough rows): release the stream or socket.
      if (!done) await iterator.return?.(undefined);
    }
  }
  return { head, chunks: all() };
}

export async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

export const tooLarge = (maxBytes: number): AppError =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB. Split it into smaller files.`,
  );
