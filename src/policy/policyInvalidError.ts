import { CreditliftError } from '../errors/creditliftError.js';
import { formatPath, type ValidationError, type ValidationIssue } from '../errors/validationError.js';

/**
 * Thrown when a policy configuration (or an override of one) breaks the schema or a cross-field
 * rule. Code `'policy_invalid'`; `issues` lists every problem with its path, and `cause` is the
 * underlying {@link ValidationError} (subject `'PolicyConfig'`).
 */
export class PolicyInvalidError extends CreditliftError {
  /** Every problem found, each with its path into the policy. */
  readonly issues: readonly ValidationIssue[];

  constructor(validation: ValidationError) {
    super('policy_invalid', validation.message, { cause: validation });
    this.name = 'PolicyInvalidError';
    this.issues = validation.issues;
  }

  /** The distinct field paths at fault, dotted (`pricing.aprCap`). */
  get fields(): string[] {
    return [...new Set(this.issues.map((i) => formatPath(i.path)))];
  }

  override toJSON(): { name: string; code: 'policy_invalid'; message: string; issues: ValidationIssue[] } {
    return { name: this.name, code: 'policy_invalid', message: this.message, issues: [...this.issues] };
  }
}
