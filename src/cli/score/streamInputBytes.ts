import { createReadStream, type ReadStream, statSync } from 'node:fs';
import { CreditliftError } from '../../errors/creditliftError.js';
import { kindOfStats } from '../../files/deviceKind.js';
import { MAX_STREAM_PIECE_BYTES } from '../../files/readWholeInput.js';
import { MAX_LINE_LENGTH } from './splitLines.js';

/**
 * Bytes a stream may give without a line break before its reading ends: the one bound on a piece of
 * a stream, three times the characters a record may take (the most UTF-8 can spend on them), so
 * every run this long is a line longer than any record.
 */
export const MAX_STREAM_LINE_BYTES = MAX_STREAM_PIECE_BYTES;

/** An input file opened for one pass: its read stream, and its bytes as a reader should take them. */
export interface StreamInput {
  readonly stream: ReadStream;
  readonly bytes: AsyncIterable<Buffer>;
  /** What it is when it is not a regular file ('a pipe', 'a character device'); undefined for a file. */
  readonly kind: string | undefined;
}

/**
 * Opens an input for one pass. A line longer than a record may take is an error line and the lines
 * after it are read, which in a file means skipping to its end; a stream (a pipe, /dev/stdin, a
 * device) may have none (/dev/zero is NUL bytes without a line break, for ever: `monitor
 * --applicants /dev/zero` read at 100% CPU without end). So from anything but a regular file, a run
 * of {@link MAX_STREAM_LINE_BYTES} bytes without a line break ends the reading with an error.
 */
export function openStreamInput(path: string, highWaterMark = 64 * 1024): StreamInput {
  const stream = createReadStream(path, { highWaterMark });
  let kind: string | undefined;
  try {
    kind = kindOfStats(statSync(path));
  } catch {
    // Nothing there: the stream's own error names it.
  }
  return { stream, kind, bytes: kind === undefined ? (stream as AsyncIterable<Buffer>) : boundLineRuns(stream, `${path} is ${kind}`) };
}

/**
 * Passes `chunks` through until a run of more than `maxRun` bytes holds no line break (LF or CR),
 * then throws a CreditliftError `data_invalid` that begins with `source` ("/dev/zero is a character
 * device").
 */
export async function* boundLineRuns(chunks: AsyncIterable<Buffer>, source: string, maxRun = MAX_STREAM_LINE_BYTES): AsyncGenerator<Buffer> {
  let run = 0;
  for await (const chunk of chunks) {
    const lastBreak = Math.max(chunk.lastIndexOf(10), chunk.lastIndexOf(13));
    run = lastBreak < 0 ? run + chunk.length : chunk.length - 1 - lastBreak;
    if (run > maxRun)
      throw new CreditliftError(
        'data_invalid',
        `${source}: it gave more than ${maxRun.toLocaleString('en-US')} bytes with no line break, a line longer than the ${MAX_LINE_LENGTH / (1024 * 1024)} MiB a record may take, and a stream has no end to skip to; nothing after it was read (save the stream to a file to read the lines after it)`,
      );
    yield chunk;
  }
}
