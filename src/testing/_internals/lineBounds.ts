import { affordabilityCapacity, affordabilityInputOf, checkAffordability } from '../../policy/affordability.js';
import { roundDownToStep } from '../../policy/limit.js';
import { REGULATORY_CAP_PER_BORROWER_FEN, type PolicyConfig } from '../../policy/policyConfig.js';
import type { Applicant } from '../../schema/applicant.js';
import { fen, pct } from './lawInputs.js';

/**
 * Why `limit` at `apr` may not be granted to `applicant` under `policy`, or null when it may.
 * Worked out from the applicant and the policy's words, never from the engine's own report, so an
 * engine that reports bounds it did not keep is still caught: the 200,000 RMB legal ceiling and the
 * policy's per-borrower cap (both less other consumer credit), the product maximum, the amount
 * requested, the customer's own cap, every affordability check at the offered APR, and the
 * healthy limit (the affordability capacity rounded down to the step).
 */
export function lineBoundBroken(applicant: Applicant, policy: PolicyConfig, limit: number, apr: number): string | null {
  const other = applicant.bureau.otherConsumerCreditBalance;
  const caps: [string, number | undefined][] = [
    ['the 200,000 RMB per-borrower legal ceiling less other consumer credit', Math.max(0, REGULATORY_CAP_PER_BORROWER_FEN - other)],
    ["the policy's per-borrower cap less other consumer credit", Math.max(0, policy.limits.regulatoryCapPerBorrower - other)],
    ['the product maximum', policy.limits.productMax],
    ['the amount requested', applicant.controls.requestedLimit],
    ["the customer's own cap", applicant.controls.selfSetCap],
  ];
  for (const [name, cap] of caps) if (cap !== undefined && limit > cap) return `limit ${fen(limit)} is above ${name}, ${fen(cap)}`;
  const input = affordabilityInputOf(applicant, policy);
  const aprBp = Math.round(apr * 10_000);
  const failed = checkAffordability(input, limit, aprBp, policy).checks.filter((c) => !c.pass);
  if (failed.length > 0) {
    return `limit ${fen(limit)} at ${pct(apr)} fails affordability: ${failed.map((c) => `${c.id} (${c.value} ${c.comparison === 'at_least' ? '<' : '>'} ${c.threshold} fen a month)`).join(', ')}`;
  }
  const healthy = roundDownToStep(affordabilityCapacity(input, aprBp, policy).capacity, policy.limits.roundingStep);
  if (limit > healthy) return `limit ${fen(limit)} is above the healthy limit ${fen(healthy)}`;
  return null;
}
