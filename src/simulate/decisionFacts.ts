import { deepFreeze } from '../common/deepFreeze.js';
import { z } from 'zod';
import { Decision, type LineAction } from '../decision/decision.js';
import { notADecisionError } from '../decision/earlierRelease.js';
import { validationIssuesFromZod } from '../errors/validationError.js';
import { highestPlanCost } from '../policy/averageCostOfNewLines.js';

/** The outcomes of a decision, in the order reports list them. */
export const OUTCOMES = deepFreeze(['approve', 'refer', 'decline'] as const);
/** A decision outcome. */
export type Outcome = (typeof OUTCOMES)[number];

/** What a simulation keeps of one decision: the figures its tables are built from, nothing personal. */
export interface DecisionFacts {
  readonly outcome: Outcome;
  /** Fen; 0 on decline. */
  readonly limit: number;
  /** The line on file before the decision, fen (0: no line, so an approval opens a new line). */
  readonly previousLimit: number;
  /** What the lender does with the line on file (`raise`, `keep`, `lower`, `close`, `hold`, ...): the decision's own `lineAction`. */
  readonly lineAction: LineAction;
  /** The most the policy grants today, fen (0 when it grants nothing): how far above it a held line is. */
  readonly maxGrantable: number;
  readonly apr: number;
  readonly pd: number;
  readonly bindingConstraint: string;
  /**
   * The revolving line's annualised comprehensive cost, every fee included (its plan's
   * `comprehensiveApr`, which is the disclosed `apr`); null when the decision offers no revolving line.
   */
  readonly comprehensiveCost: number | null;
  /**
   * The highest comprehensive cost among the plans the decision offers (the revolving line and
   * each instalment plan, every fee included): what a new line counts at in the average cost of
   * new lines; null when it offers none.
   */
  readonly highestPlanCost: number | null;
  /** The champion/challenger arm named in the decision's audit, when it names one. */
  readonly arm: string | null;
}

// The fields read, as the Decision schema types them; other fields are not read, so not checked.
let factsSchema: z.ZodType | undefined;

/**
 * Picks the figures a simulation needs from a decision. The comprehensive cost is the revolving
 * plan's `comprehensiveApr` (the line is what the limit is granted on); the average cost of new
 * lines counts the dearest plan offered instead, since a customer may convert any drawdown to an
 * instalment plan and that is where a book's fees are earned. The fields it reads are checked
 * against the Decision schema first.
 *
 * @throws ValidationError (subject `Decision`) naming every field read that is missing or not of its
 *   type, led by an `earlier_release_decision` issue for a decision sealed by the released 0.1.0
 */
export function decisionFacts(d: Decision): DecisionFacts {
  factsSchema ??= Decision.unwrap()
    .pick({
      outcome: true,
      limit: true,
      previousLimit: true,
      lineAction: true,
      maxGrantable: true,
      apr: true,
      pd: true,
      bindingConstraint: true,
      plans: true,
    })
    .extend({ audit: z.looseObject({ arm: z.string().optional() }) })
    .loose();
  const parsed = factsSchema.safeParse(d);
  if (!parsed.success) throw notADecisionError(d, validationIssuesFromZod(parsed.error));
  return factsOf(d);
}

/** {@link decisionFacts} of a decision the engine just made (unchecked: the simulation's hot path). */
export function factsOf(d: Decision): DecisionFacts {
  const revolving = d.plans.find((p) => p.kind === 'revolving');
  return {
    outcome: d.outcome,
    limit: d.limit,
    previousLimit: d.previousLimit,
    lineAction: d.lineAction,
    maxGrantable: d.maxGrantable,
    apr: d.apr,
    pd: d.pd,
    bindingConstraint: d.bindingConstraint,
    comprehensiveCost: revolving?.comprehensiveApr ?? null,
    highestPlanCost: highestPlanCost(d.plans),
    arm: d.audit.arm ?? null,
  };
}
