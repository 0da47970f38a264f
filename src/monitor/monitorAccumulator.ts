import { everyKeyOf, refuseArguments, typeIssue } from '../errors/argumentIssues.js';
import { addUnits, emptyExactSum, type ExactSum, PROBABILITY_UNITS, toUnits, totalAsNumber } from '../common/exactSum.js';
import { CreditliftError } from '../errors/creditliftError.js';
import { ValidationError } from '../errors/validationError.js';
import {
  FAIRNESS_DIMENSIONS,
  emptyGroupTally,
  fairOutcomes,
  fairnessGroupOf,
  tallyGroup,
  type FairOutcomes,
  type GroupTally,
} from '../fairness/fairOutcomes.js';
import type { BookSegments } from '../simulate/bookSegments.js';
import type { Outcome } from '../simulate/decisionFacts.js';
import { checkMonitorBaseline, readOptionsObject, periodIssue } from './monitorArguments.js';
import { binAt, binsIn, type BinnedBaseline, type MonitorBaseline } from './monitorBaseline.js';
import { periodOf, type MonitorPeriod } from './monitorPeriod.js';
import { isBeyondNoise, pearsonNoise, type SamplingNoise } from './samplingNoise.js';
import { populationStabilityIndex, stabilityBand, type StabilityBand } from './stabilityIndex.js';

/** One decided applicant as the monitor sees it. */
export interface MonitorObservation {
  readonly asOf: string;
  readonly outcome: Outcome;
  /** The limit granted, whole fen. */
  readonly limit: number;
  /** The 12-month PD, in [0, 1]. */
  readonly pd: number;
  /** The model input row (model column order, as the scorer encodes it); absent for decisions files. */
  readonly features?: ArrayLike<number>;
  /** Each factor's contribution in log-odds; absent when the decision carries none in that space. */
  readonly factors?: ReadonlyMap<string, number>;
  /** For fair outcomes; absent for decisions files (decisions carry no region or age). */
  readonly segments?: BookSegments;
}

/** Stability of one monitored figure against the baseline. */
export interface FigureStability {
  readonly kind: 'score' | 'feature' | 'factor';
  readonly name: string;
  /** PSI (for factors: the characteristic stability index of its contribution); null without data. */
  readonly index: number | null;
  readonly band: StabilityBand | null;
  /** Records measured (the sample size the index rests on). */
  readonly records: number;
  /**
   * Whether sampling alone explains the counts (see `samplingNoise`): a figure in the watch or act
   * band is flagged only when its chi-square is beyond `noise.critical` (or records fall outside the baseline).
   */
  readonly noise: SamplingNoise;
  /** Baseline and sample shares, bin by bin (the missing bin last). */
  readonly expected: readonly number[];
  readonly actual: readonly number[];
  /**
   * The index period by period, each with its own test against sampling noise (a period of a few
   * records is mostly noise; the run's false-alarm chance split over figures and periods).
   */
  readonly byPeriod: readonly { readonly period: string; readonly count: number; readonly index: number | null; readonly noise: SamplingNoise }[];
}

/** One period's outcome mix. */
export interface PeriodOutcomes {
  readonly period: string;
  readonly count: number;
  readonly outcomes: Readonly<Record<Outcome, number>>;
  readonly approvalRate: number;
  readonly meanPd: number;
  /** Mean approved limit, fen (rounded); null when none was approved. */
  readonly meanLimit: number | null;
}

