import { CreditliftError } from '../errors/creditliftError.js';
import { addBrand, BRAND_NAME } from '../errors/errorBrand.js';
import { formatPath, type ValidationIssue } from '../errors/validationError.js';

/**
 * Thrown by `recordReview` when a person's terms break a bound of the decision reviewed, listing
 * **every** bound broken, each as an issue at the review field at fault: `limit` above a cap or the
 * healthy limit (`too_big`), off the rounding step (`not_multiple_of`), an approval below the
 * product minimum (`too_small`), a raise past the step limits (`too_big`), a decline with a limit
 * (`invalid_value`); `outcome` an approval or referral under another policy (`policy_mismatch`) or
 * of a refusal no person may override (`not_overridable`). Also thrown by `recordReview` and
 * `recordContest` when the scorer cannot compute the factors the decision's reasons need (its
 * model or catalog is not the decision's: `model_mismatch` at `audit.modelSha256`,
 * `catalog_mismatch` at `audit.catalogHash`). The message opens with the first issue's words.
 *
 * @example
 * try { scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 1_234 }); }
 * catch (e) { if (e instanceof ReviewInvalidError) e.issues.map((i) => i.code); } // ['not_multiple_of', 'too_small']
 */
export class ReviewInvalidError extends CreditliftError {
  /** The brand this class's instances carry (`instanceof` across package copies). */
  static override readonly [BRAND_NAME]: string = 'ReviewInvalidError';

  /** Always `review_invalid`: narrows where a ReviewInvalidError is known. */
  declare readonly code: 'review_invalid';
  /** Every bound broken, each with the path of the field at fault. */
  readonly issues: readonly ValidationIssue[];

  /** @param issues every bound broken, in the order the review checks them (at least one) */
  constructor(issues: readonly ValidationIssue[]) {
    super('review_invalid', issues.length === 0 ? 'the review breaks a bound of the decision' : issues.map((i) => i.message).join('; '));
    this.name = 'ReviewInvalidError';
    this.issues = issues;
    addBrand(this, 'ReviewInvalidError');
  }

  /** The distinct field paths at fault, dotted (`limit`, `outcome`). */
  get fields(): string[] {
    return [...new Set(this.issues.map((i) => formatPath(i.path)))];
  }

  override toJSON(): { name: string; code: 'review_invalid'; message: string; issues: ValidationIssue[] } {
    return { name: this.name, code: 'review_invalid', message: this.message, issues: [...this.issues] };
  }
}
