import { everyKeyOf, refuseArguments, typeIssue, typeNameOf } from '../errors/argumentIssues.js';
import { readKnownFields, readOptions } from '../errors/readOptions.js';
import type { ValidationIssue } from '../errors/validationError.js';
import {
  FAIRNESS_DIMENSIONS,
  emptyGroupTally,
  fairOutcomes,
  fairnessGroupOf,
  tallyGroup,
  type FairOutcomes,
  type GroupTally,
} from '../fairness/fairOutcomes.js';
import { armFigures, emptyArmTally, tallyArm, type ArmFigures, type ArmTally } from './armFigures.js';
import { SEGMENT_DIMENSIONS, type BookSegments, type SegmentDimension } from './bookSegments.js';
import { OUTCOMES, type DecisionFacts, type Outcome } from './decisionFacts.js';
import { emptyLimitChangeTally, limitChangeDistribution, tallyLimitChange, type LimitChangeDistribution } from './limitChange.js';
import { emptyLineActionMatrix, emptyLineActionTally, lineActionFigures, tallyLineAction, type LineActionSummary } from './lineActions.js';
import { simulationModeIssues, simulationPaths, type SimulationMode, type SimulationPaths } from './simulationPaths.js';
import { averageCostAboveAlert } from '../policy/averageCostOfNewLines.js';
import { defaultPolicy } from '../policy/defaultPolicy.js';
import { readPortfolioAssumptions, type PortfolioAssumptions } from './portfolioEconomics.js';
import { readAssumptionsByArm } from './readAssumptionsByArm.js';
import { emptyPriorSourceTally, priorSourceFigures, type PriorSource, type PriorSources } from './priorSources.js';
import { STORED_PRIOR_REFUSALS, type StoredPriorRefusal } from './storedPrior.js';

/** One record decided under both arms. */
export interface SimulatedRecord {
  readonly segments: BookSegments;
  readonly baseline: DecisionFacts;
  readonly candidate: DecisionFacts;
  /** In `reassess` mode, the prior both sides reassessed (stored with the record, or the record decided under the baseline). */
  readonly prior?: DecisionFacts;
  /** Where `prior` came from; default `baseline_decide` (a prior given without it). */
  readonly priorSource?: PriorSource;
  /** Realised 12-month default, when the book's outcomes name this applicant; undefined otherwise. */
  readonly defaulted?: boolean;
}

/** A 3x3 table indexed by baseline outcome, then candidate outcome. */
export type OutcomeMatrix<T> = Readonly<Record<Outcome, Readonly<Record<Outcome, T>>>>;

/** One arm's figures beside the other's, for one segment group. */
export interface SegmentComparison {
  readonly dimension: SegmentDimension;
  readonly group: string;
  readonly baseline: ArmFigures;
  readonly candidate: ArmFigures;
}

/** Realised default rate of one swap-set cell. */
export interface BacktestCell {
  readonly baseline: Outcome;
  readonly candidate: Outcome;
  /** Records in the cell whose outcome is known. */
  readonly observed: number;
  readonly defaults: number;
  /** Null when no outcome is known in the cell. */
  readonly defaultRate: number | null;
}

