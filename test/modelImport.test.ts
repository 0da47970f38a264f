import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runModelCommand } from '../src/cli/modelCommand.js';
import { CreditliftError } from '../src/errors/creditliftError.js';
import { createTreeExplainer } from '../src/explain/createTreeExplainer.js';
import { importOnnxModel } from '../src/model/import/importOnnxModel.js';
import { loadModel } from '../src/model/loadModel.js';
import { MonotoneViolationError } from '../src/model/verifyMonotone.js';
import { parseCsv } from '../src/train/dataset/parseCsv.js';
import { encodeTable } from '../src/train/dataset/tabularEncoding.js';
import { decodeTreeEnsembleModel } from '../src/model/onnx/decodeTreeEnsemble.js';
import { evaluateEnsembleBatch } from '../src/model/evaluateEnsemble.js';
import { buildV3Model } from './fixtures/onnx/converterModels.js';

// Fixtures from real boosters: scripts/makeXgboostFixtures.py (Debian python3-xgboost 1.7, python3-onnx).
const dir = join(import.meta.dirname, 'fixtures', 'xgboost');
const file = (name: string) => join(dir, name);
const bytes = (name: string) => new Uint8Array(readFileSync(file(name)));
const json = (name: string) => JSON.parse(readFileSync(file(name), 'utf8')) as unknown;
interface Expected {
  readonly probability: number[];
  readonly margin: number[];
  readonly contribs: number[][];
  readonly contribsBackgroundCovers: number[][];
}
const expected = json('expected.json') as { free: Expected; monotone: Expected };
const numeric = ['x0', 'x1', 'x2', 'x3', 'x4'].map((name) => ({ name, kind: 'numeric' as const }));
const readRows = (name: string) => {
  const table = parseCsv(readFileSync(file(name), 'utf8'));
  return { data: encodeTable(table, numeric), nRows: table.rows.length };
};
const rows = readRows('rows.csv');
const background = readRows('background.csv');
const work = mkdtempSync(join(tmpdir(), 'creditlift-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function worstAgainstXgboost(modelBytes: Uint8Array, want: Expected, contribs: number[][]): Promise<{ pd: number; shap: number }> {
  const model = await loadModel(modelBytes);
  try {
    const pds = await model.predict(rows.data, rows.nRows);
    const explainer = createTreeExplainer(model.ensemble);
    let pd = 0;
    let shap = 0;
    for (let r = 0; r < rows.nRows; r++) {
      pd = Math.max(pd, Math.abs(pds[r]! - want.probability[r]!));
      const phi = explainer.shap(rows.data.subarray(r * 5, r * 5 + 5));
      contribs[r]!.forEach((c, j) => (shap = Math.max(shap, Math.abs(phi[j]! - c))));
    }
    return { pd, shap };
  } finally {
    await model.close();
  }
}

describe('importing XGBoost models exported to ONNX', () => {
  it('classifier layout with covers: scores within 1e-5 of XGBoost, explains within 1e-5 of pred_contribs', async () => {
    const imported = importOnnxModel(bytes('monotone_classifier.onnx'), { spec: json('monotone_spec.json') });
    expect(imported.source).toMatchObject({ operator: 'TreeEnsembleClassifier', output: 'probability' });
    expect(imported.covers).toBe('model');
    expect(imported.monotone).toEqual([
      { feature: 'x0', result: 'tree_structure' },
      { feature: 'x2', result: 'tree_structure' },
    ]);
    const worst = await worstAgainstXgboost(imported.bytes, expected.monotone, expected.monotone.contribs);
    expect(worst.pd).toBeLessThan(1e-5);
    expect(worst.shap).toBeLessThan(1e-5);
  });

  it('margin regressor layout without covers: covers from a background sample, same scores, explanations equal to pred_contribs on those covers', async () => {
    expect(() => importOnnxModel(bytes('monotone_regressor.onnx'), { spec: json('monotone_spec.json') })).toThrow(
      expect.objectContaining({ code: 'explainer_covers_missing' }),
    );
    const imported = importOnnxModel(bytes('monotone_regressor.onnx'), { spec: json('monotone_spec.json'), background });
    expect(imported.source).toMatchObject({ operator: 'TreeEnsembleRegressor', output: 'margin' });
    expect(imported.covers).toBe('background');
    expect(imported.manifest.features[3]!.missingShare).toBeGreaterThan(0);
    const worst = await worstAgainstXgboost(imported.bytes, expected.monotone, expected.monotone.contribsBackgroundCovers);
    expect(worst.pd).toBeLessThan(1e-5);
    expect(worst.shap).toBeLessThan(1e-5);
  });

  it('an unconstrained model claiming monotonicity in x1 is refused, naming x1; opting out is explicit', async () => {
    const attempt = () => importOnnxModel(bytes('free_classifier.onnx'), { spec: json('free_claims_x1_spec.json') });
    expect(attempt).toThrow(MonotoneViolationError);
    try {
      attempt();
    } catch (e) {
      expect((e as MonotoneViolationError).code).toBe('model_monotonicity_violated');
      expect((e as MonotoneViolationError).violations.map((v) => v.feature)).toEqual(['x1']);
    }
    // Imported anyway on request, it is still refused when loaded for scoring, unless that opts out too.
    const forced = importOnnxModel(bytes('free_classifier.onnx'), { spec: json('free_claims_x1_spec.json'), allowMonotoneViolations: true });
    await expect(loadModel(forced.bytes)).rejects.toMatchObject({ code: 'model_monotonicity_violated', message: expect.stringContaining('"x1"') });
    const inspected = await loadModel(forced.bytes, { allowMonotoneViolations: true });
    const worst = await worstAgainstXgboost(
      importOnnxModel(bytes('free_classifier.onnx'), {
        spec: { ...(json('free_claims_x1_spec.json') as object), features: numeric.map((f) => ({ ...f, monotone: 0 })) },
      }).bytes,
      expected.free,
      expected.free.contribs,
    );
    expect(worst.pd).toBeLessThan(1e-5);
    expect(worst.shap).toBeLessThan(1e-5);
    await inspected.close();
  });

  it('a spec with the wrong number of features is refused', () => {
    const spec = json('monotone_spec.json') as { features: unknown[] };
    expect(() => importOnnxModel(bytes('monotone_classifier.onnx'), { spec: { ...spec, features: spec.features.slice(1) } })).toThrow(
      expect.objectContaining({ code: 'model_shape_mismatch' }),
    );
  });

  it('creditlift model import writes a model loadModel scores like XGBoost; a broken claim exits 1 naming the feature', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) };
    const target = join(work, 'm');
    expect(
      runModelCommand(
        [
          'import',
          '--onnx',
          file('monotone_regressor.onnx'),
          '--features',
          file('monotone_spec.json'),
          '--background',
          file('background.csv'),
          '--out',
          target,
        ],
        io,
      ),
    ).toBe(0);
    expect(out.join('')).toMatch(/imported TreeEnsembleRegressor \(margin\).*covers from the background/);
    const worst = await worstAgainstXgboost(
      new Uint8Array(readFileSync(join(target, 'model.onnx'))),
      expected.monotone,
      expected.monotone.contribsBackgroundCovers,
    );
    expect(worst.pd).toBeLessThan(1e-5);
    expect(
      runModelCommand(['import', '--onnx', file('free_classifier.onnx'), '--features', file('free_claims_x1_spec.json'), '--out', join(work, 'n')], io),
    ).toBe(1);
    expect(err.join('')).toMatch(/model_monotonicity_violated[\s\S]*x1/);
  });
});

