import { everyKeyOf } from '../errors/argumentIssues.js';
import { readOptions } from '../errors/readOptions.js';
import { ValidationError, type ValidationIssue } from '../errors/validationError.js';
import type { ScorerOptionsWithFeatures } from './createScorer.js';
import { signalOptionIssues } from './signalOption.js';
import { callSuggestionCount, suggestionCountIssues } from './suggestionCount.js';

/** The option keys each deciding call reads. */
export const DECIDE_OPTION_KEYS = ['limitHistory', 'signal', 'suggestions'] as const;
export const BATCH_OPTION_KEYS = ['limitHistory', 'limitHistories', 'signal', 'suggestions'] as const;
export const SUGGEST_OPTION_KEYS = ['top', 'limitHistory', 'signal'] as const;
export const REASSESS_OPTION_KEYS = ['signal', 'onFile', 'suggestions'] as const;
/** A reassessment batch's options: no `onFile`, which is one line's (each item's own line), not the batch's. */
export const REASSESS_BATCH_OPTION_KEYS = ['signal', 'suggestions'] as const;
/** The keys of one item of a reassessment batch: `onFile` is its line's, given there as `reassess` takes it. */
export const REASSESS_ITEM_KEYS = ['prior', 'update', 'onFile'] as const;
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
  'verificationKeys',
  'expectedSha256',
  'modelEvaluator',
  'features',
]);

/**
 * Reads a deciding call's options once into a plain copy (see readOptions) and refuses them (decide,
 * decideBatch, reassess, suggest; in process and in the pool): options that are not an object, a
 * key the call does not read, an option whose read throws (a getter, a Proxy), a `signal` that is
 * not an AbortSignal, a `suggestions` count out of range, and what `more` finds in the copy, all in
 * one ValidationError. The call uses the copy it returns, never the caller's object again.
 *
 * @throws ValidationError naming every offending field
 */
export function readCallOptions<T>(
  options: T | undefined,
  known: readonly string[],
  subject: string,
  more: (read: T | undefined) => readonly ValidationIssue[] = () => [],
): T | undefined {
  const { value, issues } = readOptions(options, known);
  const read = value as T | undefined;
  issues.push(
    ...(known.includes('signal') ? signalOptionIssues(read) : []),
    // The call's count of what-if previews, by the rule the scorer's own count is held to.
    ...(known.includes('suggestions') ? suggestionCountIssues(callSuggestionCount(read), 'suggestions') : []),
    ...more(read),
  );
  if (issues.length > 0) throw new ValidationError(subject, issues);
  return read;
}
