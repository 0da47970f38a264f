import type { Applicant } from '../schema/applicant.js';
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
  const { units, scale } = decimalShare(haircut);
  // net <= 10^12 and scale - units <= 10^k: beyond 2^53, so in BigInt; floor for non-negative values.
  return Number((BigInt(income.monthlyNet) * (scale - units)) / scale);
}

/**
 * A share in [0, 1] as the exact fraction `units / scale` of the shortest decimal that reads back as
 * the same double (`String` gives it: "0.3", "0.0725", "1e-7").
 */
function decimalShare(share: number): DecimalShare {
  let exact = decimalShares.get(share);
  if (exact === undefined) {
    exact = readDecimalShare(share);
    // A policy has a few haircuts, shared by every decision: read each once, not per decision.
    if (decimalShares.size >= MAX_REMEMBERED_SHARES) decimalShares.clear();
    decimalShares.set(share, exact);
  }
  return exact;
}

interface DecimalShare {
  readonly units: bigint;
  readonly scale: bigint;
}

/** Shares read before the table is dropped (a guard against policies built per call with drawn haircuts). */
const MAX_REMEMBERED_SHARES = 256;
const decimalShares = new Map<number, DecimalShare>();

function readDecimalShare(share: number): DecimalShare {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(share));
  if (m === null) throw new RangeError(`not a share in [0, 1]: ${share}`);
  const fraction = m[2] ?? '';
  const exponent = Number(m[3] ?? 0) - fraction.length;
  const digits = BigInt(`${m[1]}${fraction}`);
  return exponent >= 0 ? { units: digits * 10n ** BigInt(exponent), scale: 1n } : { units: digits, scale: 10n ** BigInt(-exponent) };
}

/** The DSR band an effective monthly income falls in (first band whose `incomeUpTo` is at least it). */
export function dsrBandFor(effectiveMonthlyIncome: number, policy: PolicyConfig): DsrBand {
  const bands = policy.affordability.dsrBands;
  for (const band of bands) if (band.incomeUpTo === null || effectiveMonthlyIncome <= band.incomeUpTo) return band;
  // Unreachable for a validated policy (the last band is unbounded).
  return bands[bands.length - 1] as DsrBand;
}
