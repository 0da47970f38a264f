import type { z } from 'zod';
import { CreditliftError, type CreditliftErrorCode, type CreditliftErrorData } from './creditliftError.js';
import { addBrand, BRAND_NAME } from './errorBrand.js';
import { protectedCharacteristicOf } from '../text/protectedCharacteristic.js';
import { truncateForMessage } from './truncateForMessage.js';
import type { ValidationIssueCode } from './validationIssueCode.js';

/** One problem with one field of an input. Plain data with a stable `code`. */
export interface ValidationIssue {
  /** Path to the offending field, e.g. `['evidence', 2, 'issueDate']`. Empty for the whole value. */
  readonly path: readonly (string | number)[];
  /** Stable issue code (zod's codes, plus creditlift's own such as `protected_characteristic`). */
  readonly code: ValidationIssueCode;
  /** Human-readable explanation. */
  readonly message: string;
  /** What was expected, where known. */
  readonly expected?: string;
  /** What was received, where known (a type name, never the raw value, to keep PII out of logs). */
  readonly received?: string;
}

/** The codes of errors that list issues: bad input, a bad policy, a bad catalog, bad tabular data. */
export type ValidationErrorCode = Extract<CreditliftErrorCode, 'validation_failed' | 'policy_invalid' | 'catalog_invalid' | 'data_invalid'>;

/** A {@link ValidationError} as plain data (its `toJSON()`). */
export interface ValidationErrorData extends CreditliftErrorData {
  readonly code: ValidationErrorCode;
  readonly subject: string;
  readonly issues: readonly ValidationIssue[];
}

/** Most issues one error keeps; the rest are counted in one closing `too_many_issues` issue. */
export const MAX_ISSUES = 1000;
/** Most field paths one error message names; the rest are counted ("and N more"). */
export const MAX_FIELDS_IN_MESSAGE = 10;

/**
 * Thrown (or returned, in batch work) when an input fails validation. It lists **every**
 * problem at once, each with its path, so a caller can fix a record in one round trip; past
 * {@link MAX_ISSUES} the rest are counted in a closing `too_many_issues` issue rather than listed.
 * Keys and values echoed into paths and messages are cut at 64 characters.
 *
 * The same class carries `policy_invalid` (a bad policy, see `PolicyInvalidError`), `catalog_invalid`
 * and `data_invalid` errors when those list issues: one shape for every error with issues.
 */
export class ValidationError extends CreditliftError {
  /** The brand this class's instances carry (`instanceof` across package copies). */
  static override readonly [BRAND_NAME]: string = 'ValidationError';

  declare readonly code: ValidationErrorCode;
  /** Every problem found, in path order. */
  readonly issues: readonly ValidationIssue[];
  /** What was being validated, e.g. `'Applicant'`. */
  readonly subject: string;

  constructor(subject: string, issues: readonly ValidationIssue[], code: ValidationErrorCode = 'validation_failed') {
    const kept = capIssues(issues);
    super(code, `Invalid ${truncateForMessage(subject)}: ${issues.length} problem(s) at ${describeFields(kept)}`);
    this.name = 'ValidationError';
    this.subject = subject;
    this.issues = kept;
    addBrand(this, 'ValidationError');
  }

  /** The distinct field paths at fault, dotted (`evidence.2.issueDate`). */
  get fields(): string[] {
    return [...new Set(this.issues.filter((i) => i.code !== 'too_many_issues').map((i) => pathText(i.path)))];
  }

  override toJSON(): ValidationErrorData {
    return { name: this.name, code: this.code, message: this.message, subject: this.subject, issues: [...this.issues] };
  }

  /** Builds a ValidationError from a zod error, keeping every issue. */
  static fromZod(subject: string, error: z.ZodError, code: ValidationErrorCode = 'validation_failed'): ValidationError {
    return new ValidationError(subject, validationIssuesFromZod(error), code);
  }
}

/** Every issue of a zod error as {@link ValidationIssue}s (one per unknown key), uncapped, to merge with others. */
export function validationIssuesFromZod(error: z.ZodError): ValidationIssue[] {
  return tightestUpperBounds(error.issues).flatMap(issuesFromZod);
}

/**
 * One number past several upper bounds of its field (`.int()`'s 2^53, a Count's 1,000,000, the
 * field's own 600) is one fault: it is said once, by the tightest bound, the one the field means.
 * Told every bound, a month count of 1e300 read "expected int to be <=9007199254740991" first.
 */
