import { z } from 'zod';
import { refuseArguments, schemaIssues, typeIssue } from '../errors/argumentIssues.js';
import { ValidationError, type ValidationIssue, validationIssuesFromZod } from '../errors/validationError.js';
import { protectedNameIssues } from '../text/protectedCharacteristic.js';
import { MonitorFeatureSet } from './monitorFeatureSet.js';
import { MonitorCatalog } from './monitorCatalog.js';
import { SHARE_SUM_TOLERANCE } from './stabilityIndex.js';

/**
 * How one figure is binned, and the baseline's share in each bin. Numeric: bin k holds values v
 * with edges[k-1] <= v < edges[k] (open at both ends), so there are edges.length + 1 bins; a
 * missing value (NaN) has a bin of its own, last. Categorical: one bin per code 0..n-1, then the
 * missing (or unknown) bin.
 */
export const BinnedBaseline = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('numeric'),
    edges: z.array(z.number().finite()),
    /** edges.length + 2 shares: the bins, then missing. */
    shares: z.array(z.number().min(0).max(1)),
  }),
  z.strictObject({
    kind: z.literal('categorical'),
    categories: z.array(z.string()),
    /** categories.length + 1 shares: each category, then missing or unknown. */
    shares: z.array(z.number().min(0).max(1)),
  }),
]);
/** A binned baseline of one figure. */
export type BinnedBaseline = z.infer<typeof BinnedBaseline>;

/**
 * Everything a monitor compares against, built once from a reference sample (for the default
 * model: the training population's holdout): the score's bins, each model feature's bins, each
 * factor's contribution bins (log-odds, for characteristic stability), and which of the lender's
 * own features they were measured on.
 */
export const MonitorBaseline = z.strictObject({
  format: z.literal('creditlift.monitorBaseline/1'),
  /** `name@version` of the model it belongs to. */
  modelId: z.string().min(1),
  /**
   * SHA-256 of the model file it was built with: a model rebuilt under the same id (as the default
   * model was after 0.1.0) is another model, told apart by it. Absent on a baseline built before
   * it was recorded, which is then matched by `modelId` alone.
   */
  modelSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'expected lowercase hex SHA-256')
    .optional(),
  /** Where the reference sample came from, for people. */
  source: z.string(),
  count: z.number().int().min(1),
  /** The 12-month PD, binned (for the default model: the model card's holdout deciles). */
  score: BinnedBaseline,
  features: z.array(z.object({ name: z.string().min(1) }).and(BinnedBaseline)),
  /** Each factor's summed TreeSHAP contribution (log-odds), binned at the reference sample's deciles. */
  factors: z.array(z.object({ factor: z.string().min(1) }).and(BinnedBaseline)),
  /**
   * The lender's own features the model reads, as measured here; absent when it reads built-in
   * features only. A run on another feature set is refused (see `monitorApplicants`).
   */
  featureSet: MonitorFeatureSet.optional(),
  /**
   * The certificate catalog the evidence was assessed with, when not the default catalog; absent for
   * the default catalog (every baseline before catalogs were recorded). A run with another is
   * refused (see `monitorApplicants`).
   */
  catalog: MonitorCatalog.optional(),
});
/** A monitor baseline; see {@link MonitorBaseline}. */
export type MonitorBaseline = z.infer<typeof MonitorBaseline>;

/**
 * Validates a monitor baseline read from JSON: its shape, each figure's share count (and that its
 * shares sum to 1), and that no
 * column it bins names a protected characteristic (which no model may read, whatever its data
 * category, so no monitor measures it).
 *
 * @throws ValidationError naming every field at fault (`protected_characteristic` at `features.K.name`)
 */
export function parseMonitorBaseline(value: unknown): MonitorBaseline {
  const r = MonitorBaseline.safeParse(value);
  if (!r.success) throw ValidationError.fromZod('MonitorBaseline', r.error);
  const issues = baselineIssues(r.data);
  if (issues.length > 0) throw new ValidationError('MonitorBaseline', issues);
  return r.data;
}

/** Every fault {@link parseMonitorBaseline} refuses `value` for (none for a valid baseline). */
export function monitorBaselineIssues(value: unknown): ValidationIssue[] {
  const r = MonitorBaseline.safeParse(value);
  return r.success ? baselineIssues(r.data) : validationIssuesFromZod(r.error);
}

