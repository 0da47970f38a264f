import type { TextLine } from '../cli/score/splitLines.js';
import { isBlankLine } from '../text/blankLine.js';
import { textLineFault } from '../cli/score/textLineFault.js';
import { scoreLineNumberOf } from '../cli/scoreLineNumbers.js';

/** Why a line of a decisions file was not read: its text (too long, not UTF-8) or not JSON. */
export interface UnreadDecisionLine {
  readonly code: 'line_too_long' | 'invalid_utf8' | 'invalid_json';
  readonly message: string;
}

/** One line of a decisions file, read as far as `report` and `monitor --decisions` read it alike. */
export type DecisionFileLine =
  | { readonly kind: 'blank' }
  | { readonly kind: 'unread'; readonly fault: UnreadDecisionLine }
  | {
      readonly kind: 'json';
      /** The line's JSON value. */
      readonly value: unknown;
      /** What may be a decision: the `decision` of a score output line, else the value itself (a bare Decision). */
      readonly candidate: unknown;
      /** The input line a `creditlift score` output line names (`{"line":N,...}`), when it is one. */
      readonly inputLine?: number;
    };

/**
 * Reads one line of a decisions file (`creditlift score` output, or one Decision per line) up to
 * its JSON: a line too long to hold whole (`line_too_long`) or with a byte that is not UTF-8
 * (`invalid_utf8`) is named for it, in score's words, before any JSON is looked for (a line too long
 * may well be JSON, and one read with U+FFFD is another text); then blank, not JSON, or its value.
 * The reader of both commands, so a line is named alike by both.
 */
export function readDecisionFileLine(line: TextLine): DecisionFileLine {
  const fault = textLineFault(line);
  if (fault !== undefined) return { kind: 'unread', fault };
  if (isBlankLine(line.text)) return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch {
    return { kind: 'unread', fault: { code: 'invalid_json', message: 'not valid JSON' } };
  }
  const candidate = typeof value === 'object' && value !== null && 'decision' in value ? (value as { decision: unknown }).decision : value;
  const inputLine = scoreLineNumberOf(value);
  return inputLine === undefined ? { kind: 'json', value, candidate } : { kind: 'json', value, candidate, inputLine };
}