/** Everything a simulation found; plain data (JSON output). */
export interface SimulationSummary {
  /** Records decided under both arms: each is in exactly one swap-set cell. */
  readonly decided: number;
  /** The swap set: counts and shares of `decided`, baseline outcome by candidate outcome. */
  readonly swapSet: { readonly counts: OutcomeMatrix<number>; readonly shares: OutcomeMatrix<number> };
  /** Records whose outcome differs between the arms (the off-diagonal of the swap set). */
  readonly flips: number;
  readonly totals: { readonly baseline: ArmFigures; readonly candidate: ArmFigures };
  /** Every group of every segment dimension, dimensions in {@link SEGMENT_DIMENSIONS} order, groups by name. */
  readonly segments: readonly SegmentComparison[];
  readonly limitChange: LimitChangeDistribution;
  /** What set the limit, share of approve and refer decisions, largest first. */
  readonly bindingConstraints: {
    readonly baseline: readonly { readonly name: string; readonly count: number; readonly share: number }[];
    readonly candidate: readonly { readonly name: string; readonly count: number; readonly share: number }[];
  };
  /**
   * Realised default rates by swap-set cell; null when the book carried no outcomes. `observed`
   * records had a known outcome, `unobserved` did not; `outcomes` (from {@link runSimulation} and
   * `simulateBook`) says how many of the outcomes given matched no record decided under both.
   */
  readonly backtest: {
    readonly cells: readonly BacktestCell[];
    readonly observed: number;
    readonly unobserved: number;
    readonly outcomes?: BacktestOutcomes;
  } | null;
  /** Approval rate and mean limit by region, city tier and age band, with adverse impact ratios. */
  readonly fairness: { readonly baseline: readonly FairOutcomes[]; readonly candidate: readonly FairOutcomes[] };
  /** Champion/challenger arm labels read from the decisions' audits, with counts; empty when none is named. */
  readonly arms: { readonly baseline: Readonly<Record<string, number>>; readonly candidate: Readonly<Record<string, number>> };
  /**
   * Each side's money assumptions (its policy's), and where a side is a champion/challenger scorer
   * deciding live, those of each challenger arm's own policy, by arm name (`audit.arm`).
   */
  readonly assumptions: {
    readonly baseline: PortfolioAssumptions;
    readonly candidate: PortfolioAssumptions;
    readonly arms?: ArmAssumptions;
  };
  /**
   * Each side's average comprehensive cost of new lines (`totals.*.averageCostOfNewLines`) against
   * its policy's `pricing.averageCostAlertAbove`, as `creditlift score` flags it.
   */
  readonly averageCostAlert: { readonly baseline: AverageCostAlert; readonly candidate: AverageCostAlert };
  /**
   * Which call each side's decisions come from: `decide` (re-underwriting: an existing line may be
   * lowered or closed) or `reassess` (the line on file protected: held for review, never lowered
   * automatically), and in reassess mode where the prior came from. Read the swap set with it.
   */
  readonly paths: SimulationPaths;
  /**
   * Where the reassessments' priors came from (`reassess` mode: how many records in a cell from the
   * decision stored with them, how many from the baseline's `decide`), the stored priors refused by
   * reason, and (`decide` mode) the stored priors not read.
   */
  readonly priors: PriorSources;
  /**
   * What each side does with the lines on file (`lineAction` counts; lines raised, lowered, closed
   * and held, with their fen), and how the line actions swap between the sides (`keep -> lower`):
   * an `approve -> approve` cell may hide lines the candidate lowers or holds for review.
   */
  readonly lineActions: LineActionSummary;
}

/**
 * The outcomes given for a backtest against the records they matched. An outcome whose id matched
 * no record decided under both (a padded or differently written id, a customer not in the book, or
 * one whose record was refused) is counted here, never dropped without a word: a backtest on
 * silently thinned outcomes misleads.
 */
export interface BacktestOutcomes {
  /** Outcomes given (distinct ids). */
  readonly given: number;
  /** Of them, those whose id matched a record decided under both. */
  readonly matched: number;
  /** `given - matched`. */
  readonly unmatched: number;
  /** The first {@link UNMATCHED_IDS_LISTED} unmatched ids, by UTF-16 code units (ids only, nothing personal). */
  readonly unmatchedIds: readonly string[];
}

/** Unmatched outcome ids a summary lists. */
export const UNMATCHED_IDS_LISTED = 10;

/** The average comprehensive cost of new lines against a policy's threshold. */
export interface AverageCostAlert {
  /** The policy's `pricing.averageCostAlertAbove` (20% by default, the 2026 guidance). */
  readonly alertAbove: number;
  /** True when the average is above it. */
  readonly aboveAlert: boolean;
}