function baselineIssues(baseline: MonitorBaseline): ValidationIssue[] {
  const entries: [readonly (string | number)[], BinnedBaseline][] = [
    [['score'], baseline.score],
    ...baseline.features.map((b, i): [readonly (string | number)[], BinnedBaseline] => [['features', i], b]),
    ...baseline.factors.map((b, i): [readonly (string | number)[], BinnedBaseline] => [['factors', i], b]),
  ];
  const issues: ValidationIssue[] = [];
  for (const [at, b] of entries) {
    const want = binsIn(b);
    if (b.shares.length !== want) issues.push({ path: [...at, 'shares'], code: 'invalid_length', message: `expected ${want} shares, got ${b.shares.length}` });
    // Checked on reading, as the index checks it: else a run would fail at its end on a file read at its start.
    // (One issue per entry: shares of the wrong count are named for it, whatever they sum to.)
    const sum = b.shares.reduce((t, x) => t + x, 0);
    if (b.shares.length === want && Math.abs(sum - 1) > SHARE_SUM_TOLERANCE)
      issues.push({ path: [...at, 'shares'], code: 'invalid_value', message: `shares must sum to 1 (within ${SHARE_SUM_TOLERANCE}), got ${sum}` });
  }
  issues.push(...protectedColumnIssues(baseline));
  return issues;
}

/**
 * Refuses a baseline (read from a file or passed as an object) that bins a column named for a
 * protected characteristic (`gender_code`, `blood_group`): the scorer refuses such a feature, so
 * the monitor does not measure one either.
 *
 * @throws ValidationError (subject `MonitorBaseline`) with a `protected_characteristic` issue per column, at its path
 */
export function checkMonitorBaselineColumns(baseline: Pick<MonitorBaseline, 'features' | 'featureSet'>): void {
  const issues = protectedColumnIssues(baseline);
  if (issues.length > 0) throw new ValidationError('MonitorBaseline', issues);
}

function protectedColumnIssues(baseline: Pick<MonitorBaseline, 'features' | 'featureSet'>): ValidationIssue[] {
  return [
    ...protectedNameIssues(
      baseline.features.map((f) => f.name),
      (i) => ['features', i, 'name'],
      'monitor baseline column',
    ),
    ...protectedNameIssues(
      (baseline.featureSet?.lenderFeatures ?? []).map((f) => f.name),
      (i) => ['featureSet', 'lenderFeatures', i, 'name'],
      'monitor baseline lender feature',
    ),
  ];
}

/**
 * Number of bins of a binned baseline, the missing bin included.
 *
 * @throws ValidationError (subject `binCount`) naming `b` when it is not a {@link BinnedBaseline}
 */
export function binCount(b: BinnedBaseline): number {
  refuseArguments('binCount', [schemaIssues(['b'], b, BinnedBaseline)]);
  return binsIn(b);
}

/** {@link binCount} of a baseline the monitor holds (unchecked: once per observation). */
export function binsIn(b: BinnedBaseline): number {
  return b.kind === 'numeric' ? b.edges.length + 2 : b.categories.length + 1;
}

/**
 * The bin a value falls in (`NaN` is missing; a categorical value is its code, and any other code is unknown).
 *
 * @throws ValidationError (subject `binOf`) naming `b` when it is not a {@link BinnedBaseline}, `v` when it is not a number
 */
export function binOf(b: BinnedBaseline, v: number): number {
  refuseArguments('binOf', [schemaIssues(['b'], b, BinnedBaseline), typeIssue(['v'], v, 'number', 'a number (NaN for missing)')]);
  return binAt(b, v);
}

/** {@link binOf} in a baseline the monitor holds (unchecked: once per figure of every observation). */
export function binAt(b: BinnedBaseline, v: number): number {
  if (b.kind === 'categorical') return Number.isInteger(v) && v >= 0 && v < b.categories.length ? v : b.categories.length;
  if (Number.isNaN(v)) return b.edges.length + 1;
  // Binary search: the count of edges <= v.
  let lo = 0;
  let hi = b.edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v >= (b.edges[mid] as number)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How far outside the reference range the outer edges sit, relative to the value (absolute below 1):
 * far enough that the 8 significant digits a baseline file holds never round an edge onto the
 * reference's own minimum or maximum, near enough that only values beyond them (float32 inputs
 * differ by at least 6e-8 relative) fall outside.
 */
