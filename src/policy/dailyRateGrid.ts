import { DAYS_PER_YEAR, revolvingCost, type PlanFees } from './planCosts.js';

/** Rates are handled as integer billionths (1e-9) so grid arithmetic and cap tests are exact. */
export const NANOS = 1_000_000_000;

/** The product's daily-rate grid, worked out once per policy. */
export interface DailyRateGrid {
  /** Grid step in billionths (1,000 = 0.0001% a day). */
  readonly stepNanos: number;
  /** Lowest daily rate offered, in grid steps: the first step at or above `aprFloor / 365`. */
  readonly floorSteps: number;
  /**
   * Highest daily rate offered, in grid steps: the last step whose comprehensive cost (fees
   * included, on a drawdown repaid at the first monthly bill) stays at or under the cap in force.
   * Below `floorSteps` when fees leave no room.
   */
  readonly capSteps: number;
  /** Decimals of the percentage text that show every grid step exactly. */
  readonly textDecimals: number;
}

/** Whole billionths of a rate, dropping float noise (0.073 * 1e9 = 72999999.99999999) first. */
export function toNanos(rate: number): number {
  return Math.round(Math.round(rate * NANOS * 1000) / 1000);
}

/**
 * The grid of daily rates a policy bills on. `capApr` is the cap in force (the lender's cap or
 * the jurisdiction's, whichever is lower); the top step is chosen so that `daily x 365`, and the
 * comprehensive cost with every fee of a drawdown repaid at the first monthly bill (the shortest
 * repayment billed, the dearest for a one-off fee), never exceed it.
 */
export function dailyRateGrid(stepRate: number, aprFloor: number, capApr: number, fees: PlanFees): DailyRateGrid {
  const stepNanos = toNanos(stepRate);
  const floorDailyNanos = toNanos(aprFloor) / DAYS_PER_YEAR;
  const floorSteps = Math.ceil(floorDailyNanos / stepNanos - 1e-9);
  const capNanos = toNanos(capApr);
  // Integer test: steps x step x 365 <= cap, exactly.
  let capSteps = Math.floor(capNanos / (stepNanos * DAYS_PER_YEAR));
  const hasFees = fees.oneOffRate > 0 || fees.monthlyRate > 0;
  if (hasFees) {
    // Fees add to the cost of a drawdown repaid at the first bill, (bill + oneOff) / (1 - oneOff)
    // a month with bill = daily x 365 / 12 + monthly. Solved for the daily rate at the cap, that
    // is the estimate below (a one-off fee can take hundreds of steps off the top, too many to
    // walk one by one on a fine grid); the exact cost test then settles the last step.
    const topDaily = ((12 * ((1 + capApr / 12) * (1 - fees.oneOffRate) - 1 - fees.monthlyRate)) / DAYS_PER_YEAR) * NANOS;
    const fits = (steps: number): boolean => revolvingCost((steps * stepNanos) / NANOS, fees).nominalApr <= capApr;
    const interestCapSteps = capSteps;
    capSteps = Math.min(interestCapSteps, Math.max(-1, Math.floor(topDaily / stepNanos)));
    while (capSteps >= 0 && !fits(capSteps)) capSteps--;
    while (capSteps + 1 <= interestCapSteps && fits(capSteps + 1)) capSteps++;
  }
  let textDecimals = 7; // billionths as a percentage: 1e-9 = 0.0000001%
  for (let s = stepNanos; s % 10 === 0 && textDecimals > 0; s /= 10) textDecimals--;
  return { stepNanos, floorSteps, capSteps, textDecimals };
}

/**
 * The daily rate of a number of grid steps as the product shows it, a percentage with exactly
 * the grid's decimals (0.0001% steps: 657 steps -> '0.0657%').
 */
export function dailyRateTextOf(steps: number, grid: Pick<DailyRateGrid, 'stepNanos' | 'textDecimals'>): string {
  const nanos = steps * grid.stepNanos;
  // nanos / 1e7 is the percentage; integer digits and fraction are built from integers.
  const scale = 10 ** (7 - grid.textDecimals);
  const units = nanos / scale;
  const whole = Math.floor(units / 10 ** grid.textDecimals);
  const frac = units - whole * 10 ** grid.textDecimals;
  return grid.textDecimals === 0 ? `${whole}%` : `${whole}.${String(frac).padStart(grid.textDecimals, '0')}%`;
}
