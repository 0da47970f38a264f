import { z } from 'zod';
import { ValidationError, type ValidationIssue, type ValidationIssueCode } from '../errors/index.js';
import { IsoDate } from '../schema/primitives.js';

// One seam between zod and the project's ValidationError, so every health entry point reports
// every problem at once, with its full path, under the project's stable codes.

/**
 * Issue params a refinement sets to give its issue a stable creditlift code (e.g. `duplicate_id`)
 * instead of zod's generic `custom`.
 */
export function issueCode(code: ValidationIssueCode): { params: { creditliftCode: ValidationIssueCode } } {
  return { params: { creditliftCode: code } };
}

/**
 * True when `day` is a real calendar date. A refinement that compares with `asOf` checks this first:
 * `asOf` has its own issue when it is not, and a month compared with a date that does not exist
 * (2024-02-30) would only add a made-up one.
 */
export function isDay(day: unknown): day is string {
  return IsoDate.safeParse(day).success;
}

function toIssues(issue: z.core.$ZodIssue): ValidationIssue[] {
  const own = issue.code === 'custom' ? (issue.params as { creditliftCode?: ValidationIssueCode } | undefined)?.creditliftCode : undefined;
  if (own !== undefined) {
    return [{ path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), code: own, message: issue.message }];
  }
  return [...ValidationError.fromZod('', new z.ZodError([issue])).issues];
}

function comparePaths(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

/** Parses `input` with `schema`, or throws a ValidationError for `subject` listing every issue in path order. */
export function parseWith<S extends z.ZodType>(schema: S, subject: string, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap(toIssues);
  // Stable sort keeps zod's order for issues on the same field.
  issues.sort((a, b) => comparePaths(a.path, b.path));
  throw new ValidationError(subject, issues);
}