/** Money assumptions of the champion/challenger arms of each side, by arm name (`audit.arm`). */
export interface ArmAssumptions {
  readonly baseline?: Readonly<Record<string, PortfolioAssumptions>>;
  readonly candidate?: Readonly<Record<string, PortfolioAssumptions>>;
}

/** Options of {@link createSimulationAccumulator}. */
export interface SimulationAccumulatorOptions {
  /** Each side's policy's `pricing.averageCostAlertAbove`. Default: the default policy's (20%) on both. */
  readonly averageCostAlertAbove?: { readonly baseline: number; readonly candidate: number };
  /**
   * For a side that is a champion/challenger scorer deciding live: each challenger arm's own
   * assumptions, by arm name. A decision naming a listed arm (`audit.arm`) is counted with its
   * arm's; any other (the champion's) with the side's own.
   */
  readonly armAssumptions?: ArmAssumptions;
  /** Outcomes were given: the summary has a backtest even when none matched a record. */
  readonly withOutcomes?: boolean;
  /** How the records were replayed, as the summary's `paths` states it. Default `decide`. */
  readonly mode?: SimulationMode;
}

/** Accumulates simulated records one at a time (memory independent of the book's size). */
export interface SimulationAccumulator {
  add(record: SimulatedRecord): void;
  /** Counts a record refused for the decision stored with it (in no cell), by reason: `summary.priors.refused`. */
  addRefusedPrior(reason: StoredPriorRefusal): void;
  /** Counts a record whose stored decision `decide` mode did not read: `summary.priors.unread`. */
  addUnreadPrior(): void;
  finish(): SimulationSummary;
}

const matrix = <T>(cell: () => T): Record<Outcome, Record<Outcome, T>> => ({
  approve: { approve: cell(), refer: cell(), decline: cell() },
  refer: { approve: cell(), refer: cell(), decline: cell() },
  decline: { approve: cell(), refer: cell(), decline: cell() },
});

/**
 * Starts a simulation accumulator. Each decision's money figures use the assumptions (LGD,
 * utilisation) of the policy that made it: its side's, or its challenger arm's when the side lists
 * one (`options.armAssumptions`). Each side's average cost of new lines is flagged against its own
 * policy's threshold.
 *
 * @throws ValidationError (subject `createSimulationAccumulator`) naming each side's assumptions
 *   and each option at fault (an unknown option included)
 */
