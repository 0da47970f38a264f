import { z } from 'zod';
import type { TextLine } from '../cli/score/splitLines.js';
import { readDecisionFileLine, type UnreadDecisionLine } from './decisionFileLine.js';

/**
 * An error line of a `creditlift score` output or errors file, `{"line":n,"error":{"code":...,"message":...}}`
 * (its `line` read apart, by `scoreLineNumberOf`): the one schema `report` and `monitor --decisions`
 * tell an error line from other JSON by. `error.code` is what is counted; `error.message`, which
 * score always writes, may be absent, but text when present (`"message":7` is no error line). Before,
 * monitor kept its own, requiring the message, and report's never looked at it, so the two disagreed.
 */
export const ErrorLine = z.looseObject({ error: z.looseObject({ code: z.string(), message: z.string().optional() }) });

/**
 * The `error.code` of a line's JSON value when it is an error line ({@link ErrorLine}), else undefined.
 * @example errorLineCodeOf({ line: 2, error: { code: 'validation_failed', message: 'Invalid Applicant' } }) // 'validation_failed'
 */
export function errorLineCodeOf(value: unknown): string | undefined {
  const read = ErrorLine.safeParse(value);
  return read.success ? read.data.error.code : undefined;
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
  const code = errorLineCodeOf(read.value);
  if (code === undefined) return { kind: 'unread', fault: { code: 'data_invalid', message: 'not an error line' } };
  return read.inputLine === undefined ? { kind: 'error', code } : { kind: 'error', code, inputLine: read.inputLine };
}
