/** Where a character sits in a text, as an editor shows it. */
export interface LineColumn {
  /** 1-based; a line ends at a line feed, a carriage return, or the two together. */
  readonly line: number;
  /** 1-based, in characters (Unicode code points: an emoji beyond U+FFFF is one, a CJK character is one). */
  readonly column: number;
}

/**
 * The line and column of the UTF-16 offset `offset` of `text` (as JSON.parse and String#indexOf
 * count), as an editor counts them: the line from 1, `\r\n` one line break, and the column from 1 on
 * that line, in characters, so a surrogate pair counts once. An offset counted whole-text in UTF-16
 * units named a column 37 characters into the third line of a manifest "column 120", and put a
 * fault after an emoji one column too far.
 *
 * @param offset from 0 to `text.length` (the end of the text: the place after its last character)
 * @example lineColumnOf('{\n  "名": "😀" x}', 14) // { line: 2, column: 12 }
 */
export function lineColumnOf(text: string, offset: number): LineColumn {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < end; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character: its second unit is not counted.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    column++;
  }
  return { line, column };
}
