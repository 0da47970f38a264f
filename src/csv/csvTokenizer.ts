/** Limits of {@link createCsvTokenizer}; both have defaults. */
export interface CsvTokenizerOptions {
  /**
   * Physical lines one record may span (through quoted line breaks). A quote still open after
   * this many lines is taken as never closed: its record is an error and reading starts again on
   * the line after the one it opened on, so one stray quote cannot swallow the rest of a file.
   * Default {@link DEFAULT_MAX_RECORD_LINES}.
   */
  readonly maxRecordLines?: number;
  /** Characters one record may hold; a longer one is an error and is never held whole. Default {@link DEFAULT_MAX_RECORD_CHARS}. */
  readonly maxRecordChars?: number;
}

/** Default of {@link CsvTokenizerOptions.maxRecordLines}. */
export const DEFAULT_MAX_RECORD_LINES = 100;
/** Default of {@link CsvTokenizerOptions.maxRecordChars}: 4 Mi characters. */
export const DEFAULT_MAX_RECORD_CHARS = 4 * 1024 * 1024;

/** Why a stretch of CSV text is not a record. */
export type CsvTokenErrorCode = 'unclosed_quote' | 'invalid_quote' | 'record_too_long';

/**
 * What the tokenizer yields: a record's cells, or an error standing for the record that could not
 * be read. Both carry the physical line the record starts on (1-based, the header is line 1) and
 * the character range they cover in the text pushed so far (a byte-order mark included).
 */
export type CsvToken =
  | {
      readonly kind: 'row';
      readonly line: number;
      readonly endLine: number;
      readonly start: number;
      readonly end: number;
      readonly cells: string[];
      /** Whether a cell was written in quotes (`""` is a written empty cell, not a blank line). */
      readonly quoted: boolean;
    }
  | { readonly kind: 'error'; readonly line: number; readonly start: number; readonly end: number; readonly code: CsvTokenErrorCode; readonly message: string };

