import { ValidationError, type ValidationIssue } from '../errors/validationError.js';

/**
 * What is said, first, of a decision sealed by the released 0.1.0: why it is refused and the one
 * path on. Its `audit.engineVersion` reads "0.1.0" as today's does, so the shape tells it apart.
 */
export const EARLIER_RELEASE_MESSAGE =
  'sealed by an earlier release of creditlift (0.1.0: no lineAction, no audit.contentHash), whose decisions this one cannot take as priors or read; ' +
  're-decide the customer with decide(applicant, { limitHistory: decision.limitHistory }), keeping the stored cap in controls.selfSetCap and the line in platform.currentLimit: ' +
  'the line is underwritten again under today\u2019s model and policy, so it may come back lower or closed (lineAction lower/close), not held as reassess would; ' +
  'see README "Upgrading from 0.1.0"';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * True for a decision in the shape the released 0.1.0 wrote: an `audit` naming its decision, model
 * and engine, without the `contentHash` every later decision is sealed with, and no `lineAction`.
 * Only read when a decision was already refused, to say why first.
 */
export function isEarlierReleaseDecision(value: unknown): boolean {
  if (!isRecord(value) || !isRecord(value.audit)) return false;
  const audit = value.audit;
  return (
    typeof audit.decisionId === 'string' &&
    typeof audit.engineVersion === 'string' &&
    typeof audit.modelSha256 === 'string' &&
    !('contentHash' in audit) &&
    !('hashing' in audit) &&
    !('lineAction' in value)
  );
}

/** The issue that leads a refusal of a 0.1.0 decision (code `earlier_release_decision`, the whole value), or none. */
export function earlierReleaseIssues(value: unknown): ValidationIssue[] {
  return isEarlierReleaseDecision(value) ? [{ path: [], code: 'earlier_release_decision', message: EARLIER_RELEASE_MESSAGE }] : [];
}

/**
 * The error of a public function handed something that is not a decision it can read: every fault
 * `issues` names, led by the earlier-release issue for a 0.1.0 decision, whose words then open the
 * message too (a field list alone would not say why).
 */
export function notADecisionError(input: unknown, issues: readonly ValidationIssue[]): ValidationError {
  const earlier = earlierReleaseIssues(input);
  const all = [...earlier, ...issues];
  const error = new ValidationError('Decision', all.length > 0 ? all : [{ path: [], code: 'invalid_type', message: 'not a Decision', expected: 'object' }]);
  if (earlier.length > 0) error.message = `Invalid Decision: ${EARLIER_RELEASE_MESSAGE}. ${error.message}`;
  return error;
}
