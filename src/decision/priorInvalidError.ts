import { CreditliftError } from '../errors/creditliftError.js';
import { formatPath, type ValidationIssue } from '../errors/validationError.js';

/**
 * Thrown by `reassess`, `requestReduction`, `recordReview` and `recordContest` when the prior
 * decision they are given cannot be trusted (and returned by `verifyDecision` for a decision that
 * does not verify): not a Decision by the output schema, another applicant's, dated after the
 * reassessment, changed after it was made (content hash), or not signed by this scorer's key; or
 * (`prior_superseded`) not the line's latest decision by what the lender has on file (`onFile`).
 * Lists every problem, each with its path.
 */
export class PriorInvalidError extends CreditliftError {
  /** Always `prior_invalid`: narrows where a PriorInvalidError is known. */
  declare readonly code: 'prior_invalid';
  /** Every problem found, each with the path of the field at fault. */
  readonly issues: readonly ValidationIssue[];

  /**
   * @param issues every problem found, each at its path
   * @param what how the message opens: `Prior decision refused` (a follow-up's prior), or what
   *   `verifyDecision` says of a decision it checked
   */
  constructor(issues: readonly ValidationIssue[], what = 'Prior decision refused') {
    const shown = issues.slice(0, 5).map((i) => `${formatPath(i.path)}: ${i.message}`);
    const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : '';
    super('prior_invalid', `${what} (prior_invalid): ${shown.join('; ')}${more}`);
    this.name = 'PriorInvalidError';
    this.issues = issues;
  }

  /** The distinct field paths at fault, dotted. */
  get fields(): string[] {
    return [...new Set(this.issues.map((i) => formatPath(i.path)))];
  }

  override toJSON(): { name: string; code: 'prior_invalid'; message: string; issues: ValidationIssue[] } {
    return { name: this.name, code: 'prior_invalid', message: this.message, issues: [...this.issues] };
  }
}