/** A streaming CSV tokenizer: text in, records of cells out. */
export interface CsvTokenizer {
  /** Adds text; returns the records completed by it. */
  push(text: string): CsvToken[];
  /** Ends the input; returns the records left (a final line without a line break included). */
  end(): CsvToken[];
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;
const SPECIAL = /[,\r\n"]/g;
const BREAK = /[\r\n]/g;

type Step =
  | { readonly t: 'more' }
  | { readonly t: 'row'; readonly cells: string[]; readonly quoted: boolean; readonly next: number; readonly endLine: number; readonly nextLine: number }
  | {
      readonly t: 'error';
      readonly code: CsvTokenErrorCode;
      readonly message: string;
      readonly next: number;
      readonly nextLine: number;
      readonly skipRestOfLine?: boolean;
    };

/**
 * Creates the one CSV tokenizer of creditlift (RFC 4180), used by `score`, `train` and `predict`.
 * Pure: strings in, cells out; typing cells is the caller's business.
 *
 * - Fields are separated by commas; records end at LF, CRLF or a lone CR.
 * - A field starting with `"` is quoted: it may hold commas, line breaks and `""` for a quote,
 *   and must be followed by a comma or the end of the record (else `invalid_quote`). A quote inside
 *   an unquoted field is `invalid_quote` too. Either way the rest of that line is skipped; when the
 *   fault is on a later line than the record's first (a quoted field ran on through a line break),
 *   the record is an error at its first line and the lines after that line are read as records
 *   again, so no line is taken into an error record that the output does not name.
 * - A quote never closed within `maxRecordLines` lines (or before the end) is `unclosed_quote` at
 *   the line it opened on, and the lines after that line are read as records again.
 * - A UTF-8 byte-order mark at the very start is skipped; empty lines are not records.
 *
 * @example
 * const t = createCsvTokenizer();
 * [...t.push('a,b\r1,"x, y"\r'), ...t.end()].map((r) => r.kind === 'row' && r.cells); // [['a','b'], ['1','x, y']]
 */
export function createCsvTokenizer(options: CsvTokenizerOptions = {}): CsvTokenizer {
  const maxLines = options.maxRecordLines ?? DEFAULT_MAX_RECORD_LINES;
  const maxChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  let buf = '';
  let base = 0; // absolute index of buf[0]
  let pos = 0; // start of the next record in buf
  let line = 1;
  let started = false;
  // After a record too long to hold: text is dropped up to the next line break.
  let skipping = false;

  const run = (final: boolean): CsvToken[] => {
    const out: CsvToken[] = [];
    for (;;) {
      if (skipping) {
        BREAK.lastIndex = pos;
        const m = BREAK.exec(buf);
        if (m === null) {
          pos = buf.length;
          if (final) skipping = false;
          break;
        }
        if (buf.charCodeAt(m.index) === CR && m.index + 1 >= buf.length && !final) {
          pos = m.index;
          break;
        }
        pos = m.index + (buf.charCodeAt(m.index) === CR && buf.charCodeAt(m.index + 1) === LF ? 2 : 1);
        line++;
        skipping = false;
      }
      if (pos >= buf.length) break;
      const c = buf.charCodeAt(pos);
      if (c === LF || c === CR) {
        // An empty line is not a record.
        if (c === CR && pos + 1 >= buf.length && !final) break;
        pos += c === CR && buf.charCodeAt(pos + 1) === LF ? 2 : 1;
        line++;
        continue;
      }
      const step = readRecord(buf, pos, line, final, maxLines, maxChars);
      if (step.t === 'more') break;
      if (step.t === 'row') {
        out.push({ kind: 'row', line, endLine: step.endLine, start: base + pos, end: base + step.next, cells: step.cells, quoted: step.quoted });
      } else {
        out.push({ kind: 'error', line, start: base + pos, end: base + step.next, code: step.code, message: step.message });
        if (step.skipRestOfLine === true) skipping = true;
      }
      pos = step.next;
      line = step.nextLine;
    }
    // Keep only the unfinished record (one slice per push, so the work stays linear).
    if (pos > 0) {
      buf = buf.slice(pos);
      base += pos;
      pos = 0;
    }
    return out;
  };

  return {
    push(text) {
      if (!started && text.length > 0) {
        started = true;
        if (text.charCodeAt(0) === 0xfeff) {
          base = 1;
          text = text.slice(1);
        }
      }
      buf += text;
      return run(false);
    },
    end: () => run(true),
  };
}

/** Tokenizes a whole text at once. */
export function tokenizeCsv(text: string, options: CsvTokenizerOptions = {}): CsvToken[] {
  const t = createCsvTokenizer(options);
  return [...t.push(text), ...t.end()];
}

function readRecord(buf: string, p: number, line: number, final: boolean, maxLines: number, maxChars: number): Step {
  const n = buf.length;
  const cells: string[] = [];
  let quoted = false;
  let i = p;
  let ln = line;
  for (;;) {
    if (i < n && buf.charCodeAt(i) === QUOTE) {
      let j = i + 1;
      let from = j;
      let value = '';
      for (;;) {
        const q = buf.indexOf('"', j);
        ln += countBreaks(buf, j, q < 0 ? n : q);
        if (ln - line >= maxLines)
          return reopen(buf, p, line, 'unclosed_quote', `a quoted field opened on line ${line} is not closed within ${maxLines} lines`);
        if (q < 0) {
          if (final) return reopen(buf, p, line, 'unclosed_quote', `a quoted field opened on line ${line} is never closed`);
          if (n - p > maxChars) return reopen(buf, p, line, 'record_too_long', `the record is longer than ${maxChars} characters`);
          return { t: 'more' };
        }
        if (q + 1 >= n && !final) return { t: 'more' };
        if (buf.charCodeAt(q + 1) === QUOTE) {
          value += buf.slice(from, q + 1);
          j = q + 2;
          from = j;
          continue;
        }
        value += buf.slice(from, q);
        i = q + 1;
        break;
      }
      cells.push(value);
      quoted = true;
    } else {
      SPECIAL.lastIndex = i;
      const m = SPECIAL.exec(buf);
      const k = m === null ? n : m.index;
      if (m !== null && buf.charCodeAt(k) === QUOTE)
        return badLine(buf, p, line, k, ln, final, 'a quote inside an unquoted field (quote the whole field and double the quote)');
      if (m === null && !final) {
        if (n - p > maxChars)
          return {
            t: 'error',
            code: 'record_too_long',
            message: `the record is longer than ${maxChars} characters`,
            next: n,
            nextLine: ln,
            skipRestOfLine: true,
          };
        return { t: 'more' };
      }
      cells.push(buf.slice(i, k));
      i = k;
    }
    if (i >= n) return final ? { t: 'row', cells, quoted, next: n, endLine: ln, nextLine: ln } : { t: 'more' };
    const c = buf.charCodeAt(i);
    if (c === COMMA) {
      i++;
      continue;
    }
    if (c === LF) return { t: 'row', cells, quoted, next: i + 1, endLine: ln, nextLine: ln + 1 };
    if (c === CR) {
      if (i + 1 >= n && !final) return { t: 'more' };
      return { t: 'row', cells, quoted, next: buf.charCodeAt(i + 1) === LF ? i + 2 : i + 1, endLine: ln, nextLine: ln + 1 };
    }
    return badLine(buf, p, line, i, ln, final, 'unexpected text after a closing quote');
  }
}

/**
 * A record starting at `p` (line `line`) broken at `at` (line `ln`). On its first line it ends
 * with that line. Past it (a quoted field ran on through a line break, as a stray quote does), the
 * lines in between are not the record's, whatever the quote made of them: the record is an error
 * at its first line and reading starts again on the line after it, as for a quote never closed.
 */
function badLine(buf: string, p: number, line: number, at: number, ln: number, final: boolean, message: string): Step {
  if (ln > line)
    return reopen(
      buf,
      p,
      line,
      'invalid_quote',
      `${message}, on line ${ln} of a record starting on line ${line} (a quoted field ran on through a line break); the lines after line ${line} are read as records again`,
    );
  BREAK.lastIndex = at;
  const m = BREAK.exec(buf);
  if (m === null) return final ? { t: 'error', code: 'invalid_quote', message, next: buf.length, nextLine: ln } : { t: 'more' };
  if (buf.charCodeAt(m.index) === CR && m.index + 1 >= buf.length && !final) return { t: 'more' };
  const next = m.index + (buf.charCodeAt(m.index) === CR && buf.charCodeAt(m.index + 1) === LF ? 2 : 1);
  return { t: 'error', code: 'invalid_quote', message, next, nextLine: ln + 1 };
}

/** A record whose quote never closed: an error for its first line, and reading restarts on the next line. */
function reopen(buf: string, p: number, line: number, code: CsvTokenErrorCode, message: string): Step {
  BREAK.lastIndex = p;
  const m = BREAK.exec(buf);
  if (m === null) return { t: 'error', code, message, next: buf.length, nextLine: line };
  const next = m.index + (buf.charCodeAt(m.index) === CR && buf.charCodeAt(m.index + 1) === LF ? 2 : 1);
  return { t: 'error', code, message, next, nextLine: line + 1 };
}

/** Line breaks (LF, CRLF or a lone CR, each one break) in buf[from, to). */
function countBreaks(buf: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = buf.charCodeAt(k);
    if (c === LF) count++;
    else if (c === CR && buf.charCodeAt(k + 1) !== LF) count++;
  }
  return count;
}
