import type { BatchResult } from '../decision/createScorer.js';
import type { DecisionErrorData } from '../decision/toErrorData.js';
import { highestPlanCost } from '../policy/averageCostOfNewLines.js';

/**
 * One record's result with the decision as its JSON text, plus the numbers a caller that only
 * writes results out still summarises. A string crosses to the calling process by a flat copy; a decision
 * object has to be rebuilt field by field there, which made the pool's calling thread the bottleneck.
 */
export type BatchResultJson =
  | {
      readonly ok: true;
      readonly index: number;
      readonly decisionJson: string;
      readonly outcome: 'approve' | 'refer' | 'decline';
      readonly limit: number;
      /** The disclosed APR: the revolving line's comprehensive cost. */
      readonly apr: number;
      /** The line before the decision, fen, for the portfolio's average cost of new lines. */
      readonly previousLimit: number;
      /** The dearest plan the decision offers (its comprehensive APR); null when it offers none. */
      readonly highestPlanCost: number | null;
    }
  | { readonly ok: false; readonly index: number; readonly error: DecisionErrorData };

/** A result with its decision serialised here, on the worker, where the CPU is spare. */
export function toJsonResult(r: BatchResult): BatchResultJson {
  return r.ok
    ? {
        ok: true,
        index: r.index,
        decisionJson: JSON.stringify(r.decision),
        outcome: r.decision.outcome,
        limit: r.decision.limit,
        apr: r.decision.apr,
        previousLimit: r.decision.previousLimit,
        highestPlanCost: highestPlanCost(r.decision.plans),
      }
    : r;
}
