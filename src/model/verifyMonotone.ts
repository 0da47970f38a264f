import { CreditliftError } from '../errors/creditliftError.js';
import { ensembleMargin } from './evaluateEnsemble.js';
import { NodeMode, type Tree, type TreeEnsemble } from './treeEnsemble.js';

/** A declared monotone direction the model does not keep. */
export interface MonotoneViolation {
  /** Manifest name of the feature. */
  readonly feature: string;
  /** Its input column. */
  readonly column: number;
  readonly declared: -1 | 1;
  /** A witness: the feature's two values and the margins the model gives them, the rest of `row` held fixed. */
  readonly witness: { readonly row: readonly number[]; readonly from: number; readonly to: number; readonly marginFrom: number; readonly marginTo: number };
}

/** A feature's declared direction, with the range it was trained on when known (probed too). */
export interface MonotoneClaim {
  readonly name: string;
  readonly monotone: -1 | 0 | 1;
  readonly trainingRange?: { readonly min: number; readonly max: number } | undefined;
}

/** How each declared direction was established. */
export interface MonotoneCheck {
  readonly feature: string;
  /** `tree_structure`: proven exactly, tree by tree; `probe`: no counterexample on the probe grid; `violated`. */
  readonly result: 'tree_structure' | 'probe' | 'violated';
}

/** The model breaks a monotone direction its manifest claims. Code `model_monotonicity_violated`; every feature listed. */
export class MonotoneViolationError extends CreditliftError {
  readonly violations: readonly MonotoneViolation[];

  constructor(violations: readonly MonotoneViolation[]) {
    const lines = violations.map(
      (v) =>
        `  - ${v.feature} (declared ${v.declared > 0 ? '+1' : '-1'}): moving it from ${v.witness.from} to ${v.witness.to} takes the margin from ${v.witness.marginFrom.toFixed(6)} to ${v.witness.marginTo.toFixed(6)}`,
    );
    super(
      'model_monotonicity_violated',
      `The model breaks the monotone direction its manifest declares for ${violations.map((v) => `"${v.feature}"`).join(', ')}:\n${lines.join('\n')}`,
    );
    this.name = 'MonotoneViolationError';
    this.violations = violations;
  }
}

/** Interval of one feature a leaf's path allows (non-missing values), and whether a missing value reaches it. */
interface Range {
  lo: number;
  loIn: boolean;
  hi: number;
  hiIn: boolean;
  nan: boolean;
}

interface Leaf {
  readonly value: number;
  /** Only features the path tests; untested features allow everything. */
  readonly ranges: ReadonlyMap<number, Range>;
}

const FULL: Range = { lo: -Infinity, loIn: false, hi: Infinity, hiIn: false, nan: true };

function nonEmpty(r: Range): boolean {
  return r.lo < r.hi || (r.lo === r.hi && r.loIn && r.hiIn);
}

/** Values (and missingness) both ranges allow. */
function meet(a: Range, b: Range): Range {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  const loIn = (a.lo === lo ? a.loIn : true) && (b.lo === lo ? b.loIn : true);
  const hiIn = (a.hi === hi ? a.hiIn : true) && (b.hi === hi ? b.hiIn : true);
  return { lo, loIn, hi, hiIn, nan: a.nan && b.nan };
}

function intersects(a: Range, b: Range): boolean {
  const m = meet(a, b);
  return m.nan || nonEmpty(m);
}

