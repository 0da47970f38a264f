import type { ValidationIssue } from '../errors/validationError.js';
import type { Applicant } from '../schema/applicant.js';
import { ApplicantIdText } from '../schema/applicantIdText.js';
import { personalHash, type AuditKeys } from './audit.js';
import { checkDecision } from './checkDecision.js';
import type { Decision } from './decision.js';
import { earlierReleaseIssues } from './earlierRelease.js';
import { PriorInvalidError } from './priorInvalidError.js';

/**
 * Parses a prior decision with the Decision output schema and checks its seal (content hash, and
 * signature when the scorer signs), and, when the applicant is given, that it is this applicant's
 * (id and identity hash) and not dated after `asOf`, and that its id is one decide takes today (see
 * {@link sealedIdIssues}). Returns the parsed decision; never the input
 * cast. A decision sealed by the released 0.1.0 is refused with an `earlier_release_decision`
 * issue first, saying why and how to go on (re-decide the customer), before its schema faults.
 *
 * @throws PriorInvalidError naming every check that failed.
 */
export function verifyPrior(input: unknown, keys: AuditKeys, applicant?: Applicant): Decision {
  const checked = checkDecision(input, keys);
  if (!checked.ok) throw notAPriorError(checked.read, checked.faults);
  const { decision: prior } = checked;
  const issues: ValidationIssue[] = checked.problems.map((p) => ({ ...p, path: [...p.path], code: 'prior_invalid' }));
  issues.push(...sealedIdIssues(prior.applicantId));
  if (applicant !== undefined) {
    if (prior.applicantId !== applicant.id) {
      issues.push({
        path: ['applicantId'],
        code: 'prior_invalid',
        message: 'applicantId is not the applicant being reassessed: the prior decision is another applicant\u2019s',
      });
    }
    if (prior.audit.subjectHash !== personalHash(keys, 'subject', applicant.identity.idHash)) {
      issues.push({
        path: ['audit', 'subjectHash'],
        code: 'prior_invalid',
        message: "audit.subjectHash does not match the applicant's identity (another person, or a decision made under another personalDataKey)",
      });
    }
    if (prior.asOf > applicant.asOf)
      issues.push({ path: ['asOf'], code: 'prior_invalid', message: `the prior decision (${prior.asOf}) is dated after the reassessment (${applicant.asOf})` });
  }
  if (issues.length > 0) throw new PriorInvalidError(issues);
  return prior;
}

/**
 * A decision sealed before `id` refused control characters, lone surrogates and invisible-only ids
 * still verifies (its seal is what an audit checks), but no follow-up carries such an id into a new
 * decision: the new line could not be stored (`jsonb`) or told apart from another applicant's. Going on
 * means deciding the customer afresh under a well-formed id, as for a decision of the released 0.1.0.
 */
function sealedIdIssues(applicantId: string): ValidationIssue[] {
  const r = ApplicantIdText.safeParse(applicantId);
  if (r.success) return [];
  return r.error.issues.map((i) => ({
    path: ['applicantId'],
    code: 'prior_invalid',
    message: `applicantId is an id decide now refuses (${i.message.replace(/^id /, '')}), sealed before that rule; a follow-up would seal it again: decide the customer afresh under a well-formed id (the decision itself still verifies)`,
  }));
}

/** Schema faults a refused prior lists: a decision of another shape altogether has hundreds, one per field. */
const LISTED_PRIOR_FAULTS = 50;

/**
 * The refusal of a prior that is not a Decision: led by the issue of a decision sealed by the
 * released 0.1.0 (why, and how to go on), then the first {@link LISTED_PRIOR_FAULTS} schema faults,
 * each said to be one, and how many more there were (a `too_many_issues` issue) when some are left out.
 *
 * @param what how the message opens (see {@link PriorInvalidError})
 */
export function notAPriorError(input: unknown, faults: readonly ValidationIssue[], what?: string): PriorInvalidError {
  const listed = faults.slice(0, LISTED_PRIOR_FAULTS).map((i) => ({ ...i, message: `not a Decision: ${i.message}` }));
  const more = faults.length - listed.length;
  const left: ValidationIssue[] =
    more > 0 ? [{ path: [], code: 'too_many_issues', message: `${more} more schema fault(s); the first ${LISTED_PRIOR_FAULTS} are listed` }] : [];
  return new PriorInvalidError([...earlierReleaseIssues(input), ...listed, ...left], what);
}
