import { everyKeyOf, optionKeyIssues } from '../errors/argumentIssues.js';
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
 * Refuses a deciding call's options (decide, decideBatch, reassess, suggest; in process and in the
 * pool): options that are not an object, a key the call does not read, a `signal` that is not an
 * AbortSignal, a `suggestions` count out of range, and `more` issues the caller found, all in one ValidationError.
 *
 * @throws ValidationError naming every offending field
 */
export function checkCallOptions(options: unknown, known: readonly string[], subject: string, more: readonly ValidationIssue[] = []): void {
  if (options === undefined && more.length === 0) return;
  const issues = [
    ...(options === undefined ? [] : optionKeyIssues(options, known)),
    ...(known.includes('signal') ? signalOptionIssues(options) : []),
    // The call's count of what-if previews, by the rule the scorer's own count is held to.
    ...(known.includes('suggestions') ? suggestionCountIssues(callSuggestionCount(options), 'suggestions') : []),
    ...more,
  ];
  if (issues.length > 0) throw new ValidationError(subject, issues);
}
