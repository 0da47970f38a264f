import { ValidationError, type ValidationIssue } from '../../errors/validationError.js';

/** The refusals of runs that held of nothing, told apart from a bad option refused before any run. */
const vacuousRuns = new WeakSet<ValidationError>();

/** The ValidationError refusing a run of a law that met nothing of what the law is about. */
export function vacuousRunRefusal(issue: ValidationIssue): ValidationError {
  const e = new ValidationError('credit law options', [issue]);
  vacuousRuns.add(e);
  return e;
}

/**
 * Whether `e` refused a run that held of nothing: `assertCreditLaws` runs the other laws on, and
 * names every such law in one refusal, since each is a finding about the subject, not a bad option.
 */
export function isVacuousRunRefusal(e: unknown): e is ValidationError {
  return e instanceof ValidationError && vacuousRuns.has(e);
}