describe('model pinning and feature order (#16)', () => {
  const imported = importOnnxModel(bytes('monotone_classifier.onnx'), { spec: json('monotone_spec.json') });

  it('expectedSha256 refuses any other bytes with model_sha256_mismatch', async () => {
    const model = await loadModel(imported.bytes);
    const sha = model.sha256;
    await model.close();
    await expect(loadModel(imported.bytes, { expectedSha256: '0'.repeat(64) })).rejects.toMatchObject({ code: 'model_sha256_mismatch' });
    await expect(loadModel(imported.bytes, { expectedSha256: 'not-a-hash' })).rejects.toMatchObject({ code: 'model_sha256_mismatch' });
    const pinned = await loadModel(imported.bytes, { expectedSha256: sha.toUpperCase() });
    expect(pinned.sha256).toBe(sha);
    await pinned.close();
  });

  it('a manifest listing the same features in another order is refused, naming the columns', async () => {
    const spec = json('monotone_spec.json') as { features: { name: string }[] };
    // Built with the names in one order, then the manifest swapped for one in another order.
    const swapped = {
      ...imported.manifest,
      features: [imported.manifest.features[1]!, imported.manifest.features[0]!, ...imported.manifest.features.slice(2)],
    };
    const { decodeOnnxModel } = await import('../src/model/onnx/decodeOnnxModel.js');
    const { encodeOnnxModel } = await import('../src/model/onnx/encodeOnnxModel.js');
    const onnx = decodeOnnxModel(imported.bytes);
    const tampered = encodeOnnxModel({
      ...onnx,
      metadataProps: onnx.metadataProps.map((p) => (p.key === 'creditlift.manifest' ? { key: p.key, value: JSON.stringify(swapped) } : p)),
    });
    const e = await loadModel(tampered).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CreditliftError);
    expect((e as CreditliftError).code).toBe('model_shape_mismatch');
    expect((e as CreditliftError).message).toMatch(/column 0 is "x0" in the model but the manifest lists "x1"/);
    expect(spec.features).toHaveLength(5);
  });
});

