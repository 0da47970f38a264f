import fc from 'fast-check';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { buildProbeRows, nextFloat32Down, nextFloat32Up } from '../../src/model/evaluatorProbeRows.js';
import { flattenFloat32Ensemble } from '../../src/model/float32Ensemble.js';
import { evaluateFloat32 } from '../../src/model/float32Evaluator.js';
import { decodeTreeEnsembleModel } from '../../src/model/onnx/decodeTreeEnsemble.js';
import { encodeTreeEnsembleModel } from '../../src/model/onnx/encodeTreeEnsemble.js';
import { EXP_GUARD, logisticAsOnnxruntime } from '../../src/model/onnxruntimeLogistic.js';
import { findLogisticDisagreement, logisticOracle, NEAR_GUARD_MARGINS } from '../../src/model/proveOnnxruntimeLogistic.js';
import { allocateTree, NodeMode, type TreeEnsemble } from '../../src/model/treeEnsemble.js';
import { ensembleArb, featureValueArb } from '../fixtures/onnx/arbitraries.js';

/** onnxruntime's column 1 for `rows`, straight from a session (no creditlift code between). */
async function onnxruntimeP(bytes: Uint8Array, rows: Float32Array, nRows: number, width: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const out = await session.run({ features: new ort.Tensor('float32', rows, [nRows, width]) });
    const probs = out.probabilities?.data as Float32Array;
    return Float32Array.from({ length: nRows }, (_, r) => probs[2 * r + 1] as number);
  } finally {
    await session.release();
  }
}

const encode = (ensemble: TreeEnsemble): Uint8Array =>
  encodeTreeEnsembleModel({ ensemble, featureNames: Array.from({ length: ensemble.nFeatures }, (_, i) => `f${i}`), metadata: {} });

const bits = (x: number): number => new Uint32Array(Float32Array.of(x).buffer)[0] as number;

/**
 * Scores the model's own probe rows plus `extra` rows in JS and with onnxruntime: every row JS
 * scored must carry onnxruntime's exact bits; returns how many JS deferred.
 */
async function compareOnRandomEnsemble(ensemble: TreeEnsemble, extra: readonly number[][]): Promise<number> {
  const bytes = encode(ensemble);
  // The IR as loadModel sees it: leaves and base as the file stores them (float32).
  const decoded = decodeTreeEnsembleModel(bytes).ensemble;
  const flat = flattenFloat32Ensemble(decoded);
  if (!flat.ok) throw new Error(flat.reason);
  const probe = buildProbeRows(decoded, { randomRows: 64 });
  const width = decoded.nFeatures;
  const rows = new Float32Array((probe.nRows + extra.length) * width);
  rows.set(probe.rows);
  extra.forEach((row, r) => rows.set(row, (probe.nRows + r) * width));
  const nRows = probe.nRows + extra.length;
  const got = new Float32Array(nRows);
  const deferred: number[] = [];
  evaluateFloat32(flat.ensemble, rows, nRows, got, deferred);
  const want = await onnxruntimeP(bytes, rows, nRows, width);
  for (let r = 0; r < nRows; r++) {
    if (deferred.includes(r)) expect(got[r]).toBeNaN();
    else expect(bits(got[r] as number), `row ${r}: JS ${got[r]} vs onnxruntime ${want[r]}`).toBe(bits(want[r] as number));
  }
  return deferred.length;
}

