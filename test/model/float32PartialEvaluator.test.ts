import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenFloat32Ensemble } from '../../src/model/float32Ensemble.js';
import { evaluateFloat32 } from '../../src/model/float32Evaluator.js';
import { createFloat32PartialEvaluator, provenPartialEvaluator } from '../../src/model/float32PartialEvaluator.js';
import { loadModel } from '../../src/model/loadModel.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { decodeTreeEnsembleModel } from '../../src/model/onnx/decodeTreeEnsemble.js';
import { encodeTreeEnsembleModel } from '../../src/model/onnx/encodeTreeEnsemble.js';
import { allocateTree, NodeMode, type Tree, type TreeEnsemble } from '../../src/model/treeEnsemble.js';
import { ensembleArb, featureValueArb } from '../fixtures/onnx/arbitraries.js';

const bits = (x: number): number => new Uint32Array(Float32Array.of(x).buffer)[0] as number;

/** The ensemble as loadModel holds it: written to ONNX and read back (float32 leaves and base). */
const asLoaded = (ensemble: TreeEnsemble) =>
  decodeTreeEnsembleModel(encodeTreeEnsembleModel({ ensemble, featureNames: Array.from({ length: ensemble.nFeatures }, (_, i) => `f${i}`), metadata: {} }))
    .ensemble;

/** An ensemble (with more trees than the default arbitrary), a row, and a second row changed in some columns. */
const caseArb = ensembleArb({ maxTrees: 12 }).chain((e) =>
  fc.tuple(
    fc.constant(e),
    fc.array(featureValueArb, { minLength: e.nFeatures, maxLength: e.nFeatures }),
    fc.array(fc.option(featureValueArb, { nil: undefined }), { minLength: e.nFeatures, maxLength: e.nFeatures }),
  ),
);

