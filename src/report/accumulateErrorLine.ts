import { z } from 'zod';
import type { ReportAccumulator } from './reportData.js';

/** An error line of a `creditlift score` output or errors file: `{"line":n,"error":{"code":...}}` (the line number is not read). */
export const ErrorLine = z.looseObject({ error: z.looseObject({ code: z.string() }) });

/**
 * Adds one line of a `score` run's `--errors` file to the report: an error line is counted as a
 * rejected record by its code; a blank line is passed over. Anything else (a decision, a line that
 * is not JSON) is no error line, and the caller says so: false.
 */
export function accumulateErrorLine(acc: ReportAccumulator, text: string): boolean {
  if (text.trim() === '') return true;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  const error = ErrorLine.safeParse(value);
  if (!error.success) return false;
  acc.addRejection(error.data.error.code);
  return true;
}
