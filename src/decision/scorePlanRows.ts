import type { DivergenceWalker, Float32PartialEvaluator } from '../model/float32PartialEvaluator.js';
import { counterfactualDiffersInEvidenceOnly, type DecisionPlan, planRowCount } from './decisionPlan.js';
import type { ScoringModel } from './scoringModel.js';

/**
 * In a batch (main rows scored by onnxruntime), a plan's counterfactual rows are re-walked only
 * when it has at least this many distinct ones: the check walks the main row in full (~5 µs), which
 * one or two rows do not repay, so they go to onnxruntime with the main rows. Measured on
 * decideBatch rows of 1,024 applicants, CPU per decision, partial against onnxruntime: no
 * suggestions (one or two distinct rows) 12 against 8-11 µs (re-walks from the root); 3 suggestions
 * (about 17) 48 against 65 µs with the divergence walker (bench/whatIf/planRowScoring.ts).
 */
const MIN_PARTIAL_ROWS_IN_BATCH = 8;

/** What {@link scorePlanRows} needs besides the rows: the model, its proved partial evaluator, the row layout. */
export interface PlanRowScorer {
  readonly model: Pick<ScoringModel, 'predict'>;
  /** The model's partial evaluator when its float32 evaluator was proved at load; undefined sends every row to `predict`. */
  readonly partial: Float32PartialEvaluator | undefined;
  /** Columns per row. */
  readonly width: number;
  /** The columns a counterfactual row may differ in from its main row (see `evidenceColumns`). */
  readonly evidenceColumns: readonly number[];
  /**
   * Runs of at most this many rows are scored by the model's own proved float32 evaluator
   * (`LoadedModel.evaluator.maxRows`; 0 when onnxruntime scores every run). When the main rows
   * make such a run, a main row whose counterfactuals are re-walked takes its PD from the same
   * float32 walk (the arithmetic `predict` would run) rather than walking it twice.
   */
  readonly smallRunRows: number;
}

/** How the rows of one {@link scorePlanRows} call were scored. */
export interface PlanRowCounts {
  /** Rows of the plans. */
  readonly rows: number;
  /** Rows equal to an earlier row of the same plan, which take its PD. */
  readonly duplicates: number;
  /** Rows scored by re-walking only the trees that read their changed columns. */
  readonly partial: number;
  /** Rows scored by the model's `predict` (main rows, rows of other applicants, deferred rows). */
  readonly predicted: number;
}

/**
 * The PD of every row of a chunk of plans (encoded by `encodePlan` from `firstRows[i]`), the same
 * bits `model.predict(rows, nRows)` gives, for less work:
 * - a counterfactual row equal to an earlier row of its plan (or to the main row) takes that
 *   row's PD: the rows are compared by content, the bits of every column that may differ, so
 *   it holds for any feature set (many what-if kinds move the same features the same way);
 * - the main rows (and any row not built from its main row) are scored by `model.predict`;
 * - with a proved float32 evaluator, the other rows re-walk only the trees whose main-row path
 *   tests a column where they differ from their main row, from the first such test on (a
 *   `DivergenceWalker`), keeping the main row's other leaves and its running sum up to the first
 *   re-walked tree; that is used only when the main row's own JS walk gives exactly the PD
 *   `predict` gave it, so each decision checks the layout against the model once. When the main
 *   rows are a small run (`smallRunRows`, e.g. one decide()), predict would run that very walk, so
 *   it is run once and gives the main PD. In a batch, only plans with
 *   {@link MIN_PARTIAL_ROWS_IN_BATCH} or more distinct rows are re-walked. Rows whose float32
 *   logistic is a near tie, and the rows of a plan whose check failed, go to `predict`.
 *
 * @example
 * const pds = await scorePlanRows(scorer, plans, rows, firstRows, nRows);
 */
