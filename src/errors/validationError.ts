import type { z } from 'zod';
import { CreditliftError } from './creditliftError.js';

/** One problem with one field of an input. Plain data with a stable `code`. */
export interface ValidationIssue {
  /** Path to the offending field, e.g. `['evidence', 2, 'issueDate']`. Empty for the whole value. */
  readonly path: readonly (string | number)[];
  /** Stable issue code (zod's codes, plus creditlift's own such as `protected_characteristic`). */
  readonly code: string;
  /** Human-readable explanation. */
  readonly message: string;
  /** What was expected, where known. */
  readonly expected?: string;
  /** What was received, where known (a type name, never the raw value, to keep PII out of logs). */
  readonly received?: string;
}

/**
 * Thrown (or returned, in batch work) when an input fails validation. It lists **every**
 * problem at once, each with its path, so a caller can fix a record in one round trip.
 */
export class ValidationError extends CreditliftError {
  /** Every problem found, in path order. */
  readonly issues: readonly ValidationIssue[];
  /** What was being validated, e.g. `'Applicant'`. */
  readonly subject: string;

  constructor(subject: string, issues: readonly ValidationIssue[]) {
    const fields = [...new Set(issues.map((i) => formatPath(i.path)))];
    super('validation_failed', `Invalid ${subject}: ${issues.length} problem(s) at ${fields.join(', ')}`);
    this.name = 'ValidationError';
    this.subject = subject;
    this.issues = issues;
  }

  /** The distinct field paths at fault, dotted (`evidence.2.issueDate`). */
  get fields(): string[] {
    return [...new Set(this.issues.map((i) => formatPath(i.path)))];
  }

  override toJSON(): { name: string; code: 'validation_failed'; message: string; subject: string; issues: ValidationIssue[] } {
    return { name: this.name, code: 'validation_failed', message: this.message, subject: this.subject, issues: [...this.issues] };
  }

  /** Builds a ValidationError from a zod error, keeping every issue. */
  static fromZod(subject: string, error: z.ZodError): ValidationError {
    return new ValidationError(subject, error.issues.flatMap(issuesFromZod));
  }
}

/** Dotted path for messages; `(root)` for the whole value. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/**
 * Keys that name a protected characteristic. They are never model inputs, and a caller who sends
 * one is told so explicitly rather than with a generic "unknown key".
 */
const PROTECTED_KEYS = new Set([
  'gender', 'sex', 'ethnicity', 'ethnic', 'race', 'nationality', 'religion', 'faith', 'maritalstatus',
  'marital', 'pregnancy', 'disability', 'sexualorientation', 'politicalaffiliation', 'hukou',
]);

/** True when a key names a protected characteristic (case- and separator-insensitive). */
export function isProtectedKey(key: string): boolean {
  return PROTECTED_KEYS.has(key.toLowerCase().replace(/[^a-z]/g, ''));
}

function issuesFromZod(issue: z.core.$ZodIssue): ValidationIssue[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    // One issue per unknown key, so "every offending field" is literal.
    return issue.keys.map((key) =>
      isProtectedKey(key)
        ? { path: [...path, key], code: 'protected_characteristic', message: `"${key}" is a protected characteristic and is never accepted as an input` }
        : { path: [...path, key], code: 'unrecognized_key', message: `Unknown field "${key}"` },
    );
  }
  const out: { -readonly [K in keyof ValidationIssue]: ValidationIssue[K] } = { path, code: issue.code, message: issue.message };
  if ('expected' in issue && issue.expected !== undefined) out.expected = String(issue.expected);
  if ('input' in issue) out.received = issue.input === null ? 'null' : Array.isArray(issue.input) ? 'array' : typeof issue.input;
  return [out];
}