describe('float32 partial evaluator', () => {
  it('counts the trees testing a column; an unchanged row keeps the base row’s bits', () => {
    fc.assert(
      fc.property(caseArb, ([ensemble, base]) => {
        const flat = flattenFloat32Ensemble(asLoaded(ensemble));
        if (!flat.ok) throw new Error(flat.reason);
        const partial = createFloat32PartialEvaluator(flat.ensemble);
        expect(partial.treesReading([])).toBe(0);
        const all = Array.from({ length: ensemble.nFeatures }, (_, j) => j);
        const splitting = ensemble.trees.filter((t) => t.feature.some((f) => f >= 0)).length;
        expect(partial.treesReading(all)).toBe(splitting);
        // With no column changed, the base row's leaves are the answer.
        const rows = Float32Array.from(base);
        const walker = partial.divergenceWalker(all);
        const p = walker.walkBase(rows, 0);
        const out = new Float64Array(1);
        walker.walkDiverged(rows, Int32Array.of(0), Int32Array.of(0), 1, out);
        expect(Number.isNaN(p) ? Number.isNaN(out[0] as number) : bits(p) === bits(out[0] as number)).toBe(true);
      }),
      { numRuns: 60, seed: 20_2621 },
    );
  });

  /** An ensemble, a base row, a set of columns (any order), and rows that differ from the base only in those columns. */
  const divergedArb = ensembleArb({ maxTrees: 12 }).chain((e) =>
    fc.tuple(
      fc.constant(e),
      fc.array(featureValueArb, { minLength: e.nFeatures, maxLength: e.nFeatures }),
      fc.shuffledSubarray(
        Array.from({ length: e.nFeatures }, (_, j) => j),
        { minLength: 1 },
      ),
      fc.array(fc.array(fc.option(featureValueArb, { nil: undefined }), { minLength: e.nFeatures, maxLength: e.nFeatures }), { minLength: 1, maxLength: 9 }),
      fc.array(fc.integer(), { minLength: 9, maxLength: 9 }),
    ),
  );

  it('law: walking on from where the base row’s path first tests a changed column gives the full float32 walk’s exact bits', () => {
    let rewalked = 0;
    let skipped = 0;
    fc.assert(
      fc.property(divergedArb, ([ensemble, base, columns, changes, extraBits]) => {
        const flat = flattenFloat32Ensemble(asLoaded(ensemble));
        if (!flat.ok) throw new Error(flat.reason);
        const partial = createFloat32PartialEvaluator(flat.ensemble);
        const walker = partial.divergenceWalker(columns);
        const width = ensemble.nFeatures;
        const nRows = 1 + changes.length;
        const rows = new Float32Array(nRows * width);
        rows.set(base);
        // Each other row changes only columns of the set: the walker's contract.
        changes.forEach((change, i) =>
          rows.set(
            base.map((v, j) => (columns.includes(j) ? (change[j] ?? v) : v)),
            (i + 1) * width,
          ),
        );
        const full = new Float32Array(nRows);
        evaluateFloat32(flat.ensemble, rows, nRows, full, []);
        const pBase = walker.walkBase(rows, 0);
        const offsets = new Int32Array(changes.length);
        const masks = new Int32Array(changes.length);
        changes.forEach((_, i) => {
          const at = (i + 1) * width;
          let mask = 0;
          columns.forEach((c, j) => {
            if (bits(rows[at + c] as number) !== bits(rows[c] as number)) mask |= walker.bitOf(j);
          });
          // Extra bits (columns sharing a bit past 32) may only cost time: any superset is exact.
          const extra = (extraBits[i] as number) % 3 === 0 ? (extraBits[i] as number) : 0;
          if (mask === 0) skipped++;
          else rewalked++;
          offsets[i] = at;
          masks[i] = mask | extra;
        });
        // Rows in one call (four sums side by side, then the rest one by one).
        const out = new Float64Array(changes.length);
        walker.walkDiverged(rows, offsets, masks, changes.length, out);
        const got = [pBase, ...out];
        got.forEach((p, r) => {
          const want = full[r] as number;
          if (Number.isNaN(want)) expect(p, `row ${r}`).toBeNaN();
          else expect(bits(p), `row ${r}`).toBe(bits(want));
        });
      }),
      { numRuns: 300, seed: 20_2622 },
    );
    // Both kinds of row were checked: rows that leave the base path and rows equal to the base.
    expect(rewalked).toBeGreaterThan(100);
    expect(skipped).toBeGreaterThan(10);
  });

  it('a change where the base path tests no changed column keeps the base leaves; where it does, the tree is walked on', () => {
    // Tree 0 tests column 0 at its root; tree 1 tests column 0 at its root and column 1 only on its false side.
    const split = (t: Tree, at: number, column: number, yes: number, no: number) => {
      t.feature[at] = column;
      t.threshold[at] = 0.5;
      t.mode[at] = NodeMode.BRANCH_LT;
      t.trueChild[at] = yes;
      t.falseChild[at] = no;
    };
    const tree0 = allocateTree(3);
    split(tree0, 0, 0, 1, 2);
    tree0.leafValue.set([0, 1, 2]);
    const tree1 = allocateTree(5);
    split(tree1, 0, 0, 1, 2);
    split(tree1, 2, 1, 3, 4);
    tree1.leafValue.set([0, 4, 0, 8, 16]);
    const flat = flattenFloat32Ensemble(asLoaded({ nFeatures: 2, baseValue: 0, postTransform: 'NONE', trees: [tree0, tree1] }));
    if (!flat.ok) throw new Error(flat.reason);
    const partial = createFloat32PartialEvaluator(flat.ensemble);
    const walker = partial.divergenceWalker([1]);
    // Base row: column 0 is 0 (true side), so tree 1's path never reaches its column-1 test.
    const rows = Float32Array.of(0, 0, 0, 1, 1, 0, 1, 1);
    expect(walker.walkBase(rows, 0)).toBe(1 + 4);
    // Its column-1 change leaves both trees' leaves; were tree 1 walked from its root, this row
    // would still score 5 (so check the count of walks through a base off the root side too).
    const out = new Float64Array(1);
    walker.walkDiverged(rows, Int32Array.of(2), Int32Array.of(walker.bitOf(0)), 1, out);
    expect(out[0]).toBe(5);
    // A base on tree 1's false side (column 0 is 1): its path tests column 1, so a change there moves it.
    expect(walker.walkBase(rows, 4)).toBe(2 + 8);
    walker.walkDiverged(rows, Int32Array.of(6), Int32Array.of(walker.bitOf(0)), 1, out);
    expect(out[0]).toBe(2 + 16);
  });

  it('is offered for a model whose float32 evaluator was proved at load, and not under the onnxruntime option', async () => {
    const proved = await loadModel(defaultModelPath());
    const forced = await loadModel(defaultModelPath(), { evaluator: 'onnxruntime' });
    try {
      expect(proved.evaluator.kind).toBe('js-float32');
      expect(provenPartialEvaluator(proved)?.nTrees).toBe(proved.ensemble.trees.length);
      expect(provenPartialEvaluator(forced)).toBeUndefined();
      // A look-alike object is not a proved model.
      expect(provenPartialEvaluator({ ...proved })).toBeUndefined();
    } finally {
      await proved.close();
      await forced.close();
    }
  });
});