export async function scorePlanRows(
  scorer: PlanRowScorer,
  plans: readonly DecisionPlan[],
  rows: Float32Array,
  firstRows: readonly number[],
  nRows: number,
  counts?: (c: PlanRowCounts) => void,
): Promise<Float32Array> {
  const { width, partial } = scorer;
  const changed = scorer.evidenceColumns;
  const bits = new Uint32Array(rows.buffer, rows.byteOffset, nRows * width);
  /** The row whose PD each row takes (itself, or an equal row before it in its plan). */
  const source = new Int32Array(nRows);
  /** The main row of each row, for the partial walks. */
  const mainOf = new Int32Array(nRows);
  const viaModel: number[] = [];
  const viaPartial: number[] = [];
  let duplicates = 0;
  // Rows built from the main row equal it outside `changed`, so these bits are the row's content.
  const sameContent = (a: number, b: number): boolean => {
    for (let k = 0; k < changed.length; k++) {
      const c = changed[k] as number;
      if (bits[a * width + c] !== bits[b * width + c]) return false;
    }
    return true;
  };
  const hashOf = (r: number): number => {
    let h = 0x811c9dc5;
    for (let k = 0; k < changed.length; k++) h = Math.imul(h ^ (bits[r * width + (changed[k] as number)] as number), 0x01000193);
    return h;
  };
  // The distinct rows of the plan so far and their hashes: a plan has a few dozen rows, so a scan
  // of int hashes (full compare only on a hash match) beats building keys.
  const distinct: number[] = [];
  const hashes: number[] = [];
  for (let p = 0; p < plans.length; p++) {
    const plan = plans[p] as DecisionPlan;
    const first = firstRows[p] as number;
    source[first] = first;
    viaModel.push(first);
    const nCounterfactuals = planRowCount(plan) - 1;
    if (nCounterfactuals === 0) continue;
    distinct.length = 0;
    hashes.length = 0;
    distinct.push(first);
    hashes.push(hashOf(first));
    let r = first + 1;
    for (let k = 0; k < nCounterfactuals; k++) {
      source[r] = r;
      if (!counterfactualDiffersInEvidenceOnly(plan, k)) viaModel.push(r);
      else {
        const h = hashOf(r);
        let same = -1;
        for (let k = 0; k < distinct.length && same < 0; k++) if (hashes[k] === h && sameContent(distinct[k] as number, r)) same = distinct[k] as number;
        if (same >= 0) {
          source[r] = same;
          duplicates++;
        } else {
          distinct.push(r);
          hashes.push(h);
          mainOf[r] = first;
          (partial === undefined ? viaModel : viaPartial).push(r);
        }
      }
      r++;
    }
  }

  const pds = new Float32Array(nRows);
  // A small run would be walked by the float32 evaluator inside predict: the main rows whose
  // counterfactuals are re-walked get that walk below instead, once.
  const walkMains = partial !== undefined && viaModel.length <= scorer.smallRunRows;
  if (partial !== undefined && !walkMains && viaPartial.length > 0) {
    // In a batch, onnxruntime scores a row for about what a partial walk costs, and the main row's
    // full walk (the check) is paid per plan: only plans with enough distinct rows gain from it.
    const kept: number[] = [];
    for (let i = 0; i < viaPartial.length; ) {
      let j = i;
      while (j < viaPartial.length && mainOf[viaPartial[j] as number] === mainOf[viaPartial[i] as number]) j++;
      for (let k = i; k < j; k++) (j - i >= MIN_PARTIAL_ROWS_IN_BATCH ? kept : viaModel).push(viaPartial[k] as number);
      i = j;
    }
    if (kept.length < viaPartial.length) viaModel.sort((a, b) => a - b);
    viaPartial.length = 0;
    viaPartial.push(...kept);
  }
  const walkedMains = new Set<number>();
  if (walkMains) for (const r of viaPartial) walkedMains.add(mainOf[r] as number);
  await predictInto(scorer, rows, nRows, walkMains ? viaModel.filter((r) => !walkedMains.has(r)) : viaModel, pds);

  let partialRows = 0;
  const deferred: number[] = [];
  const deferredMains: number[] = [];
  if (partial !== undefined && viaPartial.length > 0) {
    const nChanged = changed.length;
    const scratch = partialScratchOf(scorer, partial);
    const { walker, changedCols, changedBits } = scratch;
    // One plan's rows at a time: each is walked on from its main row, where the trees its changes
    // can reach leave the main row's path.
    let { offsets, masks, got } = scratch;
    for (let i = 0; i < viaPartial.length; ) {
      const m = mainOf[viaPartial[i] as number] as number;
      let j = i;
      while (j < viaPartial.length && mainOf[viaPartial[j] as number] === m) j++;
      const p = walker.walkBase(rows, m * width);
      let trusted: boolean;
      if (walkMains) {
        // The walk predict would have run; a near tie of the logistic goes to predict (onnxruntime).
        trusted = p === p;
        if (trusted) pds[m] = p;
        else deferredMains.push(m);
      }
      // A near-tie NaN never matches; -0 and 0 are told apart: the exact bits or nothing.
      else trusted = p === p && Object.is(p, pds[m]);
      if (!trusted) {
        for (let k = i; k < j; k++) deferred.push(viaPartial[k] as number);
        i = j;
        continue;
      }
      const n = j - i;
      if (n > offsets.length) {
        offsets = scratch.offsets = new Int32Array(2 * n);
        masks = scratch.masks = new Int32Array(2 * n);
        got = scratch.got = new Float64Array(2 * n);
      }
      const mAt = m * width;
      for (let k = 0; k < n; k++) {
        const at = (viaPartial[i + k] as number) * width;
        let mask = 0;
        for (let c = 0; c < nChanged; c++) {
          const col = changedCols[c] as number;
          if (bits[at + col] !== bits[mAt + col]) mask |= changedBits[c] as number;
        }
        offsets[k] = at;
        masks[k] = mask;
      }
      walker.walkDiverged(rows, offsets, masks, n, got);
      for (let k = 0; k < n; k++) {
        const r = viaPartial[i + k] as number;
        const q = got[k] as number;
        if (q !== q) deferred.push(r);
        else {
          pds[r] = q;
          partialRows++;
        }
      }
      i = j;
    }
    // Main rows first in row order, then their plans' rows: predictInto takes ascending rows.
    await predictInto(scorer, rows, nRows, deferredMains.length === 0 ? deferred : [...deferredMains, ...deferred].sort((a, b) => a - b), pds);
  }

  for (let r = 0; r < nRows; r++) {
    const s = source[r] as number;
    if (s !== r) pds[r] = pds[s] as number;
  }
  counts?.({ rows: nRows, duplicates, partial: partialRows, predicted: viaModel.length - walkedMains.size + deferredMains.length + deferred.length });
  return pds;
}

