import { refuseArguments, typeIssue } from '../errors/argumentIssues.js';
import { ValidationError } from '../errors/validationError.js';
import { assertPd } from './assertPd.js';
import { dailyRateGrid, dailyRateTextOf, NANOS, toNanos, type DailyRateGrid } from './dailyRateGrid.js';
import { DAYS_PER_YEAR, revolvingCost } from './planCosts.js';
import { aprCapInForce, type PolicyConfig } from './policyConfig.js';

export { DAYS_PER_YEAR } from './planCosts.js';

/**
 * A priced revolving line, as billed and as disclosed. The daily rate is the billing authority:
 * it sits on the product's grid, and everything disclosed is derived from it, so the shown rate,
 * the bill and the APR always agree.
 */
export interface AprQuote {
  /** The disclosed APR in basis points, `apr x 10,000` (fractional: the daily grid is finer than 1 bp). */
  readonly aprBp: number;
  /**
   * The disclosed APR: the comprehensive annualised cost of the revolving line with every fee
   * (see `comprehensiveCost`), measured on a drawdown repaid at the first monthly bill (the
   * shortest repayment billed, the dearest for a one-off fee); exactly `interestApr` when the
   * policy charges no fee on it.
   */
  readonly apr: number;
  /** The billed daily rate times 365, the interest-only APR. */
  readonly interestApr: number;
  /** The effective annual rate beside it, `(1 + apr / 12)^12 - 1` for monthly bills. */
  readonly effectiveAnnualRate: number;
  /** The billed daily rate as a fraction, a whole number of grid steps. */
  readonly dailyRate: number;
  /** The billed daily rate as the product shows it, exactly (0.0001% grid: `'0.0657%'`). */
  readonly dailyRateText: string;
  /** The build-up before rounding to the grid and clamping, each as a fraction a year. */
  readonly components: {
    readonly costOfFunds: number;
    readonly expectedLoss: number;
    readonly operatingCost: number;
    readonly margin: number;
    readonly unclamped: number;
  };
  /** Which bound clamped the daily rate, if any. */
  readonly clampedBy: 'floor' | 'cap' | null;
}

// Grids keyed by the (frozen, validated) policy object: worked out once per policy.
const grids = new WeakMap<PolicyConfig, DailyRateGrid>();
/** The daily-rate grid of a validated policy. */
export function gridOf(policy: PolicyConfig): DailyRateGrid {
  let grid = grids.get(policy);
  if (grid === undefined) {
    grid = dailyRateGrid(policy.pricing.dailyRateStep, policy.pricing.aprFloor, aprCapInForce(policy), policy.fees);
    grids.set(policy, grid);
  }
  return grid;
}

/**
 * Risk-based price: cost of funds + expected loss (PD x LGD) + operating cost + margin, as a
 * daily rate rounded (half up) to the product's grid, then clamped to the grid steps between
 * the floor and the highest step whose comprehensive cost stays under the cap in force. Every
 * step is monotone, so the price never falls as PD rises; and `daily x 365` never exceeds the
 * cap, because the cap step is tested in integer billionths.
 *
 * @example priceApr(0.02, defaultPolicy).dailyRateText // '0.0334%' (12.20% / 365 = 0.033425%)
 * @throws ValidationError when `pd` is not in [0, 1].
 */
export function priceApr(pd: number, policy: PolicyConfig): AprQuote {
  assertPd(pd);
  const { costOfFunds, lgd, operatingCost, margin } = policy.pricing;
  const grid = gridOf(policy);
  const expectedLoss = pd * lgd;
  const unclamped = costOfFunds + expectedLoss + operatingCost + margin;
  const rawSteps = Math.floor(toNanos(unclamped) / (DAYS_PER_YEAR * grid.stepNanos) + 0.5);
  const steps = Math.min(grid.capSteps, Math.max(grid.floorSteps, rawSteps));
  const clampedBy = rawSteps < grid.floorSteps ? 'floor' : rawSteps > grid.capSteps ? 'cap' : null;
  const dailyNanos = steps * grid.stepNanos;
  const dailyRate = dailyNanos / NANOS;
  const interestApr = (dailyNanos * DAYS_PER_YEAR) / NANOS;
  const cost = revolvingCost(dailyRate, policy.fees, interestApr);
  return {
    // Without fees the disclosed APR is daily x 365 exactly; in basis points an exact ratio of integers.
    aprBp: cost.nominalApr === interestApr ? (dailyNanos * DAYS_PER_YEAR) / 100_000 : cost.nominalApr * 10_000,
    apr: cost.nominalApr,
    interestApr,
    effectiveAnnualRate: cost.effectiveAnnualRate,
    dailyRate,
    dailyRateText: dailyRateTextOf(steps, grid),
    components: { costOfFunds, expectedLoss, operatingCost, margin, unclamped },
    clampedBy,
  };
}

/**
 * The text of a daily rate on a grid step size, exactly: `dailyRateText(0.000657, 0.000001)` is
 * `'0.0657%'`. The rate must be on the grid.
 *
 * @throws ValidationError (subject `dailyRateText`) naming `dailyRate` when it is not a
 *   non-negative number (of at most a few million billionths) on the grid, or `step` when it is
 *   not a positive number of whole billionths.
 */
export function dailyRateText(dailyRate: number, step = 0.000001): string {
  refuseArguments('dailyRateText', [
    typeIssue(['dailyRate'], dailyRate, 'finite number', 'a finite number'),
    typeIssue(['step'], step, 'finite number', 'a finite number'),
  ]);
  const stepNanos = toNanos(step);
  const nanos = toNanos(dailyRate);
  refuseArguments('dailyRateText', [
    stepNanos >= 1 && Number.isSafeInteger(stepNanos)
      ? undefined
      : { path: ['step'], code: 'out_of_range', message: 'step must be a positive rate of whole billionths (0.000001 is a ten-thousandth of a percent)' },
    nanos >= 0 && Number.isSafeInteger(nanos)
      ? undefined
      : { path: ['dailyRate'], code: 'out_of_range', message: 'dailyRate must be a non-negative daily rate' },
  ]);
  if (nanos % stepNanos !== 0) {
    throw new ValidationError('dailyRateText', [
      { path: ['dailyRate'], code: 'not_multiple_of', message: `daily rate ${dailyRate} is not on the ${step} grid` },
    ]);
  }
  let textDecimals = 7;
  for (let s = stepNanos; s % 10 === 0 && textDecimals > 0; s /= 10) textDecimals--;
  return dailyRateTextOf(nanos / stepNanos, { stepNanos, textDecimals });
}
