import type { Applicant } from '../schema/applicant.js';
import type { DsrBand, PolicyConfig } from './policyConfig.js';

/**
 * Monthly net income after the policy's haircut for its source, in integer fen rounded down.
 * Unverified income counts for less; the haircut is a share in [0, 0.99].
 *
 * @example effectiveIncome({ monthlyNet: 500_000, source: 'self_declared' }, defaultPolicy) // 350_000
 */
export function effectiveIncome(income: Applicant['income'], policy: PolicyConfig): number {
  const haircut = policy.affordability.incomeHaircut[income.source];
  return Math.floor(income.monthlyNet * (1 - haircut));
}

/** The DSR band an effective monthly income falls in (first band whose `incomeUpTo` is at least it). */
export function dsrBandFor(effectiveMonthlyIncome: number, policy: PolicyConfig): DsrBand {
  const bands = policy.affordability.dsrBands;
  for (const band of bands) if (band.incomeUpTo === null || effectiveMonthlyIncome <= band.incomeUpTo) return band;
  // Unreachable for a validated policy (the last band is unbounded).
  return bands[bands.length - 1] as DsrBand;
}
