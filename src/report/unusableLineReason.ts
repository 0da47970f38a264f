import type { z } from 'zod';
import { formatPath } from '../errors/validationError.js';
import { truncateForMessage } from '../errors/truncateForMessage.js';
import { escapeLoneSurrogates } from '../text/loneSurrogates.js';
import { ErrorLine } from './errorFileLine.js';

/**
 * Why a line's JSON value, read whole, is neither a decision its reader takes nor an error line:
 * what it claims to be and its first fault, the field named. `decisionIssues` are the reader's own
 * decision schema's issues for the value's candidate (report and monitor each read a decision by
 * their own schema). Before, `report` and `monitor --decisions` said "neither a decision nor an
 * error line" of every such line: of `{"line":9,"decision":{"outcome":"approve"}}` (a decision line
 * lacking its asOf), of an error line with a numeric code, and of `[1]` alike, so a person could not
 * tell a cut decision from the wrong file.
 */
export function unusableLineReason(value: unknown, decisionIssues: readonly z.core.$ZodIssue[]): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `a JSON ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}, not a decision line ({"line":N,"decision":...}), an error line ({"line":N,"error":...}) or a Decision`;
  if ('decision' in value) return `a decision line whose decision is no Decision as creditlift writes one: ${firstIssue(decisionIssues, ['decision'])}`;
  if ('error' in value) {
    const read = ErrorLine.safeParse(value);
    return `an error line not as score writes it ({"line":N,"error":{"code":"...","message":"..."}}): ${read.success ? 'unread' : firstIssue(read.error.issues, [])}`;
  }
  return `neither a score output line ({"line":N,"decision":...} or {"line":N,"error":...}) nor a Decision: ${firstIssue(decisionIssues, [])}`;
}

/** The first issue, its field named under `under`, and how many more there are. */
function firstIssue(issues: readonly z.core.$ZodIssue[], under: readonly string[]): string {
  const first = issues[0];
  if (first === undefined) return 'no field named';
  const path = [...under, ...first.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')];
  // A key of the line's own (an unrecognized one) may be long, or hold a lone surrogate.
  const said = truncateForMessage(escapeLoneSurrogates(first.message));
  const named = path.length === 0 ? said : `${formatPath(path)}: ${said}`;
  return issues.length > 1 ? `${named} (and ${(issues.length - 1).toLocaleString('en-US')} more)` : named;
}
