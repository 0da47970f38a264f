import { z } from 'zod';
import type { TextLine } from '../cli/score/splitLines.js';
import { readDecisionFileLine, type UnreadDecisionLine } from './decisionFileLine.js';
import { scoreLineNumberOf } from '../cli/scoreLineNumbers.js';

/**
 * An error line of a `creditlift score` output or errors file, `{"line":n,"error":{"code":...,"message":...}}`
 * (its `line` read apart, by `scoreLineNumberOf`): the one schema `report`, `verify` and
 * `monitor --decisions` tell an error line from other JSON by. `error.code` is what is counted;
 * `error.message`, which score always writes, may be absent, but text when present (`"message":7` is
 * no error line); `error` may carry more (score writes `issues`). Beside `line` and `error` the line
 * holds nothing: score writes nothing else there, and a key beside them would be dropped without a
 * word (to verify, which checks error lines before decisions, a bare decision with an `error` key
 * added would pass as an error line, its seal never checked).
 * Before, verify kept its own, stricter one (message required, `line` required), so one file passed
 * report and was refused by verify.
 */
export const ErrorLine = z.strictObject({
  line: z.unknown().optional(),
  error: z.looseObject({ code: z.string(), message: z.string().optional() }),
});

/** What {@link scoreErrorLineOf} reads from an error line. */
export interface ScoreErrorLine {
  /** The error's `code`, as the rejections are counted by. */
  readonly code: string;
  /** The input line it answers; absent when its `line` is missing or no whole number from 1 (score writes one on every error line). */
  readonly inputLine?: number;
}

/**
 * The error line a line's JSON value is ({@link ErrorLine}), else undefined.
 * @example scoreErrorLineOf({ line: 2, error: { code: 'validation_failed', message: 'Invalid Applicant' } }) // { code: 'validation_failed', inputLine: 2 }
 */
export function scoreErrorLineOf(value: unknown): ScoreErrorLine | undefined {
  const read = ErrorLine.safeParse(value);
  if (!read.success) return undefined;
  const inputLine = scoreLineNumberOf(value);
  return inputLine === undefined ? { code: read.data.error.code } : { code: read.data.error.code, inputLine };
}

/**
 * The `error.code` of a line's JSON value when it is an error line ({@link ErrorLine}), else undefined.
 * @example errorLineCodeOf({ line: 2, error: { code: 'validation_failed', message: 'Invalid Applicant' } }) // 'validation_failed'
 */
export function errorLineCodeOf(value: unknown): string | undefined {
  return scoreErrorLineOf(value)?.code;
}

/** Why a line of a run's `--errors` file is no error line: its text, its JSON, or JSON that is no error line (`data_invalid`). */
export interface NotAnErrorLine {
  readonly code: UnreadDecisionLine['code'] | 'data_invalid';
  readonly message: string;
}

/** One line of a run's `--errors` file, read as far as `report` reads it. */
export type ErrorFileLine =
  | { readonly kind: 'blank' }
  | { readonly kind: 'unread'; readonly fault: NotAnErrorLine }
  | {
      readonly kind: 'error';
      /** The error's `code`, as the rejections are counted by. */
      readonly code: string;
      /** The input line the error line names (`{"line":N,...}`), when it names one. */
      readonly inputLine?: number;
    };

/**
 * Reads one line of a `score` run's `--errors` file with the reader of its output
 * (`readDecisionFileLine`), so a line is named alike in either file: too long to hold whole
 * (`line_too_long`), a byte that is not UTF-8 (`invalid_utf8`: decoded, it read as U+FFFD and was
 * counted as another text), not JSON (`invalid_json`), or JSON that is no error line
 * (`data_invalid`: a decision, say); else blank, or the error line's code and input line.
 */
export function readErrorFileLine(line: TextLine): ErrorFileLine {
  const read = readDecisionFileLine(line);
  if (read.kind !== 'json') return read;
  const errorLine = scoreErrorLineOf(read.value);
  if (errorLine === undefined) return { kind: 'unread', fault: { code: 'data_invalid', message: 'not an error line' } };
  return { kind: 'error', ...errorLine };
}
