import { addProduct, emptyExactSum, type ExactSum, RATE_UNITS, toUnits, totalAsNumber } from '../common/exactSum.js';

/**
 * Running sums of the average comprehensive cost of new lines: the figure the 2026 guidance caps
 * (average comprehensive cost of new loans at most 20%). Each new line counts at the cost of the
 * dearest plan it offers ({@link highestPlanCost}): the revolving line or an instalment plan, every
 * fee included. A customer may take any of them, and instalment conversion is where a book's fees
 * are earned, so the revolving line's price alone understated it (12.37% for a book whose only
 * instalment plan cost 23.19%). Whole numbers summed exactly, so the average and its verdict
 * against a threshold do not depend on the order of the decisions (a float sum of APR x limit gave
 * 0.2 in one order and 0.20000000000000004, above a 20% alert, in another).
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

/**
 * What the measure reads of a decision: its outcome, limit, line before, and the cost of the
 * dearest plan it offers, given either as the plans themselves (a `Decision`'s `plans`) or already
 * worked out (`highestPlanCost`, as an output line carries it). A decision with neither is not counted.
 */
export interface NewLineCostFacts {
  readonly outcome: 'approve' | 'refer' | 'decline';
  readonly limit: number;
  /** The line on file before the decision, fen; 0 for a customer with no line. */
  readonly previousLimit?: number | undefined;
  /** The plans the decision offers, each with its comprehensive cost (a `Decision`'s `plans`). */
  readonly plans?: readonly { readonly comprehensiveApr: number }[] | undefined;
  /** {@link highestPlanCost} of the plans, when the plans themselves are not at hand. */
  readonly highestPlanCost?: number | null | undefined;
}

/**
 * The highest comprehensive cost (`comprehensiveApr`, nominal, every fee included) among the plans
 * a decision offers; null when it offers none. Under the default policy that is the 12-month
 * instalment plan's 15.86%, or the revolving line's rate where risk prices it higher.
 *
 * @example highestPlanCost([{ comprehensiveApr: 0.123735 }, { comprehensiveApr: 0.2319 }]) // 0.2319
 */
export function highestPlanCost(plans: readonly { readonly comprehensiveApr: number }[]): number | null {
  let highest: number | null = null;
  for (const p of plans) if (highest === null || p.comprehensiveApr > highest) highest = p.comprehensiveApr;
  return highest;
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

/** Counts a decision into the tally when it opens a new line offering a plan; returns whether it did. */
export function tallyNewLineCost(t: NewLineCostTally, d: NewLineCostFacts): boolean {
  if (!isNewLine(d)) return false;
  const cost = d.highestPlanCost ?? (d.plans === undefined ? null : highestPlanCost(d.plans));
  if (cost === null) return false;
  t.count++;
  t.limitTotalFen += d.limit;
  addProduct(t.aprUnitsTimesLimitFen, toUnits(cost, RATE_UNITS), d.limit);
  return true;
}

/**
 * The limit-weighted average, over the new lines tallied, of the dearest plan each offers; null
 * when there is none. An upper bound on the book's average cost of new loans whatever plans its
 * customers take. A function of the exact sums only, so the same decisions in any order give the
 * same number. `creditlift score`'s summary, `creditlift report` and the simulation all report it.
 *
 * @example
 * const t = emptyNewLineCostTally();
 * tallyNewLineCost(t, { outcome: 'approve', limit: 1_000_000, previousLimit: 0, plans: [{ comprehensiveApr: 0.12 }, { comprehensiveApr: 0.18 }] });
 * tallyNewLineCost(t, { outcome: 'approve', limit: 3_000_000, previousLimit: 0, highestPlanCost: 0.22 });
 * averageCostOfNewLines(t); // 0.21
 */
export function averageCostOfNewLines(t: NewLineCostTally): number | null {
  return t.limitTotalFen === 0 ? null : totalAsNumber(t.aprUnitsTimesLimitFen) / (t.limitTotalFen * RATE_UNITS);
}

/** Whether the average is above the policy's `pricing.averageCostAlertAbove` (strictly: at the threshold is within the guidance). */
export function averageCostAboveAlert(average: number | null, alertAbove: number): boolean {
  return average !== null && average > alertAbove;
}
