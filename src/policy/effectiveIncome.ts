import type { Applicant } from '../schema/applicant.js';
import { exactDecimal } from './exactDecimal.js';
import type { DsrBand, PolicyConfig } from './policyConfig.js';

/**
 * Monthly net income after the policy's haircut for its source, in integer fen rounded down.
 * Unverified income counts for less; the haircut is a share in [0, 0.99].
 *
 * Exact: the haircut is read as the decimal the lender wrote (0.3, the shortest decimal that reads
 * back as the same double), and `net x (1 - haircut)` is worked out in integers, so only a true
 * fraction of a fen is dropped (rounded down: the lender counts no income that is not there). In
 * floating point `165_000 x (1 - 0.3)` is 115,499.99999999999 and dropped a whole fen, against the
 * applicant, at an income minimum of exactly 1,155 RMB a decline.
 *
 * @example effectiveIncome({ monthlyNet: 500_000, source: 'self_declared' }, defaultPolicy) // 350_000
 * effectiveIncome({ monthlyNet: 165_000, source: 'self_declared' }, defaultPolicy) // 115_500
 */
export function effectiveIncome(income: Applicant['income'], policy: PolicyConfig): number {
  const haircut = policy.affordability.incomeHaircut[income.source];
  if (haircut === 0) return income.monthlyNet;
  const { units, scale } = exactDecimal(haircut);
  // net <= 10^12 and scale - units <= 10^k: beyond 2^53, so in BigInt; floor for non-negative values.
  return Number((BigInt(income.monthlyNet) * (scale - units)) / scale);
}

/** The DSR band an effective monthly income falls in (first band whose `incomeUpTo` is at least it). */
export function dsrBandFor(effectiveMonthlyIncome: number, policy: PolicyConfig): DsrBand {
  const bands = policy.affordability.dsrBands;
  for (const band of bands) if (band.incomeUpTo === null || effectiveMonthlyIncome <= band.incomeUpTo) return band;
  // Unreachable for a validated policy (the last band is unbounded).
  return bands[bands.length - 1] as DsrBand;
}
