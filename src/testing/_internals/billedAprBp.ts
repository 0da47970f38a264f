/** What a line is billed at: the disclosed APR and the billed daily rate (a decision's or a policy result's). */
export interface BilledTerms {
  readonly apr: number;
  readonly dailyRate: number;
}

/**
 * The APR in basis points a line is billed at, exactly as the engine's affordability checks take
 * it: from the billed daily rate where the disclosed APR is `dailyRate x 365` (no fee on the line),
 * else the disclosed APR itself.
 *
 * Why not `Math.round(apr * 10_000)`: on a 0.0001%-a-day grid the APR is mostly a fraction of a
 * basis point (0.0458% a day is 1,671.7 bp), and a whole basis point moved a payment by a fen
 * both ways: the laws failed an exactly affordable limit (340,000 fen at residual income 40,000,
 * the threshold) and would have passed one a fen unaffordable.
 */
export function billedAprBp(terms: BilledTerms): number {
  // The daily rate in billionths, as the engine's grid holds it (a decision's `dailyRate` is that over 1e9).
  const dailyNanos = Math.round(terms.dailyRate * 1e9);
  return (dailyNanos * 365) / 1e9 === terms.apr ? (dailyNanos * 365) / 100_000 : terms.apr * 10_000;
}