export function createSimulationAccumulator(
  assumptions: {
    readonly baseline: PortfolioAssumptions;
    readonly candidate: PortfolioAssumptions;
  },
  given: SimulationAccumulatorOptions = {},
): SimulationAccumulator {
  // Read once into plain copies, nested objects included, which the accumulator then uses: a getter or Proxy is refused by name, never thrown raw.
  const read = readAccumulatorArguments(assumptions, given);
  refuseArguments('createSimulationAccumulator', [read.issues]);
  const { options, assumptions: assumed } = read;
  const alertAbove = options.averageCostAlertAbove ?? {
    baseline: defaultPolicy.pricing.averageCostAlertAbove,
    candidate: defaultPolicy.pricing.averageCostAlertAbove,
  };
  const byArm = options.armAssumptions;
  // The assumptions of the policy that made a decision: its challenger arm's when listed, else its side's.
  const assumptionsOf = (side: 'baseline' | 'candidate', d: DecisionFacts): PortfolioAssumptions => {
    const arms = byArm?.[side];
    return d.arm !== null && arms !== undefined && Object.hasOwn(arms, d.arm) ? (arms[d.arm] as PortfolioAssumptions) : assumed[side];
  };
  const counts = matrix(() => 0);
  const observed = matrix(() => 0);
  const defaults = matrix(() => 0);
  let unobserved = 0;
  let anyOutcome = false;
  const totals = { baseline: emptyArmTally(), candidate: emptyArmTally() };
  const bySegment = new Map<string, { dimension: SegmentDimension; group: string; baseline: ArmTally; candidate: ArmTally }>();
  const limitChange = emptyLimitChangeTally();
  const lineActions = { baseline: emptyLineActionTally(), candidate: emptyLineActionTally(), prior: emptyLineActionTally() };
  const mode = options.mode ?? 'decide';
  const lineActionSwap = emptyLineActionMatrix();
  const binding = { baseline: new Map<string, number>(), candidate: new Map<string, number>() };
  const arms = { baseline: new Map<string, number>(), candidate: new Map<string, number>() };
  const fair = {
    baseline: new Map(FAIRNESS_DIMENSIONS.map((d) => [d, new Map<string, GroupTally>()])),
    candidate: new Map(FAIRNESS_DIMENSIONS.map((d) => [d, new Map<string, GroupTally>()])),
  };
  let decided = 0;
  const priors = emptyPriorSourceTally();

  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

  return {
    add(r) {
      decided++;
      counts[r.baseline.outcome][r.candidate.outcome]++;
      if (r.defaulted === undefined) unobserved++;
      else {
        anyOutcome = true;
        observed[r.baseline.outcome][r.candidate.outcome]++;
        if (r.defaulted) defaults[r.baseline.outcome][r.candidate.outcome]++;
      }
      tallyLimitChange(limitChange, r.candidate.limit - r.baseline.limit);
      lineActionSwap[r.baseline.lineAction][r.candidate.lineAction]++;
      if (r.prior !== undefined) {
        tallyLineAction(lineActions.prior, r.prior);
        if (r.priorSource === 'stored') priors.fromStored++;
        else priors.fromBaselineDecide++;
      }
      for (const arm of ['baseline', 'candidate'] as const) {
        const d = r[arm];
        tallyArm(totals[arm], d, assumptionsOf(arm, d));
        tallyLineAction(lineActions[arm], d);
        if (d.outcome !== 'decline') bump(binding[arm], d.bindingConstraint);
        if (d.arm !== null) bump(arms[arm], d.arm);
        for (const dim of FAIRNESS_DIMENSIONS) {
          const groups = fair[arm].get(dim) as Map<string, GroupTally>;
          const g = fairnessGroupOf(r.segments, dim);
          let t = groups.get(g);
          if (t === undefined) groups.set(g, (t = emptyGroupTally()));
          tallyGroup(t, d.outcome === 'approve', d.limit);
        }
      }
      for (const dimension of SEGMENT_DIMENSIONS) {
        const group = r.segments[dimension];
        const key = `${dimension}\u0000${group}`;
        let s = bySegment.get(key);
        if (s === undefined) bySegment.set(key, (s = { dimension, group, baseline: emptyArmTally(), candidate: emptyArmTally() }));
        tallyArm(s.baseline, r.baseline, assumptionsOf('baseline', r.baseline));
        tallyArm(s.candidate, r.candidate, assumptionsOf('candidate', r.candidate));
      }
    },
    addRefusedPrior(reason) {
      if (!(STORED_PRIOR_REFUSALS as readonly unknown[]).includes(reason))
        refuseArguments('addRefusedPrior', [
          { path: ['reason'], code: 'invalid_value', message: `reason must be one of ${STORED_PRIOR_REFUSALS.join(', ')}`, received: typeNameOf(reason) },
        ]);
      priors.refused[reason]++;
    },
    addUnreadPrior() {
      priors.unread++;
    },
    finish() {
      const shares = matrix(() => 0) as Record<Outcome, Record<Outcome, number>>;
      for (const b of OUTCOMES) for (const c of OUTCOMES) shares[b][c] = decided === 0 ? 0 : counts[b][c] / decided;
      const flips = decided - OUTCOMES.reduce((s, o) => s + counts[o][o], 0);
      const segments = [...bySegment.values()]
        .sort(
          (a, b) => SEGMENT_DIMENSIONS.indexOf(a.dimension) - SEGMENT_DIMENSIONS.indexOf(b.dimension) || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0),
        )
        .map((s) => ({ dimension: s.dimension, group: s.group, baseline: armFigures(s.baseline), candidate: armFigures(s.candidate) }));
      const bindingList = (m: Map<string, number>) => {
        const granted = [...m.values()].reduce((s, n) => s + n, 0);
        return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name, count]) => ({ name, count, share: count / granted }));
      };
      const cells: BacktestCell[] = [];
      for (const b of OUTCOMES) {
        for (const c of OUTCOMES)
          cells.push({
            baseline: b,
            candidate: c,
            observed: observed[b][c],
            defaults: defaults[b][c],
            defaultRate: observed[b][c] === 0 ? null : defaults[b][c] / observed[b][c],
          });
      }
      const totalFigures = { baseline: armFigures(totals.baseline), candidate: armFigures(totals.candidate) };
      const alert = (side: 'baseline' | 'candidate'): AverageCostAlert => ({
        alertAbove: alertAbove[side],
        aboveAlert: averageCostAboveAlert(totalFigures[side].averageCostOfNewLines, alertAbove[side]),
      });
      return simulationSummaryMade({
        decided,
        swapSet: { counts, shares },
        flips,
        totals: totalFigures,
        segments,
        limitChange: limitChangeDistribution(limitChange),
        bindingConstraints: { baseline: bindingList(binding.baseline), candidate: bindingList(binding.candidate) },
        backtest: anyOutcome || options.withOutcomes === true ? { cells, observed: decided - unobserved, unobserved } : null,
        fairness: {
          baseline: FAIRNESS_DIMENSIONS.map((d) => fairOutcomes(d, fair.baseline.get(d) as Map<string, GroupTally>)),
          candidate: FAIRNESS_DIMENSIONS.map((d) => fairOutcomes(d, fair.candidate.get(d) as Map<string, GroupTally>)),
        },
        arms: { baseline: Object.fromEntries([...arms.baseline].sort()), candidate: Object.fromEntries([...arms.candidate].sort()) },
        assumptions: { baseline: assumed.baseline, candidate: assumed.candidate, ...(byArm === undefined ? {} : { arms: byArm }) },
        averageCostAlert: { baseline: alert('baseline'), candidate: alert('candidate') },
        paths: simulationPaths(mode, priors),
        lineActions: {
          baseline: lineActionFigures(lineActions.baseline),
          candidate: lineActionFigures(lineActions.candidate),
          swap: lineActionSwap,
          prior: mode === 'reassess' ? lineActionFigures(lineActions.prior) : null,
        },
        priors: priorSourceFigures(priors),
      });
    },
  };
}