describe('LightGBM converter layouts (hand-built: Debian has no LightGBM)', () => {
  // onnxmltools writes LightGBM trees with BRANCH_LEQ splits, missing values down the true branch
  // where the booster sent them left, no hit rates; binary classifiers weight class 0 under LOGISTIC.
  const nodes = [
    { tree: 0, id: 0, mode: 'BRANCH_LEQ' as const, feature: 0, value: 0.25, t: 1, f: 2, missingTrue: true },
    { tree: 0, id: 1, mode: 'LEAF' as const },
    { tree: 0, id: 2, mode: 'BRANCH_LEQ' as const, feature: 2, value: -0.5, t: 3, f: 4, missingTrue: false },
    { tree: 0, id: 3, mode: 'LEAF' as const },
    { tree: 0, id: 4, mode: 'LEAF' as const },
    { tree: 1, id: 0, mode: 'BRANCH_LEQ' as const, feature: 1, value: 0.1, t: 1, f: 2, missingTrue: false },
    { tree: 1, id: 1, mode: 'LEAF' as const },
    { tree: 1, id: 2, mode: 'LEAF' as const },
  ];
  const leaves = [
    [0, 1, -0.4],
    [0, 3, 0.6],
    [0, 4, 0.1],
    [1, 1, -0.2],
    [1, 2, 0.3],
  ] as const;
  const weights = leaves.map(([tree, node, w]) => ({ tree, node, cls: 0, w }));
  const layouts = {
    classifier: buildV3Model({ opType: 'TreeEnsembleClassifier', nFeatures: 5, nodes, weights, postTransform: 'LOGISTIC', classLabels: [0, 1] }),
    regressor: buildV3Model({ opType: 'TreeEnsembleRegressor', nFeatures: 5, nodes, weights, postTransform: 'NONE', nTargets: 1 }),
  };
  const spec = { name: 'lightgbm-style', version: '1', features: numeric.map((f) => ({ ...f, monotone: 0 })) };

  for (const [layout, source] of Object.entries(layouts)) {
    it(`${layout}: imported with background covers, scores as the source model does`, async () => {
      const imported = importOnnxModel(source, { spec, background });
      expect(imported.covers).toBe('background');
      const decoded = decodeTreeEnsembleModel(source).ensemble;
      const margins = evaluateEnsembleBatch(decoded, rows.data, rows.nRows).margins;
      const model = await loadModel(imported.bytes);
      try {
        const pds = await model.predict(rows.data, rows.nRows);
        let worst = 0;
        for (let r = 0; r < rows.nRows; r++) worst = Math.max(worst, Math.abs(pds[r]! - 1 / (1 + Math.exp(-margins[r]!))));
        expect(worst).toBeLessThan(1e-6);
      } finally {
        await model.close();
      }
    });
  }
});
