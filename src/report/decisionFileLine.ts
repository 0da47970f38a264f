import type { TextLine } from '../cli/score/splitLines.js';
import { isBlankLine } from '../text/blankLine.js';
import { textLineFault } from '../cli/score/textLineFault.js';
import { scoreLineNumberOf } from '../cli/scoreLineNumbers.js';
import { parseStrictJson } from '../json/parseStrictJson.js';
import { formatPath, MAX_ISSUES, type ValidationIssue } from '../errors/validationError.js';
import { truncateForMessage } from '../errors/truncateForMessage.js';
import { escapeLoneSurrogates } from '../text/loneSurrogates.js';

/**
 * The codes a line of a decisions file is not read for: its text (too long, not UTF-8), not JSON,
 * JSON that JSON.parse would read altered or no writer could write (a lone surrogate), or a
 * decision line holding a key score never writes there (`unrecognized_key`).
 */
export const UNREAD_LINE_CODES = [
  'line_too_long',
  'invalid_utf8',
  'invalid_json',
  'duplicate_key',
  'imprecise_number',
  'not_finite',
  'lone_surrogate',
  'unrecognized_key',
] as const;

/**
 * Why a line of a decisions file was not read: its text (too long, not UTF-8), not JSON, JSON
 * refused as `parseStrictJson` refuses it, or a decision line with a key beside `line` and `decision`.
 */
export interface UnreadDecisionLine {
  /** The first issue's code. */
  readonly code: (typeof UNREAD_LINE_CODES)[number];
  /** The first issue, its path named (`line: ...`), and how many more there are. */
  readonly message: string;
  /** Every issue, at least one (a text fault is one, at the root). */
  readonly issues: readonly ValidationIssue[];
}

/** What a line's JSON value holds, as a score output line or a bare Decision. */
export interface ScoreOutputValue {
  /** What may be a decision: the `decision` of a score output line, else the value itself (a bare Decision). */
  readonly candidate: unknown;
  /** The input line a `creditlift score` output line names (`{"line":N,...}`), when it is one. */
  readonly inputLine?: number;
  /**
   * The value is a score decision line (`{"decision":...}`) naming no input line: no `line`, or one
   * that is no whole number from 1. Score writes one on each, so the line is not as score wrote it.
   */
  readonly unnumberedDecision?: true;
}

/** One line of a decisions file, read as `verify`, `report` and `monitor --decisions` read it alike. */
export type DecisionFileLine =
  | { readonly kind: 'blank' }
  | { readonly kind: 'unread'; readonly fault: UnreadDecisionLine }
  | ({
      readonly kind: 'json';
      /** The line's JSON value. */
      readonly value: unknown;
    } & ScoreOutputValue);

/**
 * Reads one line of a decisions file (`creditlift score` output, or one Decision per line) up to
 * its JSON: a line too long to hold whole (`line_too_long`) or with a byte that is not UTF-8
 * (`invalid_utf8`) is named for it, in score's words, before any JSON is looked for (a line too long
 * may well be JSON, and one read with U+FFFD is another text); then blank, or its JSON read as
 * `parseStrictJson` reads it: not JSON (`invalid_json`), or JSON that JSON.parse reads altered (a key
 * written twice, `duplicate_key`: JSON.parse keeps the last, so a value hidden before it passed a
 * seal check; `imprecise_number`; `not_finite`; `lone_surrogate`) is not read, and so is a decision
 * line (`{"decision":...}`) holding a key beside `line` and `decision` (`unrecognized_key`, see
 * {@link scoreOutputKeyFault}); else its value.
 * The one reader of `verify`, `report` and `monitor --decisions`, so a line is left out by all three
 * or by none, and named alike. Before, report and monitor used JSON.parse and verify the strict
 * parser: `{"line":1,"line":1,"decision":...}` was counted by report and refused by verify.
 */
export function readDecisionFileLine(line: TextLine): DecisionFileLine {
  const fault = textLineFault(line);
  if (fault !== undefined) return { kind: 'unread', fault: { ...fault, issues: [{ path: [], ...fault }] } };
  if (isBlankLine(line.text)) return { kind: 'blank' };
  const read = parseStrictJson(line.text);
  if (!read.ok) return { kind: 'unread', fault: jsonFault(read.issues) };
  const keyFault = scoreOutputKeyFault(read.value);
  if (keyFault !== undefined) return { kind: 'unread', fault: keyFault };
  return { kind: 'json', value: read.value, ...scoreOutputValueOf(read.value) };
}

/** The keys score writes on a decision line, `{"line":N,"decision":...}`. */
const DECISION_LINE_KEYS: ReadonlySet<string> = new Set(['line', 'decision']);

/**
 * Why a JSON value of a decisions file (a line's, or an element of a document `verify` reads) is no
 * decision line as score writes it: a `{"decision":...}` value holding a key beside `line` and
 * `decision` (`unrecognized_key`, one issue per key, at the key). Score writes no other key there,
 * so such a line is not score's, and a reader taking its decision dropped the key without a word
 * (`{"line":1,"decision":...,"note":1}` was counted and verified). Error lines are held to their
 * shape by `ErrorLine`. Undefined for any other value.
 */
export function scoreOutputKeyFault(value: unknown): UnreadDecisionLine | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('decision' in value)) return undefined;
  const other = Object.keys(value).filter((k) => !DECISION_LINE_KEYS.has(k));
  if (other.length === 0) return undefined;
  // A line of a million keys is named by its first thousand, the rest counted.
  const issues: ValidationIssue[] = other.slice(0, MAX_ISSUES).map((k) => {
    const shown = truncateForMessage(escapeLoneSurrogates(k));
    return {
      path: [shown],
      code: 'unrecognized_key',
      message: `key ${JSON.stringify(shown)} beside "line" and "decision": score writes no other key on a decision line`,
    };
  });
  if (other.length > MAX_ISSUES)
    issues.push({ path: [], code: 'too_many_issues', message: `more than ${MAX_ISSUES} problems; the first ${MAX_ISSUES} are listed` });
  return jsonFault(issues);
}

/**
 * What a JSON value of a decisions file holds (a line's, or an element of a document `verify`
 * reads): the decision of a score output line `{"line":N,"decision":...}` and its input line, else
 * the value itself.
 */
export function scoreOutputValueOf(value: unknown): ScoreOutputValue {
  const inputLine = scoreLineNumberOf(value);
  const envelope = typeof value === 'object' && value !== null && !Array.isArray(value) && 'decision' in value;
  if (!envelope) return inputLine === undefined ? { candidate: value } : { candidate: value, inputLine };
  const candidate = (value as { decision: unknown }).decision;
  return inputLine === undefined ? { candidate, unnumberedDecision: true } : { candidate, inputLine };
}

function jsonFault(issues: readonly ValidationIssue[]): UnreadDecisionLine {
  const first = issues[0] as ValidationIssue;
  const code = (UNREAD_LINE_CODES as readonly string[]).includes(first.code) ? (first.code as UnreadDecisionLine['code']) : 'invalid_json';
  const more = issues.filter((i) => i.code !== 'too_many_issues').length - 1;
  const named = first.path.length === 0 ? first.message : `${formatPath(first.path)}: ${first.message}`;
  return { code, message: more > 0 ? `${named} (and ${more.toLocaleString('en-US')} more)` : named, issues };
}
