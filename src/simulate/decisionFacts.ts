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
  readonly apr: number;
  readonly pd: number;
  readonly bindingConstraint: string;
  /**
   * The annualised comprehensive cost (every fee included) when the decision carries one, else
   * null. Decisions from engines before it was added carry none; reports then show "n/a".
   */
  readonly comprehensiveCost: number | null;
  /** The champion/challenger arm named in the decision's audit, when it names one. */
  readonly arm: string | null;
}

/**
 * Picks the figures a simulation needs from a decision. The comprehensive cost is read from the
 * first of `comprehensiveCost`, `comprehensiveApr` or `pricing.comprehensiveCost` holding a finite
 * number, so decisions from engines that name it either way (or not at all) are read without guessing.
 */
export function decisionFacts(d: Decision): DecisionFacts {
  const loose = d as unknown as Record<string, unknown>;
  const pricing = loose.pricing as Record<string, unknown> | undefined;
  const cost = [loose.comprehensiveCost, loose.comprehensiveApr, pricing?.comprehensiveCost].find(
    (x): x is number => typeof x === 'number' && Number.isFinite(x),
  );
  const arm = (d.audit as unknown as Record<string, unknown>).arm;
  return {
    outcome: d.outcome,
    limit: d.limit,
    apr: d.apr,
    pd: d.pd,
    bindingConstraint: d.bindingConstraint,
    comprehensiveCost: cost ?? null,
    arm: typeof arm === 'string' ? arm : null,
  };
}
