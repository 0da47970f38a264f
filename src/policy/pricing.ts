import { assertPd } from './assertPd.js';
import type { PolicyConfig } from './policyConfig.js';

/** Days in the year the daily rate is quoted on (the product convention: APR / 365). */
export const DAYS_PER_YEAR = 365;

/** A priced APR with its build-up, as quoted to the customer. */
export interface AprQuote {
  /** APR in whole basis points (1 bp = 0.01%). */
  readonly aprBp: number;
  /** APR as a fraction, `aprBp / 10_000`. */
  readonly apr: number;
  /** Daily rate as a fraction, `apr / 365`, unrounded. */
  readonly dailyRate: number;
  /**
   * Daily rate as the product shows it: a percentage with three decimals, rounded UP so the
   * shown rate never understates the cost (24% APR -> `'0.066%'`; 18.25% -> `'0.050%'`).
   */
  readonly dailyRateText: string;
  /** The build-up before rounding and clamping, each as a fraction a year. */
  readonly components: {
    readonly costOfFunds: number;
    readonly expectedLoss: number;
    readonly operatingCost: number;
    readonly margin: number;
    readonly unclamped: number;
  };
  /** Which bound clamped the APR, if any. */
  readonly clampedBy: 'floor' | 'cap' | null;
}

/** Whole basis points of a rate; the inner rounding drops float noise (0.1220000000001) first. */
function toBasisPoints(rate: number): number {
  return Math.round(Math.round(rate * 1e8) / 1e4);
}

/**
 * Risk-based APR: cost of funds + expected loss (PD x LGD) + operating cost + margin, rounded
 * to a whole basis point (half up), then clamped to [aprFloor, aprCap]. Every step is monotone,
 * so the APR never falls as PD rises.
 *
 * @example priceApr(0.02, defaultPolicy).aprBp // 1220 (12.20%)
 * @throws ValidationError when `pd` is not in [0, 1].
 */
export function priceApr(pd: number, policy: PolicyConfig): AprQuote {
  assertPd(pd);
  const { costOfFunds, lgd, operatingCost, margin, aprFloor, aprCap } = policy.pricing;
  const expectedLoss = pd * lgd;
  const unclamped = costOfFunds + expectedLoss + operatingCost + margin;
  const floorBp = toBasisPoints(aprFloor);
  const capBp = toBasisPoints(aprCap);
  const rawBp = toBasisPoints(unclamped);
  const aprBp = Math.min(capBp, Math.max(floorBp, rawBp));
  const clampedBy = rawBp < floorBp ? 'floor' : rawBp > capBp ? 'cap' : null;
  return {
    aprBp,
    apr: aprBp / 10_000,
    dailyRate: aprBp / 10_000 / DAYS_PER_YEAR,
    dailyRateText: dailyRateText(aprBp),
    components: { costOfFunds, expectedLoss, operatingCost, margin, unclamped },
    clampedBy,
  };
}

/**
 * The daily rate of an APR in basis points as the product shows it, in thousandths of a percent,
 * rounded up. Integer arithmetic: `aprBp * 10 / 365` is exact when it divides evenly.
 *
 * @example dailyRateText(1825) // '0.050%'
 */
export function dailyRateText(aprBp: number): string {
  const thousandthsOfPercent = Math.ceil((aprBp * 10) / DAYS_PER_YEAR);
  return `${(thousandthsOfPercent / 1000).toFixed(3)}%`;
}