/** The leaves of a tree with their boxes, or undefined when a split is not an ordered comparison (EQ / NEQ). */
function leavesOf(tree: Tree): Leaf[] | undefined {
  const out: Leaf[] = [];
  const walk = (i: number, ranges: Map<number, Range>): boolean => {
    const mode = tree.mode[i] as number;
    if (mode === NodeMode.LEAF) {
      out.push({ value: tree.leafValue[i] as number, ranges });
      return true;
    }
    if (mode === NodeMode.BRANCH_EQ || mode === NodeMode.BRANCH_NEQ) return false;
    const f = tree.feature[i] as number;
    const t = tree.threshold[i] as number;
    const r = ranges.get(f) ?? FULL;
    const nanTrue = tree.missingTracksTrue[i] === 1;
    // "below" is the side holding values under the threshold; which side it is depends on the mode.
    const below: Range = {
      ...r,
      hi: Math.min(r.hi, t),
      hiIn: r.hi < t ? r.hiIn : r.hi === t ? r.hiIn && mode === NodeMode.BRANCH_LEQ : mode === NodeMode.BRANCH_LEQ || mode === NodeMode.BRANCH_GT,
    };
    const above: Range = {
      ...r,
      lo: Math.max(r.lo, t),
      loIn:
        r.lo > t
          ? r.loIn
          : r.lo === t
            ? r.loIn && (mode === NodeMode.BRANCH_LT || mode === NodeMode.BRANCH_GTE)
            : mode === NodeMode.BRANCH_LT || mode === NodeMode.BRANCH_GTE,
    };
    // LT / LEQ: true is below; GT / GTE: true is above.
    const trueIsBelow = mode === NodeMode.BRANCH_LT || mode === NodeMode.BRANCH_LEQ;
    const onTrue = { ...(trueIsBelow ? below : above), nan: r.nan && nanTrue };
    const onFalse = { ...(trueIsBelow ? above : below), nan: r.nan && !nanTrue };
    return walk(tree.trueChild[i] as number, new Map(ranges).set(f, onTrue)) && walk(tree.falseChild[i] as number, new Map(ranges).set(f, onFalse));
  };
  return walk(0, new Map()) ? out : undefined;
}

/**
 * Pairs of leaves of one tree that a single row could reach by changing feature `f` alone, with
 * the lower-`f` leaf first and a larger value than the direction allows. Exact for one tree: the
 * tree is monotone in `f` iff this is empty.
 */
function treeWitnesses(leaves: readonly Leaf[], f: number, direction: 1 | -1): [Leaf, Leaf][] {
  const out: [Leaf, Leaf][] = [];
  const withF = leaves.filter((l) => nonEmpty(l.ranges.get(f) ?? FULL));
  const compatible = (a: Leaf, b: Leaf): boolean => {
    for (const [g, r] of a.ranges) if (g !== f && !intersects(r, b.ranges.get(g) ?? FULL)) return false;
    // Features only b tests: a allows everything there, so only an empty range of b's could clash.
    for (const [g, r] of b.ranges) if (g !== f && !a.ranges.has(g) && !r.nan && !nonEmpty(r)) return false;
    return true;
  };
  for (const a of withF) {
    for (const b of withF) {
      // Cheapest test first: most pairs agree with the direction.
      if (!((b.value - a.value) * direction < -1e-12 * Math.max(1, Math.abs(a.value), Math.abs(b.value)))) continue;
      if (!((a.ranges.get(f) ?? FULL).hi <= (b.ranges.get(f) ?? FULL).lo)) continue; // a's values all below b's
      if (compatible(a, b)) out.push([a, b]);
    }
  }
  return out;
}

/** A value inside a range (its midpoint, or an end nudged inside), or NaN when only a missing value reaches it. */
function pointIn(r: Range): number {
  if (!nonEmpty(r)) return Number.NaN;
  if (r.lo === -Infinity && r.hi === Infinity) return 0;
  if (r.lo === -Infinity) return r.hiIn ? r.hi : r.hi - Math.max(1e-3, Math.abs(r.hi) * 1e-3);
  if (r.hi === Infinity) return r.loIn ? r.lo : r.lo + Math.max(1e-3, Math.abs(r.lo) * 1e-3);
  return r.lo + (r.hi - r.lo) / 2;
}

/**
 * Checks every monotone direction the feature list declares against the ensemble. Tree by tree
 * first (exact: a sum of monotone trees is monotone); where a tree is not monotone on its own (or
 * uses EQ/NEQ splits) the whole ensemble is probed along the feature, at every split threshold of
 * it and just either side, from rows that make each offending pair of leaves reachable plus a grid
 * of the other features' split points. Missing values are not ordered (the law holds between any
 * two non-missing values).
 *
 * @returns how each declared direction was established, and the violations with a witness row
 */