// The summaries the engine made: buildSimulationHtml renders these only (no schema covers a
// summary's every figure, and a hand-made object missing one threw a TypeError mid-page).
const summariesMade = new WeakSet<SimulationSummary>();

/** Records `summary` as one the engine made (an accumulator's, or a run's with its backtest outcomes). */
export function simulationSummaryMade(summary: SimulationSummary): SimulationSummary {
  summariesMade.add(summary);
  return summary;
}

/** True when `v` is a summary the engine made: an accumulator's `finish()`, or a run's `summary`. */
export function isSimulationSummary(v: unknown): v is SimulationSummary {
  return typeof v === 'object' && v !== null && summariesMade.has(v as SimulationSummary);
}

const ACCUMULATOR_OPTION_KEYS = everyKeyOf<SimulationAccumulatorOptions>()(['averageCostAlertAbove', 'armAssumptions', 'withOutcomes', 'mode']);
const SIDES = ['baseline', 'candidate'] as const;

/** The accumulator's arguments read once into plain copies, which it then uses, and every fault of them. */
interface AccumulatorArguments {
  readonly assumptions: { readonly baseline: PortfolioAssumptions; readonly candidate: PortfolioAssumptions };
  readonly options: SimulationAccumulatorOptions;
  readonly issues: ValidationIssue[];
}