/** What a monitor run found; plain data, the JSON for alerting. */
export interface MonitorSummary {
  readonly modelId: string;
  readonly period: MonitorPeriod;
  readonly observations: number;
  readonly score: FigureStability;
  /** Null when the input carried no feature rows (a decisions file). */
  readonly features: readonly FigureStability[] | null;
  /** Null when no observation carried log-odds factor contributions. */
  readonly factors: readonly FigureStability[] | null;
  readonly timeline: readonly PeriodOutcomes[];
  /** Null when the input carried no segments (a decisions file). */
  readonly fairness: readonly FairOutcomes[] | null;
  /**
   * Every figure in the watch or act band whose counts sampling alone does not explain (`noise`),
   * act first, then by index.
   */
  readonly flagged: readonly { readonly kind: FigureStability['kind']; readonly name: string; readonly index: number; readonly band: StabilityBand }[];
  /**
   * Figures in the watch or act band that are not flagged: within sampling noise, or measured on
   * fewer records than they need to be judged (`noise.critical` null; `noise.judgedFrom` says how many).
   */
  readonly withinNoise: readonly {
    readonly kind: FigureStability['kind'];
    readonly name: string;
    readonly index: number;
    readonly band: StabilityBand;
    readonly records: number;
    readonly noise: SamplingNoise;
  }[];
  /** The worst band of any flagged figure ("stable" when none is): "act" is what exit code 4 reports. */
  readonly worstBand: StabilityBand;
}

/**
 * Accumulates observations one at a time; memory grows with periods, not with records. Every
 * figure is independent of the order observations are added in: counts are whole, and PDs and
 * limits are summed exactly (see `common/exactSum.ts`), so the same records in another order give
 * the same summary byte for byte (and the same verdict at a threshold).
 */
export interface MonitorAccumulator {
  /**
   * Counts one observation, or none of it.
   *
   * @throws ValidationError (`data_invalid`; issue `out_of_range` at `limit` or `pd`) for a limit
   *   that is not whole fen or a PD outside [0, 1]; a period error for an `asOf` no label can name
   */
  add(o: MonitorObservation): void;
  finish(): MonitorSummary;
}

// Sums are exact (see common/exactSum.ts): a float sum of PDs in record order gave the same records
// in another order another mean PD, and so other report bytes.
interface PeriodTally {
  count: number;
  outcomes: Record<Outcome, number>;
  /** PDs in trillionths, exactly. */
  pdUnits: ExactSum;
  /** Approved limits, whole fen, exactly. */
  approvedLimit: ExactSum;
  score: number[];
  features: number[][];
  factors: number[][];
}

const ACCUMULATOR_OPTION_KEYS = everyKeyOf<Parameters<typeof createMonitorAccumulator>[1]>()(['period', 'featureNames']);
/**
 * Starts a monitor over a baseline. `featureNames` is the scorer's column order; every baseline
 * feature must be among them.
 *
 * @throws CreditliftError `model_shape_mismatch` when the baseline names a feature the model does not have
 * @throws ValidationError (subject `MonitorBaseline`) naming every field at fault of a baseline
 *   `parseMonitorBaseline` would refuse (`protected_characteristic` at `features.K.name` when it
 *   bins a column named for a protected characteristic, which no model may read); ValidationError
 *   (subject `createMonitorAccumulator options`) naming each option at fault
 */