function tightestUpperBounds(issues: readonly z.core.$ZodIssue[]): readonly z.core.$ZodIssue[] {
  const tightest = new Map<string, number>();
  const keyOf = (i: z.core.$ZodIssue) => JSON.stringify(i.path);
  const bound = (i: z.core.$ZodIssue) =>
    i.code === 'too_big' && (i.origin === 'number' || i.origin === 'int') && typeof i.maximum === 'number' ? i.maximum : undefined;
  for (const i of issues) {
    const max = bound(i);
    if (max === undefined) continue;
    const key = keyOf(i);
    const seen = tightest.get(key);
    if (seen === undefined || max < seen) tightest.set(key, max);
  }
  if (tightest.size === 0) return issues;
  const kept = new Set<string>();
  return issues.filter((i) => {
    const max = bound(i);
    if (max === undefined) return true;
    const key = keyOf(i);
    // The first issue at the tightest bound stays; a repeat of it (two checks of one bound) goes too.
    if (max !== tightest.get(key) || kept.has(key)) return false;
    kept.add(key);
    return true;
  });
}

function capIssues(issues: readonly ValidationIssue[]): readonly ValidationIssue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const more = issues.length - MAX_ISSUES;
  return [...issues.slice(0, MAX_ISSUES), { path: [], code: 'too_many_issues', message: `and ${more} more issue(s) not listed` }];
}

function describeFields(issues: readonly ValidationIssue[]): string {
  const fields = [...new Set(issues.filter((i) => i.code !== 'too_many_issues').map((i) => pathText(i.path)))];
  const shown = fields.slice(0, MAX_FIELDS_IN_MESSAGE).join(', ');
  return fields.length > MAX_FIELDS_IN_MESSAGE ? `${shown} and ${fields.length - MAX_FIELDS_IN_MESSAGE} more` : shown;
}

/** Dotted path for messages; `(root)` for the whole value. */
export function formatPath(path: readonly (string | number)[]): string {
  // Checked here rather than with errors/argumentIssues, which imports this module.
  if (!Array.isArray(path) || !path.every((p) => typeof p === 'string' || typeof p === 'number')) {
    throw new ValidationError('formatPath', [
      {
        path: ['path'],
        code: 'invalid_type',
        message: 'path must be an array of keys (strings) and indices (numbers)',
        expected: 'array',
        received: typeNameOf(path),
      },
    ]);
  }
  return pathText(path);
}

/** {@link formatPath} unchecked, for the paths of issues this module builds. */
function pathText(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(root)' : path.map((p) => truncateForMessage(String(p))).join('.');
}

/**
 * True when a key names a protected characteristic: `gender`, `Marital_Status`, `isFemale`,
 * `blood_group`, `民族`... They are never model inputs, and a caller who sends one is told so
 * explicitly rather than with a generic "unknown key". The one matcher the trainer, lender feature
 * sets and model imports use (protectedCharacteristic.ts), so an input is refused as protected
 * under every name a feature would be.
 */
export function isProtectedKey(key: string): boolean {
  if (typeof key !== 'string') {
    throw new ValidationError('isProtectedKey', [
      { path: ['key'], code: 'invalid_type', message: 'key must be a string', expected: 'string', received: typeNameOf(key) },
    ]);
  }
  return protectedCharacteristicOf(key) !== null;
}

/** A type name for `received` (as errors/argumentIssues' typeNameOf, which imports this module). */
function typeNameOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** How much of an unknown key is read for a protected characteristic's name. */
const MAX_KEY_READ_AS_NAME = 1024;

function issuesFromZod(issue: z.core.$ZodIssue): ValidationIssue[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    // One issue per unknown key, so "every offending field" is literal.
    // The key is caller text of any length: cut where echoed, in the path as in the message.
    return issue.keys.map((key) => {
      const shown = truncateForMessage(key);
      // Read as a name up to its first 1,024 characters: no field name is longer, and a hostile
      // megabyte key is refused in milliseconds (it took a second, most of it reading it as words).
      return isProtectedKey(key.length <= MAX_KEY_READ_AS_NAME ? key : key.slice(0, MAX_KEY_READ_AS_NAME))
        ? { path: [...path, shown], code: 'protected_characteristic', message: `"${shown}" is a protected characteristic and is never accepted as an input` }
        : { path: [...path, shown], code: 'unrecognized_key', message: `Unknown field "${shown}"` };
    });
  }
  // A creditlift rule written as a zod refinement carries its stable code in params.
  const own = issue.code === 'custom' ? (issue.params as { creditliftCode?: ValidationIssueCode } | undefined)?.creditliftCode : undefined;
  const out: { -readonly [K in keyof ValidationIssue]: ValidationIssue[K] } = {
    path,
    code: own ?? issue.code,
    message: truncateForMessage(issue.message, 256),
  };
  if ('expected' in issue && issue.expected !== undefined) out.expected = String(issue.expected);
  if ('input' in issue) out.received = issue.input === null ? 'null' : Array.isArray(issue.input) ? 'array' : typeof issue.input;
  return [out];
}
