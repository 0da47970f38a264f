import type { Decision } from '../decision/decision.js';

/** The outcomes of a decision, in the order reports list them. */
export const OUTCOMES = ['approve', 'refer', 'decline'] as const;
/** A decision outcome. */
export type Outcome = (typeof OUTCOMES)[number];

/** What a simulation keeps of one decision: the figures its tables are built from, nothing personal. */
export interface DecisionFacts {
  readonly outcome: Outcome;
  /** Fen; 0 on decline. */
  readonly limit: number;
  /** The line on file before the decision, fen (0: no line, so an approval opens a new line). */
  readonly previousLimit: number;
  readonly apr: number;
  readonly pd: number;
  readonly bindingConstraint: string;
  /**
   * The revolving line's annualised comprehensive cost, every fee included (its plan's
   * `comprehensiveApr`, which is the disclosed `apr`); null when the decision offers no revolving line.
   */
  readonly comprehensiveCost: number | null;
  /** The champion/challenger arm named in the decision's audit, when it names one. */
  readonly arm: string | null;
}

/**
 * Picks the figures a simulation needs from a decision. The comprehensive cost is the revolving
 * plan's `comprehensiveApr`: the line is what the limit is granted on, and its cost is the one the
 * cap and the average-cost guidance are about (the instalment plans are offers on top of it).
 */
export function decisionFacts(d: Decision): DecisionFacts {
  const revolving = d.plans.find((p) => p.kind === 'revolving');
  return {
    outcome: d.outcome,
    limit: d.limit,
    previousLimit: d.previousLimit,
    apr: d.apr,
    pd: d.pd,
    bindingConstraint: d.bindingConstraint,
    comprehensiveCost: revolving?.comprehensiveApr ?? null,
    arm: d.audit.arm ?? null,
  };
}
