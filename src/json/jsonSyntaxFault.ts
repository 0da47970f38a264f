import { lineColumnOf } from '../text/lineColumnOf.js';
import { jsonSyntaxOffset } from './jsonSyntaxOffset.js';

/**
 * Where `text` stops being JSON, as a person finds it in an editor: the line and column of the first
 * character that cannot continue it (see {@link lineColumnOf}: lines from 1, columns from 1 in
 * characters, an emoji or a CJK character one each), or that the text ends before the JSON does (a
 * file cut short), or that it is empty. Undefined when `text` is JSON. The place is read from the
 * text itself ({@link jsonSyntaxOffset}): JSON.parse names no position for some faults (`{"a": x}`,
 * which was then said to be "cut short"), and its message is never echoed, as it quotes the text.
 *
 * @example jsonSyntaxFault('{\n  "a": 1,\n  oops\n}') // 'unexpected text at line 3, column 3'
 * @example jsonSyntaxFault('{\n  "a": ') // 'it ends at line 2, column 8 before the JSON does (cut short?)'
 */
export function jsonSyntaxFault(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    return refusedJsonFault(text);
  }
}

/**
 * {@link jsonSyntaxFault} of a text JSON.parse has refused, without parsing it again. Should the
 * text read as JSON all the same (JSON.parse refusing what RFC 8259 takes), it says so without a place.
 */
export function refusedJsonFault(text: string): string {
  if (text.trim() === '') return 'it is empty';
  const offset = jsonSyntaxOffset(text);
  if (offset === undefined) return 'JSON.parse refused it';
  const { line, column } = lineColumnOf(text, offset);
  return offset >= text.length
    ? `it ends at line ${line}, column ${column} before the JSON does (cut short?)`
    : `unexpected text at line ${line}, column ${column}`;
}
