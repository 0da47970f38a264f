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

/**
 * Splits a stream of text chunks into lines (LF or CRLF), numbering them from 1. Holds at most one
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
  const emit = (text: string, truncated: boolean, end: number): TextLine => {
    const bad = badByteBefore(end);
    const out: TextLine =
      bad === undefined ? { line: line++, text: stripCr(text), truncated } : { line: line++, text: stripCr(text), truncated, invalidByteOffset: bad };
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
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) break;
      const piece = chunk.slice(start, nl);
      const whole = overflow ? pending : pending + piece;
      const long = overflow || whole.length > maxLength;
      yield emit(long ? whole.slice(0, maxLength) : whole, long, chunkStart + nl);
      pending = '';
      overflow = false;
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

function stripCr(s: string): string {
  return s.charCodeAt(s.length - 1) === 13 ? s.slice(0, -1) : s;
}
