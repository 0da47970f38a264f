import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenFloat32Ensemble } from '../../src/model/float32Ensemble.js';
import { evaluateFloat32 } from '../../src/model/float32Evaluator.js';
import { createFloat32PartialEvaluator, provenPartialEvaluator } from '../../src/model/float32PartialEvaluator.js';
import { loadModel } from '../../src/model/loadModel.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { decodeTreeEnsembleModel } from '../../src/model/onnx/decodeTreeEnsemble.js';
import { encodeTreeEnsembleModel } from '../../src/model/onnx/encodeTreeEnsemble.js';
import type { TreeEnsemble } from '../../src/model/treeEnsemble.js';
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
  it('law: re-walking only the trees that test a changed column gives the full float32 walk’s exact bits (or defers where it does)', () => {
    fc.assert(
      fc.property(caseArb, ([ensemble, base, change]) => {
        const flat = flattenFloat32Ensemble(asLoaded(ensemble));
        if (!flat.ok) throw new Error(flat.reason);
        const partial = createFloat32PartialEvaluator(flat.ensemble);
        const width = ensemble.nFeatures;
        const rows = new Float32Array(2 * width);
        rows.set(base);
        rows.set(
          change.map((v, j) => v ?? (base[j] as number)),
          width,
        );
        const full = new Float32Array(2);
        evaluateFloat32(flat.ensemble, rows, 2, full, []);
        const leaves = new Float32Array(2 * partial.nTrees);
        const pMain = partial.walkAll(rows, 0, leaves, 0);
        const columns: number[] = [];
        for (let j = 0; j < width; j++) if (bits(rows[j] as number) !== bits(rows[width + j] as number)) columns.push(j);
        const pChanged = partial.walkChanged(rows, width, columns, leaves, 0, partial.nTrees);
        for (const [got, want] of [
          [pMain, full[0] as number],
          [pChanged, full[1] as number],
        ] as const) {
          if (Number.isNaN(want)) expect(got).toBeNaN();
          else expect(bits(got)).toBe(bits(want));
        }
      }),
      { numRuns: 300, seed: 20_2620 },
    );
  });

  it('re-walks no tree for an unchanged row, and every tree testing a changed column', () => {
    fc.assert(
      fc.property(caseArb, ([ensemble, base]) => {
        const flat = flattenFloat32Ensemble(asLoaded(ensemble));
        if (!flat.ok) throw new Error(flat.reason);
        const partial = createFloat32PartialEvaluator(flat.ensemble);
        expect(partial.treesReading([])).toBe(0);
        const all = Array.from({ length: ensemble.nFeatures }, (_, j) => j);
        const splitting = ensemble.trees.filter((t) => t.feature.some((f) => f >= 0)).length;
        expect(partial.treesReading(all)).toBe(splitting);
        // With no column changed, the kept leaves are the answer.
        const rows = Float32Array.from(base);
        const leaves = new Float32Array(2 * partial.nTrees);
        const p = partial.walkAll(rows, 0, leaves, 0);
        const q = partial.walkChanged(rows, 0, [], leaves, 0, partial.nTrees);
        expect(Number.isNaN(p) ? Number.isNaN(q) : bits(p) === bits(q)).toBe(true);
      }),
      { numRuns: 60, seed: 20_2621 },
    );
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
