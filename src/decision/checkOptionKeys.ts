import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import type { ScorerOptionsWithFeatures } from './createScorer.js';
import { signalOptionIssues } from './signalOption.js';

/**
 * The option keys a call reads, checked at compile time to name every option its type declares, so
 * a new option is never refused as unknown at run time: `everyKeyOf<MyOptions>()(['a', 'b'])`. A
 * missing key is a type error naming it (`missing`).
 */
export function everyKeyOf<T>() {
  return <const K extends readonly (keyof T)[]>(
    keys: K & ([Exclude<keyof T, K[number]>] extends [never] ? unknown : { readonly missing: Exclude<keyof T, K[number]> }),
  ): K => keys;
}

/** The option keys each deciding call reads. */
export const DECIDE_OPTION_KEYS = ['limitHistory', 'signal'] as const;
export const BATCH_OPTION_KEYS = ['limitHistory', 'limitHistories', 'signal'] as const;
export const SUGGEST_OPTION_KEYS = ['top', 'limitHistory', 'signal'] as const;
export const REASSESS_OPTION_KEYS = ['signal'] as const;
export const REASSESS_UPDATE_KEYS = ['applicant', 'evidence', 'asOf'] as const;

/** The options `createScorer` reads (the pool's `scorer` options are these less `features`). */
export const SCORER_OPTION_KEYS = everyKeyOf<ScorerOptionsWithFeatures>()([
  'model',
  'policy',
  'policyOverrides',
  'catalog',
  'minConfidence',
  'contributionSpace',
  'explanations',
  'suggestionsPerDecision',
  'challengers',
  'challengerMode',
  'assignmentKey',
  'signingKey',
  'personalDataKey',
  'expectedSha256',
  'modelEvaluator',
  'features',
]);

/**
 * Refuses options that are not an object, or that carry a key the call does not read. A misspelled
 * `limitHistroy` used to be ignored, so the customer's raises were not counted and the step limits'
 * window let the line rise again; the types catch it in TypeScript, this catches it at run time.
 *
 * @throws ValidationError naming every unknown key (`unrecognized_key`)
 */
export function checkOptionKeys(options: unknown, known: readonly string[], subject: string): void {
  if (options === undefined) return;
  const issues = optionKeyIssues(options, known);
  if (issues.length > 0) throw new ValidationError(subject, issues);
}

/**
 * Refuses a deciding call's options (decide, decideBatch, reassess, suggest; in process and in the
 * pool): options that are not an object, a key the call does not read, a `signal` that is not an
 * AbortSignal, and `more` issues the caller found, all in one ValidationError.
 *
 * @throws ValidationError naming every offending field
 */
export function checkCallOptions(options: unknown, known: readonly string[], subject: string, more: readonly ValidationIssue[] = []): void {
  if (options === undefined && more.length === 0) return;
  const issues = [...(options === undefined ? [] : optionKeyIssues(options, known)), ...(known.includes('signal') ? signalOptionIssues(options) : []), ...more];
  if (issues.length > 0) throw new ValidationError(subject, issues);
}

/**
 * The issues {@link checkOptionKeys} throws, for a caller that gathers them with its own (each
 * path under `at`); `hint` may say where an unknown key belongs.
 */
export function optionKeyIssues(
  options: unknown,
  known: readonly string[],
  at: readonly (string | number)[] = [],
  hint: (key: string) => string | undefined = () => undefined,
): ValidationIssue[] {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return [{ path: [...at], code: 'invalid_type', message: 'expected an object of options', expected: 'object' }];
  }
  return Object.keys(options)
    .filter((k) => !known.includes(k))
    .map((k) => ({ path: [...at, k], code: 'unrecognized_key' as const, message: hint(k) ?? `unknown option "${k}" (known: ${known.join(', ')})` }));
}