export function checkMonotone(ensemble: TreeEnsemble, features: readonly MonotoneClaim[]): { checks: MonotoneCheck[]; violations: MonotoneViolation[] } {
  const checks: MonotoneCheck[] = [];
  const violations: MonotoneViolation[] = [];
  const leaves = ensemble.trees.map(leavesOf);
  const thresholds: number[][] = Array.from({ length: ensemble.nFeatures }, () => []);
  for (const tree of ensemble.trees) {
    for (let i = 0; i < tree.feature.length; i++) if (tree.mode[i] !== NodeMode.LEAF) thresholds[tree.feature[i] as number]?.push(tree.threshold[i] as number);
  }
  features.forEach((feature, f) => {
    if (feature.monotone === 0 || f >= ensemble.nFeatures) return;
    const direction = feature.monotone;
    const seeds: Float64Array[] = [];
    let exact = true;
    ensemble.trees.forEach((tree, t) => {
      if (!tree.feature.includes(f)) return;
      const ls = leaves[t];
      if (ls === undefined) {
        exact = false;
        return;
      }
      for (const [a, b] of treeWitnesses(ls, f, direction).slice(0, 4)) {
        exact = false;
        const row = new Float64Array(ensemble.nFeatures);
        for (let g = 0; g < ensemble.nFeatures; g++) {
          if (g === f) continue;
          // A value both leaves' paths allow (or missing, when only that reaches both).
          row[g] = pointIn(meet(a.ranges.get(g) ?? FULL, b.ranges.get(g) ?? FULL));
        }
        seeds.push(row);
      }
    });
    if (exact) {
      checks.push({ feature: feature.name, result: 'tree_structure' });
      return;
    }
    // A small grid of the other features' split points adds rows no single pair suggested.
    for (let k = 0; k < 16; k++) {
      const row = new Float64Array(ensemble.nFeatures);
      for (let g = 0; g < ensemble.nFeatures; g++) {
        const ts = thresholds[g] ?? [];
        row[g] = ts.length === 0 ? 0 : (ts[(k * 7 + g * 13) % ts.length] as number) + (k % 2 === 0 ? -1e-3 : 1e-3);
      }
      seeds.push(row);
    }
    // Every split point of the feature and just either side, plus the ends of its training range.
    const range = feature.trainingRange === undefined ? [] : [feature.trainingRange.min, feature.trainingRange.max];
    const xs = [
      ...new Set([...range, ...(thresholds[f] ?? []).flatMap((t) => [t - Math.max(1e-4, Math.abs(t) * 1e-4), t, t + Math.max(1e-4, Math.abs(t) * 1e-4)])]),
    ].sort((a, b) => a - b);
    let found: MonotoneViolation | undefined;
    for (const row of seeds) {
      let prevX = Number.NaN;
      let prev = Number.NaN;
      for (const x of xs) {
        row[f] = x;
        const m = ensembleMargin(ensemble, row);
        if (!Number.isNaN(prev) && (m - prev) * direction < -1e-9) {
          found = {
            feature: feature.name,
            column: f,
            declared: direction,
            witness: { row: Array.from(row), from: prevX, to: x, marginFrom: prev, marginTo: m },
          };
          break;
        }
        prevX = x;
        prev = m;
      }
      if (found) break;
    }
    if (found) violations.push(found);
    checks.push({ feature: feature.name, result: found ? 'violated' : 'probe' });
  });
  return { checks, violations };
}

/**
 * Refuses an ensemble that breaks a declared monotone direction.
 *
 * @throws MonotoneViolationError (`model_monotonicity_violated`) naming every feature at fault, with a witness
 */
export function assertMonotone(ensemble: TreeEnsemble, features: readonly MonotoneClaim[]): MonotoneCheck[] {
  const { checks, violations } = checkMonotone(ensemble, features);
  if (violations.length > 0) throw new MonotoneViolationError(violations);
  return checks;
}
