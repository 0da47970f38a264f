import type { Applicant } from '../schema/applicant.js';
import type { LimitChange } from '../policy/stepLimit.js';
import type { EngineContext } from './engineContext.js';
import { DEFAULT_MIN_CONFIDENCE } from '../evidence/assessEvidence.js';

/**
 * The text a decision's `audit.inputHash` hashes: the validated applicant, the ledger it was
 * decided with, and the scorer settings that change its output. One function for sealing and for
 * checking an applicant against a decision later (a review of an unexplained approval), so the
 * two cannot drift apart. Plain JSON.stringify is deterministic here: zod writes the applicant's
 * keys in schema order whatever order the caller used.
 */
export function decisionInputJson(ctx: EngineContext, applicant: Applicant, limitHistory: readonly LimitChange[]): string {
  return JSON.stringify({
    applicant,
    limitHistory,
    suggestions: ctx.suggestionCount,
    space: ctx.contributionSpace,
    // The explanation mode is part of the input only when it is not the default, so decisions
    // made by default keep their ids; under when_owed an unexplained decision differs in output.
    ...(ctx.explanations === 'always' ? {} : { explanations: ctx.explanations }),
    // Likewise the evidence floor: another one accepts or rejects other certificates.
    ...(ctx.minConfidence === DEFAULT_MIN_CONFIDENCE ? {} : { minConfidence: ctx.minConfidence }),
  });
}
