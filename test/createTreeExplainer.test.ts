import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { CreditliftError, ValidationError } from '../src/errors/index.js';
import { coversFromBackground } from '../src/explain/coversFromBackground.js';
import { createTreeExplainer } from '../src/explain/createTreeExplainer.js';
import { arbitraryRow, arbitraryTreeEnsemble } from '../src/explain/treeShap/arbitraryTreeEnsemble.js';
import { bruteForceShap } from '../src/explain/treeShap/bruteForceShap.js';
import { ensembleMargin } from '../src/model/evaluateEnsemble.js';
import { encodeTreeEnsembleModel } from '../src/model/onnx/encodeTreeEnsemble.js';
import { NodeMode, sigmoid, type TreeEnsemble } from '../src/model/treeEnsemble.js';
import { thrown } from './helpers/thrown.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `f${i}`);
const encode = (ensemble: TreeEnsemble) => encodeTreeEnsembleModel({ ensemble, featureNames: names(ensemble.nFeatures), metadata: {} });
const sum = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0);

function withoutCovers(model: TreeEnsemble): TreeEnsemble {
  return { ...model, trees: model.trees.map((t) => ({ ...t, cover: new Float64Array(t.cover.length).fill(Number.NaN) })) };
}

const modelRows = arbitraryTreeEnsemble().chain((m) => fc.tuple(fc.constant(m), fc.array(arbitraryRow(m.nFeatures), { minLength: 1, maxLength: 6 })));

describe('createTreeExplainer', () => {
  it('from ONNX bytes: sigmoid of the contributions sum equals onnxruntime probability within 1e-5, and values match brute force', async () => {
    await fc.assert(
      fc.asyncProperty(modelRows, async ([model, rows]) => {
        const bytes = encode(model);
        const explainer = createTreeExplainer(bytes);
        expect(explainer.coverSource).toBe('model');
        const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
        try {
          const data = Float32Array.from(rows.flat());
          const out = await session.run({ features: new ort.Tensor('float32', data, [rows.length, model.nFeatures]) });
          const p = out.probabilities?.data as Float32Array;
          rows.forEach((row, r) => {
            const phi = explainer.shap(row);
            expect(Math.abs(sigmoid(sum(phi)) - (p[2 * r + 1] as number))).toBeLessThan(1e-5);
            const reference = bruteForceShap(model, row);
            for (let i = 0; i <= model.nFeatures; i++) expect(Math.abs((phi[i] as number) - (reference[i] as number))).toBeLessThan(1e-6);
          });
        } finally {
          await session.release();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('from a file path gives the same values as from the bytes', () => {
    const [model, rows] = fc.sample(modelRows, { numRuns: 1, seed: 42 })[0] as [TreeEnsemble, number[][]];
    const dir = mkdtempSync(join(tmpdir(), 'creditlift-shap-'));
    try {
      const path = join(dir, 'model.onnx');
      writeFileSync(path, encode(model));
      const fromPath = createTreeExplainer(path);
      const fromBytes = createTreeExplainer(encode(model));
      for (const row of rows) expect([...fromPath.shap(row)]).toEqual([...fromBytes.shap(row)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect((thrown(() => createTreeExplainer(join(dir, 'missing.onnx'))) as CreditliftError).code).toBe('model_load_failed');
  });

  it('without covers and without a background refuses with explainer_covers_missing, saying what to pass', () => {
    const [model] = fc.sample(arbitraryTreeEnsemble(), { numRuns: 1, seed: 7 }) as [TreeEnsemble];
    for (const input of [withoutCovers(model), encode(withoutCovers(model))]) {
      const error = thrown(() => createTreeExplainer(input));
      expect(error).toBeInstanceOf(CreditliftError);
      expect((error as CreditliftError).code).toBe('explainer_covers_missing');
      expect((error as CreditliftError).message).toMatch(/nodes_hitrates/);
      expect((error as CreditliftError).message).toMatch(/background/);
    }
  });

  it('with a background, even one leaving nodes unreached, gives finite values that sum to the margin', () => {
    fc.assert(
      fc.property(
        arbitraryTreeEnsemble({ maxDepth: 6 }).chain((m) =>
          fc.tuple(fc.constant(m), fc.array(arbitraryRow(m.nFeatures), { minLength: 1, maxLength: 3 }), arbitraryRow(m.nFeatures)),
        ),
        ([model, background, row]) => {
          const explainer = createTreeExplainer(withoutCovers(model), { background });
          expect(explainer.coverSource).toBe('background');
          const phi = explainer.shap(row);
          for (const v of phi) expect(Number.isFinite(v)).toBe(true);
          expect(Math.abs(sum(phi) - ensembleMargin(model, row))).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('shap writes into the caller buffer, and shapBatch equals shap row by row', () => {
    fc.assert(
      fc.property(modelRows, ([model, rows]) => {
        const explainer = createTreeExplainer(model);
        const width = model.nFeatures + 1;
        const out = new Float64Array(width);
        const batch = explainer.shapBatch(Float32Array.from(rows.flat()), rows.length);
        rows.forEach((row, r) => {
          expect(explainer.shap(row, out)).toBe(out);
          expect([...batch.subarray(r * width, (r + 1) * width)]).toEqual([...out]);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('rejects rows and buffers of the wrong size with model_shape_mismatch', () => {
    const [model] = fc.sample(arbitraryTreeEnsemble({ features: { min: 3, max: 3 } }), { numRuns: 1, seed: 3 }) as [TreeEnsemble];
    const explainer = createTreeExplainer(model);
    const codes = [
      thrown(() => explainer.shap([1, 2])),
      thrown(() => explainer.shap([1, 2, 3], new Float64Array(2))),
      thrown(() => explainer.shapBatch(new Float32Array(7), 2)),
    ].map((e) => (e as CreditliftError).code);
    expect(codes).toEqual(['model_shape_mismatch', 'model_shape_mismatch', 'model_shape_mismatch']);
  });
});

describe('coversFromBackground', () => {
  it('counts every row at the root, and each split passes its count on to exactly its two children', () => {
    fc.assert(
      fc.property(
        arbitraryTreeEnsemble().chain((m) => fc.tuple(fc.constant(m), fc.array(arbitraryRow(m.nFeatures), { minLength: 1, maxLength: 20 }))),
        ([model, rows]) => {
          const counted = coversFromBackground(model, rows);
          const fromMatrix = coversFromBackground(model, { data: Float32Array.from(rows.flat()), nRows: rows.length });
          counted.trees.forEach((tree, t) => {
            expect(tree.cover[0]).toBe(rows.length);
            expect([...tree.cover]).toEqual([...(fromMatrix.trees[t]?.cover ?? [])]);
            for (let i = 0; i < tree.feature.length; i++) {
              if (tree.mode[i] === NodeMode.LEAF) continue;
              expect(tree.cover[i]).toBe((tree.cover[tree.trueChild[i] as number] as number) + (tree.cover[tree.falseChild[i] as number] as number));
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('lists every malformed background row with its path', () => {
    const [model] = fc.sample(arbitraryTreeEnsemble({ features: { min: 2, max: 2 } }), { numRuns: 1, seed: 5 }) as [TreeEnsemble];
    const error = thrown(() => coversFromBackground(model, [[1, 2], [1], [1, 2, 3]]));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual(['background.1', 'background.2']);
    expect(thrown(() => coversFromBackground(model, []))).toBeInstanceOf(ValidationError);
    expect(thrown(() => coversFromBackground(model, { data: new Float32Array(5), nRows: 2 }))).toBeInstanceOf(ValidationError);
  });
});