/**
 * What the re-walks of one scorer's rows work with: its divergence walker and the buffers of a
 * plan's rows. Building them cost a single decide() 10-30 µs per call (a dozen typed arrays and the
 * walker's closures), which a batch pays once per chunk; kept per scorer, they are built on its
 * first re-walk. One set serves every call of the scorer: the walker's state and the buffers are
 * used only between a walkBase and the walkDiverged after it, which run without an await between
 * them, so two calls in flight never see each other's.
 */
interface PartialScratch {
  readonly walker: DivergenceWalker;
  readonly changedCols: Int32Array;
  readonly changedBits: Int32Array;
  offsets: Int32Array;
  masks: Int32Array;
  got: Float64Array;
}

/** Keyed by the scorer object, whose partial evaluator and evidence columns never change. */
const partialScratches = new WeakMap<PlanRowScorer, PartialScratch>();

function partialScratchOf(scorer: PlanRowScorer, partial: Float32PartialEvaluator): PartialScratch {
  let s = partialScratches.get(scorer);
  if (s === undefined) {
    const changed = scorer.evidenceColumns;
    const walker = partial.divergenceWalker(changed);
    s = {
      walker,
      changedCols: Int32Array.from(changed),
      changedBits: Int32Array.from(changed, (_, j) => walker.bitOf(j)),
      offsets: new Int32Array(32),
      masks: new Int32Array(32),
      got: new Float64Array(32),
    };
    partialScratches.set(scorer, s);
  }
  return s;
}

/** Scores the rows `which` (ascending) with the model's `predict`, in one call, into `pds`. */
async function predictInto(scorer: PlanRowScorer, rows: Float32Array, nRows: number, which: readonly number[], pds: Float32Array): Promise<void> {
  if (which.length === 0) return;
  const w = scorer.width;
  if (which.length === nRows) {
    pds.set(await scorer.model.predict(rows, nRows));
    return;
  }
  const subset = new Float32Array(which.length * w);
  which.forEach((r, k) => subset.set(rows.subarray(r * w, (r + 1) * w), k * w));
  const got = await scorer.model.predict(subset, which.length);
  which.forEach((r, k) => {
    pds[r] = got[k] as number;
  });
}
