import { validationIssuesFromZod, type ValidationIssue } from '../errors/validationError.js';
import type { Applicant } from '../schema/applicant.js';
import { checkSeal, personalHash, type AuditKeys, type SealCheck } from './audit.js';
import { Decision } from './decision.js';
import { earlierReleaseIssues } from './earlierRelease.js';
import { PriorInvalidError } from './priorInvalidError.js';

/**
 * Parses a prior decision with the Decision output schema and checks its seal (content hash, and
 * signature when the scorer signs), and, when the applicant is given, that it is this applicant's
 * (id and identity hash) and not dated after `asOf`. Returns the parsed decision; never the input
 * cast. A decision sealed by the released 0.1.0 is refused with an `earlier_release_decision`
 * issue first, saying why and how to go on (re-decide the customer), before its schema faults.
 *
 * @throws PriorInvalidError naming every check that failed.
 */
export function verifyPrior(input: unknown, keys: AuditKeys, applicant?: Applicant): Decision {
  const checked = checkDecision(input, keys);
  if (!checked.ok) throw new PriorInvalidError(checked.issues);
  const { decision: prior } = checked;
  const issues: ValidationIssue[] = checked.problems.map((p) => ({ ...p, path: [...p.path], code: 'prior_invalid' }));
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
 * A value parsed as a Decision with its seal checked (see {@link checkSeal}), or the issues that
 * refuse it as one: a decision sealed by the released 0.1.0 first, then every schema fault.
 */
export function checkDecision(
  input: unknown,
  keys: AuditKeys,
): ({ readonly ok: true; readonly decision: Decision } & SealCheck) | { readonly ok: false; readonly issues: readonly ValidationIssue[] } {
  const parsed = Decision.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: [
        ...earlierReleaseIssues(input),
        ...validationIssuesFromZod(parsed.error)
          .slice(0, 50)
          .map((i) => ({ ...i, message: `not a Decision: ${i.message}` })),
      ],
    };
  }
  return { ok: true, decision: parsed.data, ...checkSeal(parsed.data, keys) };
}
