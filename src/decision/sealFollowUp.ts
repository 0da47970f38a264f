import { ENGINE_VERSION } from '../version.js';
import { buildAudit, sealDecision, type AuditKeys } from './audit.js';
import type { Decision } from './decision.js';
import { originInputHash } from './explainFollowUp.js';

/**
 * Seals a follow-up of `prior` (a customer's reduction, a person's review, a customer's contest) as a
 * new decision. Its terms are the prior's, priced, capped and explained under the prior's model,
 * policy and catalog (and evidence floor), so the audit names those (a later approval of them is checked against that
 * policy); it hashes only its own input, and records the origin's input hash its factors come from
 * (DecisionAudit.originInputHash). The subject is the prior's: a follow-up never sees the
 * applicant, and keeps the identity hash the next reassessment checks. Sealed and signed under `keys`.
 */
export function sealFollowUp(
  prior: Decision,
  rest: Omit<Decision, 'audit'>,
  kind: 'reduction' | 'review' | 'contest',
  inputJson: string,
  keys: AuditKeys,
): Decision {
  const origin = originInputHash(prior);
  const audit = buildAudit(
    {
      applicantId: prior.applicantId,
      // The follow-up's own date (the day of a review, a contest or a reduction; by default its prior's).
      asOf: rest.asOf,
      modelId: prior.audit.modelId,
      modelSha256: prior.audit.modelSha256,
      policyHash: prior.audit.policyHash,
      catalogHash: prior.audit.catalogHash,
      ...(prior.audit.minConfidence === undefined ? {} : { minConfidence: prior.audit.minConfidence }),
      engineVersion: ENGINE_VERSION,
      kind,
      priorDecisionId: prior.audit.decisionId,
      ...(origin === undefined ? {} : { originInputHash: origin }),
      inputJson,
      subject: '',
    },
    keys,
  );
  return sealDecision({ ...rest, audit: { ...audit, subjectHash: prior.audit.subjectHash } }, keys);
}
