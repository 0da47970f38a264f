import { addProduct, emptyExactSum, type ExactSum, RATE_UNITS, toUnits, totalAsNumber } from '../common/exactSum.js';

/**
 * Running sums of the average comprehensive cost of new lines: the figure the 2026 guidance caps
 * (average comprehensive cost of new loans at most 20%). Whole numbers summed exactly, so the
 * average and its verdict against a threshold do not depend on the order of the decisions (a
 * float sum of APR x limit gave 0.2 in one order and 0.20000000000000004, above a 20% alert, in
 * another).
 */
export interface NewLineCostTally {
  /** New lines counted. */
  count: number;
  /** Sum of their limits, fen. */
  limitTotalFen: number;
  /**
   * Sum of comprehensive cost x limit, the cost in billionths ({@link RATE_UNITS}, the daily-rate
   * grid's unit: an APR without fees is a whole number of them) times the limit in fen: exact.
   */
  aprUnitsTimesLimitFen: ExactSum;
}

/** What the measure reads of a decision. `apr` is the disclosed APR: the revolving line's comprehensive cost, every fee included. */
export interface NewLineCostFacts {
  readonly outcome: 'approve' | 'refer' | 'decline';
  readonly limit: number;
  /** The line on file before the decision, fen; 0 for a customer with no line. */
  readonly previousLimit?: number | undefined;
  readonly apr?: number | undefined;
}

/** A fresh tally. */
export function emptyNewLineCostTally(): NewLineCostTally {
  return { count: 0, limitTotalFen: 0, aprUnitsTimesLimitFen: emptyExactSum() };
}

/**
 * Whether a decision opens a new line: approved, with a limit, and no line before. Raises, keeps
 * and lowers of a line on file, referrals (a proposal, not a loan) and declines are not new lines.
 */
export function isNewLine(d: NewLineCostFacts): boolean {
  return d.outcome === 'approve' && d.limit > 0 && d.previousLimit === 0;
}

/** Counts a decision into the tally when it opens a new line with a disclosed APR; returns whether it did. */
export function tallyNewLineCost(t: NewLineCostTally, d: NewLineCostFacts): boolean {
  if (!isNewLine(d) || typeof d.apr !== 'number') return false;
  t.count++;
  t.limitTotalFen += d.limit;
  addProduct(t.aprUnitsTimesLimitFen, toUnits(d.apr, RATE_UNITS), d.limit);
  return true;
}

/**
 * The limit-weighted average comprehensive cost of the new lines tallied; null when there is none.
 * A function of the exact sums only, so the same decisions in any order give the same number.
 * `creditlift score`'s summary, `creditlift report` and the simulation all report this figure.
 *
 * @example
 * const t = emptyNewLineCostTally();
 * tallyNewLineCost(t, { outcome: 'approve', limit: 1_000_000, previousLimit: 0, apr: 0.18 });
 * tallyNewLineCost(t, { outcome: 'approve', limit: 3_000_000, previousLimit: 0, apr: 0.22 });
 * averageCostOfNewLines(t); // 0.21
 */
export function averageCostOfNewLines(t: NewLineCostTally): number | null {
  return t.limitTotalFen === 0 ? null : totalAsNumber(t.aprUnitsTimesLimitFen) / (t.limitTotalFen * RATE_UNITS);
}

/** Whether the average is above the policy's `pricing.averageCostAlertAbove` (strictly: at the threshold is within the guidance). */
export function averageCostAboveAlert(average: number | null, alertAbove: number): boolean {
  return average !== null && average > alertAbove;
}