// Every nested object is read once, as the options are (readOptions): each side's assumptions were
// read by the check and again for every record, so a getter could pass a 0.5 and count a 7, and a
// getter or Proxy inside `armAssumptions` escaped as the caller's own Error.
function readAccumulatorArguments(assumptions: unknown, given: unknown): AccumulatorArguments {
  const issues: ValidationIssue[] = [];
  const sides = readSides(['assumptions'], assumptions, 'the portfolio assumptions of each side, { baseline, candidate }', issues);
  const copied: Partial<Record<(typeof SIDES)[number], PortfolioAssumptions>> = {};
  if (sides !== undefined)
    for (const side of SIDES) {
      const a = readPortfolioAssumptions(['assumptions', side], sides[side]);
      issues.push(...a.issues);
      if (a.value !== undefined) copied[side] = a.value;
    }
  const read = readOptions(given, ACCUMULATOR_OPTION_KEYS, ['options']);
  const done = (options: SimulationAccumulatorOptions) => ({ assumptions: copied as AccumulatorArguments['assumptions'], options, issues });
  if (read.issues.length > 0) {
    issues.push(...read.issues);
    return done({});
  }
  const o: Record<string, unknown> = { ...read.value };
  if (o.averageCostAlertAbove !== undefined) {
    const alert = readSides(['options', 'averageCostAlertAbove'], o.averageCostAlertAbove, "each side's threshold, { baseline, candidate }", issues);
    if (alert !== undefined) {
      o.averageCostAlertAbove = alert;
      for (const side of SIDES) {
        const v = alert[side];
        if (!(typeof v === 'number' && v >= 0 && v <= 1))
          issues.push({
            path: ['options', 'averageCostAlertAbove', side],
            code: 'out_of_range',
            message: `${side} must be a share in [0, 1]`,
            received: typeNameOf(v),
          });
      }
    }
  }
  if (o.armAssumptions !== undefined) o.armAssumptions = readArmAssumptions(o.armAssumptions, issues);
  const withOutcomes = typeIssue(['options', 'withOutcomes'], o.withOutcomes, 'boolean', 'true or false', true);
  if (withOutcomes !== undefined) issues.push(withOutcomes);
  issues.push(...simulationModeIssues(o.mode, ['options', 'mode']));
  return done(o as SimulationAccumulatorOptions);
}

/** A `{ baseline, candidate }` object read once (other keys left unread, as they always were); undefined with its issues pushed when it cannot be. */
function readSides(path: readonly string[], v: unknown, what: string, issues: ValidationIssue[]): Record<string, unknown> | undefined {
  const notObject = typeIssue(path, v, 'object', what);
  if (notObject !== undefined) {
    issues.push(notObject);
    return undefined;
  }
  const read = readKnownFields(v, SIDES, path);
  issues.push(...read.issues);
  return read.issues.length > 0 ? undefined : read.value;
}

/** `armAssumptions` read once: a side not named `baseline` or `candidate` is refused (a misspelt side's arms were counted with the side's own assumptions). */
function readArmAssumptions(arms: unknown, issues: ValidationIssue[]): ArmAssumptions | undefined {
  const path = ['options', 'armAssumptions'];
  const notArms = typeIssue(path, arms, 'object', "each side's assumptions by arm, { baseline?, candidate? }");
  if (notArms !== undefined) {
    issues.push(notArms);
    return undefined;
  }
  const read = readOptions(arms, SIDES, path);
  issues.push(...read.issues);
  if (read.value === undefined) return undefined;
  const copy: Record<string, Record<string, PortfolioAssumptions>> = {};
  for (const side of SIDES) {
    if (read.value[side] === undefined) continue;
    const own = readAssumptionsByArm(read.value[side], [...path, side]);
    issues.push(...own.issues);
    if (own.value !== undefined) copy[side] = own.value;
  }
  return copy;
}