describe('float32 JS evaluator', () => {
  it('gives onnxruntime’s exact bits on random ensembles (every node mode, NaN routing, on-threshold and nextafter values)', async () => {
    let deferred = 0;
    let rows = 0;
    await fc.assert(
      fc.asyncProperty(
        ensembleArb({ maxTrees: 12 }).chain((e) =>
          fc.tuple(fc.constant(e), fc.array(fc.array(featureValueArb, { minLength: e.nFeatures, maxLength: e.nFeatures }), { minLength: 1, maxLength: 16 })),
        ),
        async ([ensemble, extra]) => {
          deferred += await compareOnRandomEnsemble(ensemble, extra);
          rows += extra.length;
        },
      ),
      { numRuns: 40, seed: 20_2604 },
    );
    // Deferral is for rare expf near-ties only, never a way to skip rows wholesale.
    expect(deferred).toBeLessThan(Math.max(3, rows * 0.05));
  });

  it('reproduces onnxruntime’s float32 logistic on 4,096 margins, deferring only near ties of expf', async () => {
    // One balanced tree whose leaf k holds margin k: row x = k makes onnxruntime compute logistic(margin k).
    const margins = new Float32Array(4096);
    let seed = 7;
    for (let k = 0; k < margins.length; k++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      margins[k] = ((seed / 2 ** 32) * 2 - 1) * 12;
    }
    const x = Float32Array.from({ length: margins.length }, (_, k) => k);
    const want = await onnxruntimeP(encode(logisticOracle(margins)), x, x.length, 1);
    let deferred = 0;
    margins.forEach((m, k) => {
      const p = logisticAsOnnxruntime(m);
      if (Number.isNaN(p)) deferred++;
      else expect(bits(p), `margin ${m}`).toBe(bits(want[k] as number));
    });
    expect(deferred).toBeLessThan(60);
  });

  it('defers the margins where rounding Math.exp to float32 disagrees with onnxruntime (found by experiment)', () => {
    // For these, Math.fround(Math.exp(-|m|)) is one float32 off glibc's expf, so onnxruntime's P differs by one ulp.
    for (const m of [-0.19126427173614502, -1.8802422285079956, -1.4450773000717163]) {
      expect(Math.fround(m)).toBe(m);
      expect(logisticAsOnnxruntime(m)).toBeNaN();
    }
    expect(logisticAsOnnxruntime(0)).toBe(0.5);
    expect(logisticAsOnnxruntime(Math.fround(200))).toBeNaN();
  });

  it('onnxruntime agrees on the margins just outside the guard, and a disagreement is reported', async () => {
    for (const m of NEAR_GUARD_MARGINS) {
      expect(Math.fround(m)).toBe(m);
      const exact = Math.exp(-Math.abs(m));
      const near = (k: number): boolean => Math.fround(exact * (1 + k * EXP_GUARD)) !== Math.fround(exact * (1 - k * EXP_GUARD));
      expect([near(1), near(8)]).toEqual([false, true]);
    }
    const real = async (ensemble: TreeEnsemble, n: number): Promise<Float32Array> =>
      onnxruntimeP(
        encode(ensemble),
        Float32Array.from({ length: n }, (_, k) => k),
        n,
        1,
      );
    expect(await findLogisticDisagreement(real)).toBeUndefined();
    const oneUlpOff = async (ensemble: TreeEnsemble, n: number): Promise<Float32Array> => {
      const p = await real(ensemble, n);
      new Uint32Array(p.buffer)[5]! += 1;
      return p;
    };
    expect(await findLogisticDisagreement(oneUlpOff)).toMatch(/expf rounds differently/);
  });

  it('probe rows hold every threshold exactly, the float32 just below and above it, and NaN', () => {
    const t = allocateTree(3);
    t.mode[0] = NodeMode.BRANCH_LEQ;
    t.feature[0] = 1;
    t.threshold[0] = Math.fround(0.1);
    t.trueChild[0] = 1;
    t.falseChild[0] = 2;
    const ensemble: TreeEnsemble = { nFeatures: 2, trees: [t], baseValue: 0, postTransform: 'LOGISTIC' };
    const { rows, nRows } = buildProbeRows(ensemble);
    const column = Array.from({ length: nRows }, (_, r) => rows[r * 2 + 1] as number);
    const th = Math.fround(0.1);
    expect(column).toContain(th);
    expect(column).toContain(nextFloat32Down(th));
    expect(column).toContain(nextFloat32Up(th));
    expect(column.some(Number.isNaN)).toBe(true);
    expect(nextFloat32Down(th)).toBeLessThan(th);
    expect(Math.fround((nextFloat32Down(th) + th) / 2)).not.toBe((nextFloat32Down(th) + th) / 2);
    expect(buildProbeRows(ensemble).rows).toEqual(rows); // deterministic
  });

  it('refuses, with the reason, an ensemble whose leaves are not float32 numbers', () => {
    const t = allocateTree(1);
    t.leafValue[0] = 0.1;
    const flat = flattenFloat32Ensemble({ nFeatures: 1, trees: [t], baseValue: 0, postTransform: 'NONE' });
    expect(flat).toEqual({ ok: false, reason: expect.stringContaining('not a float32') });
  });
});
