import { typeIssue } from '../errors/argumentIssues.js';
import { readOptions } from '../errors/readOptions.js';
import type { ValidationIssue } from '../errors/validationError.js';

/**
 * The issues of a run's result handed to an HTML report: an object whose `records` and `errors`
 * are counts and whose `summary` passes `summaryIssues` (`madeBy` says what makes one).
 */
export function reportResultIssues(result: unknown, summaryIssues: (v: unknown) => readonly ValidationIssue[], madeBy: string): ValidationIssue[] {
  const notObject = typeIssue(['result'], result, 'object', `the result of ${madeBy}`);
  if (notObject !== undefined) return [notObject];
  const r = result as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const key of ['records', 'errors'] as const) {
    if (!(Number.isSafeInteger(r[key]) && (r[key] as number) >= 0))
      issues.push({ path: ['result', key], code: 'invalid_type', message: `${key} must be a count (a whole number >= 0)`, expected: 'integer' });
  }
  const notSummary = typeIssue(['result', 'summary'], r.summary, 'object', `the summary of ${madeBy}`);
  if (notSummary !== undefined) issues.push(notSummary);
  else issues.push(...summaryIssues(r.summary).map((i) => ({ ...i, path: ['result', 'summary', ...i.path] })));
  return issues;
}

/** Issues of a summary only the engine makes: none for one it made (`isMade`), else one saying where one comes from. */
export function madeSummaryIssues(isMade: (v: unknown) => boolean, madeBy: string): (v: unknown) => ValidationIssue[] {
  return (v) =>
    isMade(v)
      ? []
      : [{ path: [], code: 'invalid_type', message: `summary must be the summary of ${madeBy} (one made elsewhere may lack a figure the report shows)` }];
}

/**
 * A report's `meta` read once into a plain copy (`{}` when left out), which the report then uses,
 * and its issues: an object (or nothing) of the keys given, each text; a getter or Proxy that
 * throws is `unreadable_input` at its key, never thrown raw.
 */
export function readReportMeta<T>(meta: T | undefined, keys: readonly string[]): { readonly value: T; readonly issues: ValidationIssue[] } {
  const { value, issues } = readOptions(meta, keys, ['meta']);
  const m = value ?? {};
  for (const key of keys) {
    const issue = typeIssue(['meta', key], m[key], 'string', 'text', true);
    if (issue !== undefined) issues.push(issue);
  }
  return { value: m as T, issues };
}

/** True for an array of strings. */
export function isStrings(v: unknown): v is readonly string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
