import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { kindOfStats } from './deviceKind.js';
import { StreamTooLongError } from './streamTooLongError.js';

/**
 * The most bytes creditlift takes from a stream (a pipe, standard input, a device) in one piece, a
 * line or a whole document: 12 MiB, three times the 4 MiB of characters a record may take (the most
 * UTF-8 spends on them). A file ends; a stream may not (/dev/zero never does), so every piece read
 * from one is bounded, and a document read whole is held to what a line of a stream is.
 */
export const MAX_STREAM_PIECE_BYTES = 12 * 1024 * 1024;

/** Bytes asked of a stream per read. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Reads `path` whole, once. A regular file is read as it is, whatever its size. Anything else that
 * can be read (a pipe, /dev/stdin, a process substitution, a terminal, /dev/zero) is a stream with
 * no size to trust, so it is read up to {@link MAX_STREAM_PIECE_BYTES} and refused past that, never
 * read without end and never cut short in silence: `creditlift decide /dev/zero`, `--policy
 * /dev/zero` and a key file of /dev/zero read NUL bytes until memory ran out. A folder is left to
 * the read's own EISDIR, which callers already name.
 *
 * @param subject what the message names: the option and the path (`--policy /dev/zero`)
 * @throws StreamTooLongError (`data_invalid`) naming `subject`, what it is and the cap, when a stream gives more
 * @example
 * const bytes = await readWholeInput(path, `--policy ${path}`);
 */
export async function readWholeInput(path: string, subject: string = path): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const kind = kindOfStats(await handle.stat());
    if (kind === undefined || kind === 'a folder') return await handle.readFile();
    return await collectStream(chunksOf(handle), subject, kind);
  } finally {
    await handle.close();
  }
}

/** {@link readWholeInput} for the synchronous readers (the `model`, `train` and explainer paths). */
export function readWholeInputSync(path: string, subject: string = path): Buffer {
  const fd = openSync(path, 'r');
  try {
    const kind = kindOfStats(fstatSync(fd));
    if (kind === undefined || kind === 'a folder') return readFileSync(fd);
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) return Buffer.concat(chunks, size);
      size += n;
      if (size > MAX_STREAM_PIECE_BYTES) throw new StreamTooLongError(subject, kind, MAX_STREAM_PIECE_BYTES);
      chunks.push(chunk.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Every byte of `chunks` in one buffer, or, once they pass `limit`, a {@link StreamTooLongError}
 * naming `subject` (`FILE - (standard input)`) as `kind`; stops reading there.
 */
export async function collectStream(chunks: AsyncIterable<Uint8Array>, subject: string, kind = 'a stream', limit = MAX_STREAM_PIECE_BYTES): Promise<Buffer> {
  const kept: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > limit) throw new StreamTooLongError(subject, kind, limit);
    kept.push(chunk);
  }
  return Buffer.concat(kept, size);
}

async function* chunksOf(handle: Awaited<ReturnType<typeof open>>): AsyncGenerator<Uint8Array> {
  for (;;) {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
    if (bytesRead === 0) return;
    yield chunk.subarray(0, bytesRead);
  }
}
