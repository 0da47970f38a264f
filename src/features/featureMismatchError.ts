import { CreditliftError } from '../errors/creditliftError.js';

/** One way a model's manifest and the declared features disagree. */
export interface FeatureMismatch {
  /** The feature concerned. */
  readonly feature: string;
  /**
   * `undeclared_feature`: the model reads a feature nobody declared; `kind_mismatch`: numeric
   * against categorical; `unknown_category`: the model codes a category the feature never
   * produces (category codes written as numbers, a renamed level); `missing_categories`: the model
   * reads a categorical column without saying which category each code is; `monotone_mismatch`:
   * the feature is declared monotone but the model claims another direction.
   */
  readonly code: 'undeclared_feature' | 'kind_mismatch' | 'unknown_category' | 'missing_categories' | 'monotone_mismatch';
  readonly message: string;
}

/**
 * The model's manifest and the declared features disagree. Code `model_shape_mismatch`, with
 * every mismatch listed (not just the first), each naming its feature.
 */
export class FeatureMismatchError extends CreditliftError {
  readonly mismatches: readonly FeatureMismatch[];

  constructor(mismatches: readonly FeatureMismatch[]) {
    super(
      'model_shape_mismatch',
      `The model and the declared features disagree:\n${mismatches.map((m) => `  - ${m.feature} (${m.code}): ${m.message}`).join('\n')}`,
    );
    this.name = 'FeatureMismatchError';
    this.mismatches = mismatches;
  }
}
