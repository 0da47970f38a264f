import { addUnits, emptyExactSum, type ExactSum, FEN_FRACTION_UNITS, fromUnits, RATE_UNITS, toUnits } from '../common/exactSum.js';
import { averageCostOfNewLines, emptyNewLineCostTally, tallyNewLineCost, type NewLineCostTally } from '../policy/averageCostOfNewLines.js';
import type { DecisionFacts, Outcome } from './decisionFacts.js';
import { expectedInterestIncomeOf, expectedLossOf, type PortfolioAssumptions } from './portfolioEconomics.js';

/** Running sums for one arm (baseline or candidate) over a set of records. */
export interface ArmTally {
  decided: number;
  approve: number;
  refer: number;
  decline: number;
  /**
   * Sums over approved decisions: limits (fen), APRs and comprehensive costs (where present) in
   * billionths, expected loss and income in millionths of a fen. Whole numbers summed exactly, so
   * the figures do not depend on the order of the records (float sums changed in the last digits
   * when the same book came in reverse).
   */
  limitSum: number;
  aprUnits: ExactSum;
  costUnits: ExactSum;
  costCount: number;
  expectedLossUnits: ExactSum;
  expectedInterestIncomeUnits: ExactSum;
  /** Approved new lines, at the dearest plan each offers: the average comprehensive cost the 2026 guidance is about. */
  newLines: NewLineCostTally;
}

/**
 * One arm's figures over a set of records. Limits, APR, costs, loss and income are over approved
 * decisions (booked lines); a refer's limit is a proposal awaiting review and is not booked.
 */
export interface ArmFigures {
  readonly decided: number;
  readonly outcomes: Readonly<Record<Outcome, number>>;
  /** Approvals over decisions; null when nothing was decided (as the means: no rate, not a 0% one). */
  readonly approvalRate: number | null;
  /** Sum of approved limits, fen. */
  readonly totalLimit: number;
  /** Fen, rounded; null when nothing was approved. */
  readonly meanLimit: number | null;
  readonly meanApr: number | null;
  /**
   * Plain (unweighted) mean of the revolving line's comprehensive cost over every approval carrying
   * one, existing lines' raises, keeps and lowers included; null when none does. Not the guidance
   * figure: see {@link ArmFigures.averageCostOfNewLines}.
   */
  readonly meanComprehensiveCost: number | null;
  /**
   * The figure the 2026 guidance (at most 20%) is about, as `creditlift score` and `report` compute
   * it: the limit-weighted average comprehensive cost of new lines (approved, no line before), each
   * counted at the dearest plan it offers (revolving or instalment, every fee included); null when
   * there is none.
   */
  readonly averageCostOfNewLines: number | null;
  /** New lines counted in {@link ArmFigures.averageCostOfNewLines}. */
  readonly newLines: number;
  /** PD x LGD x limit x utilisation summed over approved decisions, fen (rounded). */
  readonly expectedLoss: number;
  /** APR x limit x utilisation x (1 - PD) summed over approved decisions, fen (rounded). */
  readonly expectedInterestIncome: number;
}

/** A fresh tally. */
export function emptyArmTally(): ArmTally {
  return {
    decided: 0,
    approve: 0,
    refer: 0,
    decline: 0,
    limitSum: 0,
    aprUnits: emptyExactSum(),
    costUnits: emptyExactSum(),
    costCount: 0,
    expectedLossUnits: emptyExactSum(),
    expectedInterestIncomeUnits: emptyExactSum(),
    newLines: emptyNewLineCostTally(),
  };
}

/** Counts one decision into a tally. */
export function tallyArm(t: ArmTally, d: DecisionFacts, a: PortfolioAssumptions): void {
  t.decided++;
  t[d.outcome]++;
  if (d.outcome !== 'approve') return;
  t.limitSum += d.limit;
  addUnits(t.aprUnits, toUnits(d.apr, RATE_UNITS));
  if (d.comprehensiveCost !== null) {
    addUnits(t.costUnits, toUnits(d.comprehensiveCost, RATE_UNITS));
    t.costCount++;
  }
  tallyNewLineCost(t.newLines, d);
  addUnits(t.expectedLossUnits, toUnits(expectedLossOf(d.limit, d.pd, a), FEN_FRACTION_UNITS));
  addUnits(t.expectedInterestIncomeUnits, toUnits(expectedInterestIncomeOf(d.limit, d.apr, d.pd, a), FEN_FRACTION_UNITS));
}

/** The figures of a tally. */
export function armFigures(t: ArmTally): ArmFigures {
  return {
    decided: t.decided,
    outcomes: { approve: t.approve, refer: t.refer, decline: t.decline },
    approvalRate: t.decided === 0 ? null : t.approve / t.decided,
    totalLimit: t.limitSum,
    meanLimit: t.approve === 0 ? null : Math.round(t.limitSum / t.approve),
    meanApr: t.approve === 0 ? null : fromUnits(t.aprUnits, RATE_UNITS) / t.approve,
    meanComprehensiveCost: t.costCount === 0 ? null : fromUnits(t.costUnits, RATE_UNITS) / t.costCount,
    averageCostOfNewLines: averageCostOfNewLines(t.newLines),
    newLines: t.newLines.count,
    expectedLoss: Math.round(fromUnits(t.expectedLossUnits, FEN_FRACTION_UNITS)),
    expectedInterestIncome: Math.round(fromUnits(t.expectedInterestIncomeUnits, FEN_FRACTION_UNITS)),
  };
}
