import { codePointLabel } from './codePointLabel.js';
/** Nothing but spaces, tabs and line ends: the whitespace JSON allows between tokens, and all a person types on an empty line. */
const BLANK = /^[ \t\r\n]*$/;

/**
 * Whether a line of an input or output file is blank: empty, or holding only spaces, tabs and
 * carriage returns. Such a line holds no record and is skipped without a word. Any other line holds
 * something, and the reader answers it (an error line, named by its line), never drops it: NBSP,
 * the ideographic space U+3000, a BOM after the file's start or U+2028 is no space JSON allows, and
 * a line holding only one of them is no more blank than one holding a zero-width space. (JavaScript's
 * `trim` takes all of these for whitespace, and such lines vanished without a count.)
 *
 * @example isBlankLine(' \t') // true
 * @example isBlankLine('\u3000') // false
 */
export function isBlankLine(text: string): boolean {
  return BLANK.test(text);
}

// What a line that only looks blank holds: whitespace JavaScript's trim takes (NBSP, U+3000, U+2028, a
// BOM) and format characters (a zero-width space, a bidi mark), none of them JSON's whitespace.
const LOOKS_BLANK = /^[\s\p{Cf}]*$/u;

/**
 * Why a line that looks blank but is not ({@link isBlankLine}) holds no record, naming what it holds
 * by code point (`holds only U+3000, not whitespace to JSON: ...`); undefined for a
 * blank line and for a line with anything visible on it.
 */
export function looksBlankFault(text: string): string | undefined {
  if (isBlankLine(text) || !LOOKS_BLANK.test(text)) return undefined;
  const held = [...new Set(text.replace(/[ \t\r\n]/g, ''))].map(codePointLabel);
  return `holds only ${held.join(', ')}${/[ \t]/.test(text) ? ' besides spaces and tabs' : ''}, not whitespace to JSON: not a blank line, and no record`;
}
