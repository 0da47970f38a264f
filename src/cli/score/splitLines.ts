import { createUtf8Decoder, type InvalidUtf8 } from '../../text/utf8Decoder.js';

/** One physical line of a text stream. */
export interface TextLine {
  /** 1-based line number. */
  readonly line: number;
  /** The line without its line break (and without a UTF-8 BOM on line 1). */
  readonly text: string;
  /** Set when the line exceeded the maximum length; `text` then holds only its start. */
  readonly truncated: boolean;
  /** Byte offset (from the file's start) of the first byte of this line that is not UTF-8; absent when the line decoded cleanly. */
  readonly invalidByteOffset?: number;
}

/** Longest line kept whole (bytes of UTF-16 code units); longer lines are reported, not buffered. */
export const MAX_LINE_LENGTH = 4 * 1024 * 1024;

/** What a reader says of a line longer than {@link MAX_LINE_LENGTH} (issue code `line_too_long`): score and monitor alike. */
export const LINE_TOO_LONG_MESSAGE = 'the line is longer than the 4 MiB a record may take';

/**
 * Splits a stream of text chunks into lines, numbering them from 1. A line ends at LF, CRLF or a
 * lone CR (old Mac files), as the CSV tokenizer reads them: a raw CR is never inside a JSON string,
 * so no JSON line is cut, and a file with CR line ends gives one line per record rather than one
 * line holding them all. A CRLF cut between two chunks is one line break. Holds at most one
 * line in memory: a line longer than `maxLength` is yielded truncated so one runaway record cannot
 * exhaust memory. A final line without a line break is still yielded. Buffer chunks are decoded
 * as UTF-8, a character split across two chunks included; a line holding bytes that are not UTF-8
 * says where (`invalidByteOffset`), so its record is refused rather than decided on a changed value.
 */
export async function* splitLines(chunks: AsyncIterable<string | Buffer>, maxLength = MAX_LINE_LENGTH): AsyncGenerator<TextLine> {
  const decoder = createUtf8Decoder();
  const invalid: InvalidUtf8[] = [];
  let next = 0; // first entry of `invalid` not yet attributed to a line
  let pending = '';
  let overflow = false;
  let line = 1;
  let first = true;
  let chunkStart = 0; // absolute char index of the current chunk's first char
  let lineStart = 0; // absolute char index of the current line's first char
  const badByteBefore = (end: number): number | undefined => {
    let found: number | undefined;
    while (next < invalid.length && (invalid[next] as InvalidUtf8).charIndex < end) {
      const inv = invalid[next++] as InvalidUtf8;
      if (inv.charIndex >= lineStart) found ??= inv.byteOffset;
    }
    return found;
  };
  const take = (raw: string | Buffer | undefined): string => {
    if (raw === undefined) {
      const d = decoder.end();
      invalid.push(...d.invalid);
      return d.text;
    }
    if (typeof raw === 'string') return raw;
    const d = decoder.write(raw);
    invalid.push(...d.invalid);
    return d.text;
  };
  // After a line ended at a CR: an LF right after it (in this chunk or the next) is the same line break.
  let afterCr = false;
  const emit = (text: string, truncated: boolean, end: number): TextLine => {
    const bad = badByteBefore(end);
    const out: TextLine = bad === undefined ? { line: line++, text, truncated } : { line: line++, text, truncated, invalidByteOffset: bad };
    lineStart = end + 1;
    return out;
  };
  for await (const raw of chunks) {
    let chunk = take(raw);
    if (first && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) {
        chunk = chunk.slice(1);
        chunkStart = lineStart = 1;
      }
      first = false;
    }
    let start = 0;
    // The next LF and the next CR at or after `start` (-1: none left in this chunk), each searched
    // again only once passed: a file without CRs costs one search for one, not one per line.
    let lf = -2;
    let cr = -2;
    for (;;) {
      if (afterCr && start < chunk.length) {
        afterCr = false;
        if (chunk.charCodeAt(start) === 10) {
          start++;
          lineStart = chunkStart + start;
        }
      }
      if (lf !== -1 && lf < start) lf = chunk.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = chunk.indexOf('\r', start);
      const nl = cr < 0 ? lf : lf < 0 ? cr : Math.min(lf, cr);
      if (nl < 0) break;
      const piece = chunk.slice(start, nl);
      const whole = overflow ? pending : pending + piece;
      const long = overflow || whole.length > maxLength;
      yield emit(long ? whole.slice(0, maxLength) : whole, long, chunkStart + nl);
      pending = '';
      overflow = false;
      afterCr = chunk.charCodeAt(nl) === 13;
      start = nl + 1;
    }
    if (!overflow) {
      pending += chunk.slice(start);
      if (pending.length > maxLength) {
        pending = pending.slice(0, maxLength);
        overflow = true;
      }
    }
    chunkStart += chunk.length;
  }
  const rest = take(undefined);
  if (rest !== '' && !overflow) pending += rest;
  chunkStart += rest.length;
  if (pending.length > 0 || overflow) yield emit(pending, overflow, chunkStart);
}