const OUTER_EDGE_MARGIN = 1e-6;

/**
 * Bins a reference sample of a numeric figure at its deciles. Ties collapse edges (a feature
 * that is 0 for half the sample gets fewer bins), so every bin inside the sample's range holds a
 * real share, and a minimum the sample holds more than once has a bin of its own. Two more edges,
 * just below its minimum and just above its maximum, make a bin on each side the sample never filled: a value outside the reference range is a new value, always
 * beyond sampling noise, and a constant sample (a feature 0 throughout the holdout) can still show
 * drift (without them it had one bin, (-inf, +inf), and 56% of a book 90 days past due was "stable, 0").
 *
 * @throws ValidationError (subject `numericBaseline`) naming `values` when they are not numbers
 */
export function numericBaseline(values: ArrayLike<number>): BinnedBaseline {
  refuseArguments('numericBaseline', [typeIssue(['values'], values, 'numbers', 'an array (or typed array) of numbers')]);
  const present = Float64Array.from(Array.prototype.filter.call(values, (v: number) => !Number.isNaN(v)) as number[]).sort();
  const edges: number[] = [];
  const min = present[0];
  const max = present[present.length - 1];
  if (min !== undefined && max !== undefined) {
    const margin = (v: number) => OUTER_EDGE_MARGIN * Math.max(1, Math.abs(v));
    const cuts = [min - margin(min), max + margin(max)];
    // A minimum the sample holds more than once gets a bin of its own: when it holds nine deciles
    // (current_days_past_due: 0 for 97% of the holdout, up to 354 for the rest) the deciles all
    // collapse onto it, and every value up to the maximum shared its bin.
    if (present.length > 1 && present[1] === min) cuts.push(min + margin(min));
    for (let k = 1; k < 10; k++) {
      const e = present[Math.min(present.length - 1, Math.floor((k * present.length) / 10))] as number;
      if (e > min) cuts.push(e);
    }
    cuts.sort((a, b) => a - b);
    for (const e of cuts) if (edges.length === 0 || e > (edges[edges.length - 1] as number)) edges.push(e);
  }
  const b: BinnedBaseline = { kind: 'numeric', edges, shares: [] };
  return { ...b, shares: sharesIn(b, values) };
}

/**
 * Bins a reference sample of a categorical figure (codes) by category.
 *
 * @throws ValidationError (subject `categoricalBaseline`) naming `categories` when they are not
 *   strings, `codes` when they are not numbers
 */
export function categoricalBaseline(categories: readonly string[], codes: ArrayLike<number>): BinnedBaseline {
  refuseArguments('categoricalBaseline', [
    typeIssue(['categories'], categories, 'strings', 'an array of category names (strings)'),
    typeIssue(['codes'], codes, 'numbers', 'an array (or typed array) of category codes'),
  ]);
  const b: BinnedBaseline = { kind: 'categorical', categories: [...categories], shares: [] };
  return { ...b, shares: sharesIn(b, codes) };
}

/**
 * The shares of `values` in the bins of `b`.
 *
 * @throws ValidationError (subject `sharesOf`) naming `b` when it is not a {@link BinnedBaseline}, `values` when they are not numbers
 */
export function sharesOf(b: BinnedBaseline, values: ArrayLike<number>): number[] {
  refuseArguments('sharesOf', [schemaIssues(['b'], b, BinnedBaseline), typeIssue(['values'], values, 'numbers', 'an array (or typed array) of numbers')]);
  return sharesIn(b, values);
}

function sharesIn(b: BinnedBaseline, values: ArrayLike<number>): number[] {
  const counts = new Array<number>(binsIn(b)).fill(0);
  for (let i = 0; i < values.length; i++) {
    const k = binAt(b, values[i] as number);
    counts[k] = (counts[k] as number) + 1;
  }
  return counts.map((c) => (values.length === 0 ? 0 : c / values.length));
}
