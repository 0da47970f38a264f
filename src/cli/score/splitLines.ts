import { StringDecoder } from 'node:string_decoder';

/** One physical line of a text stream. */
export interface TextLine {
  /** 1-based line number. */
  readonly line: number;
  /** The line without its line break (and without a UTF-8 BOM on line 1). */
  readonly text: string;
  /** Set when the line exceeded the maximum length; `text` then holds only its start. */
  readonly truncated: boolean;
}

/** Longest line kept whole (bytes of UTF-16 code units); longer lines are reported, not buffered. */
export const MAX_LINE_LENGTH = 4 * 1024 * 1024;

/**
 * Splits a stream of text chunks into lines (LF or CRLF), numbering them from 1. Holds at most one
 * line in memory: a line longer than `maxLength` is yielded truncated so one runaway record cannot
 * exhaust memory. A final line without a line break is still yielded. Buffer chunks are decoded
 * as UTF-8, a character split across two chunks included.
 */
export async function* splitLines(chunks: AsyncIterable<string | Buffer>, maxLength = MAX_LINE_LENGTH): AsyncGenerator<TextLine> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let overflow = false;
  let line = 1;
  let first = true;
  for await (const raw of chunks) {
    let chunk = typeof raw === 'string' ? raw : decoder.write(raw);
    if (first && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) break;
      const piece = chunk.slice(start, nl);
      const whole = overflow ? pending : pending + piece;
      const long = overflow || whole.length > maxLength;
      yield { line: line++, text: stripCr(long ? whole.slice(0, maxLength) : whole), truncated: long };
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
  }
  const rest = decoder.end();
  if (rest !== '' && !overflow) pending += rest;
  if (pending.length > 0 || overflow) yield { line, text: stripCr(pending), truncated: overflow };
}

function stripCr(s: string): string {
  return s.charCodeAt(s.length - 1) === 13 ? s.slice(0, -1) : s;
}
