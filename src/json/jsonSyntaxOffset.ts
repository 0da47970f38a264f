// What may come next: a value, a value or `]` (after `[`), a key, a key or `}` (after `{`), a colon, a comma or the close.
const VALUE = 0;
const VALUE_OR_CLOSE = 1;
const KEY = 2;
const KEY_OR_CLOSE = 3;
const COLON = 4;
const COMMA_OR_CLOSE = 5;

/**
 * The UTF-16 offset at which `text` stops being JSON (RFC 8259, as JSON.parse reads it): the first
 * character that cannot continue it, or `text.length` when it ends before the JSON does; undefined
 * when it is JSON. JSON.parse names a position for some faults only: `{"a": x}` gives "Unexpected
 * token 'x', ... is not valid JSON" and no position, so a reader that took the position from the
 * message said nothing of where (or, taking the end, "cut short" of a text that is not). A loop over
 * the text with a stack of open brackets, not recursion, so any depth is read.
 *
 * @example jsonSyntaxOffset('{"a": x}') // 6
 * @example jsonSyntaxOffset('[1, 2') // 5 (the text ends first)
 * @example jsonSyntaxOffset('[1]') // undefined
 */
export function jsonSyntaxOffset(text: string): number | undefined {
  const n = text.length;
  const open: number[] = [];
  let expect: number = VALUE;
  let i = 0;
  for (;;) {
    while (i < n && isWhitespace(text.charCodeAt(i))) i++;
    if (i >= n) return expect === COMMA_OR_CLOSE && open.length === 0 ? undefined : n;
    const c = text.charCodeAt(i);
    switch (expect) {
      case COLON:
        if (c !== 0x3a /* : */) return i;
        i++;
        expect = VALUE;
        continue;
      case KEY:
      case KEY_OR_CLOSE:
        if (c === 0x7d /* } */ && expect === KEY_OR_CLOSE) {
          open.pop();
          i++;
          expect = COMMA_OR_CLOSE;
          continue;
        }
        if (c !== 0x22 /* " */) return i;
        i = stringEnd(text, i);
        if (i < 0) return -i - 1;
        expect = COLON;
        continue;
      case COMMA_OR_CLOSE: {
        // A value is complete: at the top, nothing may follow it.
        const top = open[open.length - 1];
        if (top === undefined) return i;
        if (c === 0x2c /* , */) {
          i++;
          expect = top === 0x7b ? KEY : VALUE;
          continue;
        }
        if (c !== (top === 0x7b ? 0x7d : 0x5d)) return i;
        open.pop();
        i++;
        continue;
      }
      default: {
        if (c === 0x5d /* ] */ && expect === VALUE_OR_CLOSE) {
          open.pop();
          i++;
          expect = COMMA_OR_CLOSE;
          continue;
        }
        if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
          open.push(c);
          i++;
          expect = c === 0x7b ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
          continue;
        }
        const end = c === 0x22 ? stringEnd(text, i) : c === 0x2d || (c >= 0x30 && c <= 0x39) ? numberEnd(text, i) : literalEnd(text, i);
        if (end < 0) return -end - 1;
        i = end;
        expect = COMMA_OR_CLOSE;
      }
    }
  }
}

/** JSON's whitespace: space, tab, line feed, carriage return (not a BOM, not a no-break space). */
function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

// Each scanner returns the offset past its token, or -(fault offset) - 1 where the token goes wrong.

function stringEnd(text: string, start: number): number {
  const n = text.length;
  for (let j = start + 1; ; ) {
    if (j >= n) return -n - 1;
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return -j - 1;
    if (c !== 0x5c /* \ */) {
      j++;
      continue;
    }
    if (j + 1 >= n) return -n - 1;
    const e = text.charCodeAt(j + 1);
    if (e === 0x75 /* u */) {
      for (let k = j + 2; k < j + 6; k++) {
        if (k >= n) return -n - 1;
        if (!isHexDigit(text.charCodeAt(k))) return -k - 1;
      }
      j += 6;
    } else if ('"\\/bfnrt'.includes(text[j + 1]!)) j += 2;
    else return -(j + 1) - 1;
  }
}

function numberEnd(text: string, start: number): number {
  const n = text.length;
  let j = start;
  if (text.charCodeAt(j) === 0x2d) j++;
  if (j >= n) return -n - 1;
  if (text.charCodeAt(j) === 0x30) j++;
  else if (isDigit(text.charCodeAt(j))) while (j < n && isDigit(text.charCodeAt(j))) j++;
  else return -j - 1;
  if (j < n && text.charCodeAt(j) === 0x2e /* . */) {
    j++;
    if (j >= n) return -n - 1;
    if (!isDigit(text.charCodeAt(j))) return -j - 1;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
  }
  if (j < n && (text.charCodeAt(j) | 0x20) === 0x65 /* e E */) {
    j++;
    if (j < n && (text.charCodeAt(j) === 0x2b || text.charCodeAt(j) === 0x2d)) j++;
    if (j >= n) return -n - 1;
    if (!isDigit(text.charCodeAt(j))) return -j - 1;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
  }
  return j;
}

function literalEnd(text: string, start: number): number {
  const word = text[start] === 't' ? 'true' : text[start] === 'f' ? 'false' : text[start] === 'n' ? 'null' : undefined;
  if (word === undefined) return -start - 1;
  for (let k = 1; k < word.length; k++) {
    if (start + k >= text.length) return -text.length - 1;
    if (text[start + k] !== word[k]) return -(start + k) - 1;
  }
  return start + word.length;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}
