import { affordabilityCapacity, affordabilityInputOf, checkAffordability } from '../../policy/affordability.js';
import { roundDownToStep } from '../../policy/limit.js';
import { REGULATORY_CAP_PER_BORROWER_FEN, type PolicyConfig } from '../../policy/policyConfig.js';
import type { Applicant } from '../../schema/applicant.js';
import { billedAprBp, type BilledTerms } from './billedAprBp.js';
import { fen, pct } from './lawInputs.js';

/**
 * Why `limit` at the billed `terms` may not be granted to `applicant` under `policy`, or null when it may.
 * Worked out from the applicant and the policy's words, never from the engine's own report, so an
 * engine that reports bounds it did not keep is still caught: the jurisdiction's per-borrower ceiling
 * (200,000 RMB in China) and the lender's own per-borrower cap (both less the borrower's other lines
 * with this lender), the product maximum, the amount
 * requested, the customer's own cap, every affordability check at the offered APR, and the
 * healthy limit (the affordability capacity rounded down to the step).
 */
export function lineBoundBroken(applicant: Applicant, policy: PolicyConfig, limit: number, terms: BilledTerms): string | null {
  const { apr } = terms;
  // The per-borrower caps count this lender's own other lines (the Measures' 授信额度), not balances elsewhere.
  const own = applicant.platform.otherLinesLimit ?? 0;
  const legal = policy.jurisdiction.perBorrowerCreditLineCap;
  const lender = policy.limits.lenderCapPerBorrower;
  const caps: [string, number | null | undefined][] = [
    [`the ${policy.jurisdiction.id} per-borrower cap less other lines with this lender`, legal === null ? null : Math.max(0, legal - own)],
    [
      'the 200,000 RMB per-borrower legal ceiling less other lines with this lender',
      policy.jurisdiction.id === 'cn-consumer-finance-2024' ? Math.max(0, REGULATORY_CAP_PER_BORROWER_FEN - own) : null,
    ],
    ["the lender's own per-borrower cap less other lines with this lender", lender === null ? null : Math.max(0, lender - own)],
    ['the product maximum', policy.limits.productMax],
    ['the amount requested', applicant.controls.requestedLimit],
    ["the customer's own cap", applicant.controls.selfSetCap],
  ];
  for (const [name, cap] of caps) if (cap !== undefined && cap !== null && limit > cap) return `limit ${fen(limit)} is above ${name}, ${fen(cap)}`;
  const input = affordabilityInputOf(applicant, policy);
  const aprBp = billedAprBp(terms);
  const failed = checkAffordability(input, limit, aprBp, policy).checks.filter((c) => !c.pass);
  if (failed.length > 0) {
    return `limit ${fen(limit)} at ${pct(apr)} fails affordability: ${failed.map((c) => `${c.id} (${c.value} ${c.comparison === 'at_least' ? '<' : '>'} ${c.threshold} fen a month)`).join(', ')}`;
  }
  const healthy = roundDownToStep(affordabilityCapacity(input, aprBp, policy).capacity, policy.limits.roundingStep);
  if (limit > healthy) return `limit ${fen(limit)} is above the healthy limit ${fen(healthy)}`;
  return null;
}