export function createMonitorAccumulator(
  baseline: MonitorBaseline,
  given: { readonly period: MonitorPeriod; readonly featureNames?: readonly string[] },
): MonitorAccumulator {
  checkMonitorBaseline(baseline);
  const o = readOptionsObject(given, ACCUMULATOR_OPTION_KEYS, 'createMonitorAccumulator options');
  refuseArguments('createMonitorAccumulator options', [
    periodIssue(['period'], o.period),
    typeIssue(['featureNames'], o.featureNames, 'strings', "the scorer's feature columns, in order (strings)", true),
  ]);
  const columns = baseline.features.map((f) => o.featureNames?.indexOf(f.name) ?? -1);
  if (o.featureNames !== undefined) {
    const missing = baseline.features.filter((_, i) => columns[i] === -1).map((f) => f.name);
    if (missing.length > 0) throw new CreditliftError('model_shape_mismatch', `the monitor baseline has feature(s) the model does not: ${missing.join(', ')}`);
  }
  const periods = new Map<string, PeriodTally>();
  const fair = new Map(FAIRNESS_DIMENSIONS.map((d) => [d, new Map<string, GroupTally>()]));
  let sawFeatures = false;
  let sawFactors = false;
  let sawSegments = false;
  let n = 0;
  const zeros = (b: BinnedBaseline) => new Array<number>(binsIn(b)).fill(0);
  const bump = (counts: number[], k: number) => {
    counts[k] = (counts[k] as number) + 1;
  };

  return {
    add(x) {
      // First, before anything is counted: a date no period label can name, or a figure no exact sum
      // can take, refuses the observation whole.
      const key = periodOf(x.asOf, o.period);
      const pdUnits = toPdUnits(x.pd);
      checkLimit(x.limit);
      n++;
      let p = periods.get(key);
      if (p === undefined) {
        p = {
          count: 0,
          outcomes: { approve: 0, refer: 0, decline: 0 },
          pdUnits: emptyExactSum(),
          approvedLimit: emptyExactSum(),
          score: zeros(baseline.score),
          features: baseline.features.map(zeros),
          factors: baseline.factors.map(zeros),
        };
        periods.set(key, p);
      }
      p.count++;
      p.outcomes[x.outcome]++;
      addUnits(p.pdUnits, pdUnits);
      if (x.outcome === 'approve') addUnits(p.approvedLimit, x.limit);
      bump(p.score, binAt(baseline.score, x.pd));
      const row = x.features;
      if (row !== undefined) {
        sawFeatures = true;
        baseline.features.forEach((f, i) => bump(p.features[i] as number[], binAt(f, row[columns[i] as number] as number)));
      }
      if (x.factors !== undefined) {
        sawFactors = true;
        // A factor the decision does not list contributed nothing: 0 log-odds.
        baseline.factors.forEach((f, i) => bump(p.factors[i] as number[], binAt(f, x.factors?.get(f.factor) ?? 0)));
      }
      if (x.segments !== undefined) {
        sawSegments = true;
        for (const d of FAIRNESS_DIMENSIONS) {
          const groups = fair.get(d) as Map<string, GroupTally>;
          // A minor is set aside in every dimension (declined by law), under its own group.
          const g = fairnessGroupOf(x.segments, d);
          let t = groups.get(g);
          if (t === undefined) groups.set(g, (t = emptyGroupTally()));
          tallyGroup(t, x.outcome === 'approve', x.limit);
        }
      }
    },
    finish() {
      const ordered = [...periods.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      // The noise level of each figure depends on how many figures the run judges (the run's
      // false-alarm chance is split over them), so figures are measured first, judged after.
      const measure = (kind: FigureStability['kind'], name: string, b: BinnedBaseline, countsOf: (p: PeriodTally) => number[]) => {
        const total = zeros(b);
        for (const [, p] of ordered) countsOf(p).forEach((c, k) => (total[k] = (total[k] as number) + c));
        const records = total.reduce((s, c) => s + c, 0);
        const index = populationStabilityIndex(b.shares, total);
        return {
          kind,
          name,
          // The bins below the reference's minimum and above its maximum (numericBaseline): sampling reaches them too.
          range: b.kind === 'numeric' ? { bins: [0, b.edges.length], reference: baseline.count } : undefined,
          index,
          band: index === null ? null : stabilityBand(index),
          records,
          counts: total,
          expected: b.shares,
          actual: total.map((c) => (records === 0 ? 0 : c / records)),
          byPeriod: ordered.map(([period, p]) => ({ period, count: p.count, counts: countsOf(p), index: populationStabilityIndex(b.shares, countsOf(p)) })),
        };
      };
      const scoreMeasured = measure('score', 'score (12-month PD)', baseline.score, (p) => p.score);
      const featuresMeasured = sawFeatures ? baseline.features.map((f, i) => measure('feature', f.name, f, (p) => p.features[i] as number[])) : null;
      const factorsMeasured = sawFactors ? baseline.factors.map((f, i) => measure('factor', f.factor, f, (p) => p.factors[i] as number[])) : null;
      const figures = 1 + (featuresMeasured?.length ?? 0) + (factorsMeasured?.length ?? 0);
      const judged = (m: ReturnType<typeof measure>): FigureStability => {
        const { kind, name, index, band, records, counts, expected, actual, range } = m;
        const byPeriod = m.byPeriod.map((p) => ({
          period: p.period,
          count: p.count,
          index: p.index,
          noise: pearsonNoise(expected, p.counts, figures * ordered.length, range),
        }));
        return { kind, name, index, band, records, noise: pearsonNoise(expected, counts, figures, range), expected, actual, byPeriod };
      };
      const score = judged(scoreMeasured);
      const features = featuresMeasured?.map(judged) ?? null;
      const factors = factorsMeasured?.map(judged) ?? null;
      const rank: Record<StabilityBand, number> = { stable: 0, watch: 1, act: 2 };
      const all = [score, ...(features ?? []), ...(factors ?? [])];
      const banded = all.filter((f): f is FigureStability & { index: number; band: StabilityBand } => f.band !== null && f.band !== 'stable');
      const beyondNoise = (f: FigureStability) => isBeyondNoise(f.noise);
      const flagged = banded
        .filter(beyondNoise)
        .sort((a, b) => rank[b.band] - rank[a.band] || b.index - a.index)
        .map((f) => ({ kind: f.kind, name: f.name, index: f.index, band: f.band }));
      const withinNoise = banded
        .filter((f) => !beyondNoise(f))
        .sort((a, b) => rank[b.band] - rank[a.band] || b.index - a.index)
        .map((f) => ({ kind: f.kind, name: f.name, index: f.index, band: f.band, records: f.records, noise: f.noise }));
      const worst = flagged.reduce<StabilityBand>((w, f) => (rank[f.band] > rank[w] ? f.band : w), 'stable');
      return {
        modelId: baseline.modelId,
        period: o.period,
        observations: n,
        score,
        features,
        factors,
        timeline: ordered.map(([period, p]) => ({
          period,
          count: p.count,
          outcomes: { ...p.outcomes },
          approvalRate: p.outcomes.approve / p.count,
          // The mean in units first: a whole number of units (PDs 0.1, 0.2, 0.3) then gives the exact mean 0.2.
          meanPd: totalAsNumber(p.pdUnits) / p.count / PROBABILITY_UNITS,
          meanLimit: p.outcomes.approve === 0 ? null : Math.round(totalAsNumber(p.approvedLimit) / p.outcomes.approve),
        })),
        fairness: sawSegments ? FAIRNESS_DIMENSIONS.map((d) => fairOutcomes(d, fair.get(d) as Map<string, GroupTally>)) : null,
        flagged,
        withinNoise,
        worstBand: worst,
      };
    },
  };
}

/** A PD in whole trillionths. @throws ValidationError (`out_of_range` at `pd`) outside [0, 1] or NaN */
function toPdUnits(pd: number): number {
  if (!(pd >= 0 && pd <= 1))
    throw new ValidationError(
      'MonitorObservation',
      [{ path: ['pd'], code: 'out_of_range', message: `pd must be a probability in [0, 1], got ${pd}` }],
      'data_invalid',
    );
  return toUnits(pd, PROBABILITY_UNITS);
}

/**
 * Refuses a limit that is not whole fen (money is integer fen): summed, a fraction would make the
 * mean limit depend on the order of the records, and rounded it would be a figure quietly changed.
 *
 * @throws ValidationError (`out_of_range` at `limit`)
 */
function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 0)
    throw new ValidationError(
      'MonitorObservation',
      [{ path: ['limit'], code: 'out_of_range', message: `limit must be whole fen (an integer >= 0), got ${limit}` }],
      'data_invalid',
    );
}
