// trainGbdt trained on a feature every row held the same value of, and on a holdout of one label,
// without a word: `train` warned of both (column_without_signal, holdout_one_outcome), the library
// trainer had no way to. Now TrainedModel.warnings says so, in the call's own terms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdoutSplit } from '../../src/train/gbdt/holdoutSplit.js';
import { trainGbdt } from '../../src/train/gbdt/trainGbdt.js';

/** 40 rows: feature 0 varies; label 1 on every third row. */
const n = 40;
const varying = Float32Array.from({ length: n }, (_, i) => i % 7);
const labelsEveryThird = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));

describe('trainGbdt warns of what it trained on anyway', () => {
  it('a feature of one value, and one all missing, are column_without_signal at data.columns.j; one value with some missing is not', () => {
    const oneValue = new Float32Array(n).fill(2.5);
    const allMissing = new Float32Array(n).fill(Number.NaN);
    const valueOrMissing = Float32Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : Number.NaN));
    const model = trainGbdt({ columns: [varying, oneValue, allMissing, valueOrMissing], nRows: n, nFeatures: 4, labels: labelsEveryThird }, { rounds: 2 });
    expect(model.warnings).toEqual([
      {
        code: 'column_without_signal',
        path: ['data', 'columns', 1],
        message:
          'feature 1: every one of the 40 rows trained on holds 2.5, so no tree splits on it and the model learns nothing from it (a failed join? a feature never computed?); leave it out',
      },
      {
        code: 'column_without_signal',
        path: ['data', 'columns', 2],
        message:
          'feature 2: every one of the 40 rows trained on is missing, so no tree splits on it and the model learns nothing from it (a failed join? a feature never computed?); leave it out',
      },
    ]);
  });

  it('row-major data names the feature at data.features.j; only the rows trained on are read (the holdout may differ)', () => {
    const { validRows } = holdoutSplit(n, 0.25, 3);
    const held = new Set(validRows);
    // Feature 1 is 0 on every row trained on and 9 on the held-out rows: no signal to learn from.
    const features = Float32Array.from({ length: n * 2 }, (_, k) => (k % 2 === 0 ? varying[k >> 1]! : held.has(k >> 1) ? 9 : 0));
    const model = trainGbdt({ features, nRows: n, nFeatures: 2, labels: labelsEveryThird }, { rounds: 2, validationFraction: 0.25, seed: 3 });
    expect(model.warnings.map((w) => [w.code, w.path])).toEqual([['column_without_signal', ['data', 'features', 1]]]);
  });

  it('a seeded holdout of one label is holdout_one_outcome at validationFraction, saying what early stopping kept by it', () => {
    const { validRows } = holdoutSplit(n, 0.2, 0);
    const held = new Set(validRows);
    const labels = Uint8Array.from({ length: n }, (_, i) => (!held.has(i) && i % 3 === 0 ? 1 : 0));
    const plain = trainGbdt({ columns: [varying], nRows: n, nFeatures: 1, labels }, { rounds: 2, validationFraction: 0.2 });
    expect(plain.warnings).toEqual([
      {
        code: 'holdout_one_outcome',
        path: ['validationFraction'],
        message:
          'the holdout (validationFraction 0.2, seed 0) holds only label 0: all 8 of its rows that weigh something have label 0, so validLogLoss measures that label alone and AUC or KS cannot be measured on it; give another seed, a larger validationFraction, or more rows of label 1',
      },
    ]);
    const stopped = trainGbdt({ columns: [varying], nRows: n, nFeatures: 1, labels }, { rounds: 6, earlyStoppingRounds: 2, validationFraction: 0.2 });
    expect(stopped.warnings[0]?.message).toContain(
      `; early stopping kept ${stopped.bestIteration} rounds by it, which rewards pushing every prediction toward 0, not telling the labels apart; give another seed`,
    );
  });

  it('options.validation of one label by weight (its other label weighs 0) is holdout_one_outcome at options.validation.labels', () => {
    const validation = { columns: [Float32Array.of(1, 2, 3)], nRows: 3, nFeatures: 1, labels: Uint8Array.of(1, 1, 0), weights: Float64Array.of(1, 2, 0) };
    const model = trainGbdt({ columns: [varying], nRows: n, nFeatures: 1, labels: labelsEveryThird }, { rounds: 2 }, { validation });
    expect(model.warnings).toEqual([
      {
        code: 'holdout_one_outcome',
        path: ['options', 'validation', 'labels'],
        message:
          'options.validation holds only label 1: all 2 of its rows that weigh something have label 1, so validLogLoss measures that label alone and AUC or KS cannot be measured on it; give a validation set with rows of label 0',
      },
    ]);
  });

  it('data with signal in every feature and a holdout of both labels trains without a warning', () => {
    expect(trainGbdt({ columns: [varying], nRows: n, nFeatures: 1, labels: labelsEveryThird }, { rounds: 2, validationFraction: 0.2 }).warnings).toEqual([]);
  });

  it('law: a feature is warned of exactly when its rows trained on hold one value (NaN counted as one value)', () => {
    const cell = fc.oneof(fc.constantFrom(0, 1, Number.NaN), fc.float({ noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 4 }), (columns) => {
        const model = trainGbdt(
          { columns: columns.map((c) => Float32Array.from(c)), nRows: 6, nFeatures: columns.length, labels: Uint8Array.of(0, 1, 0, 1, 1, 0) },
          { rounds: 1 },
        );
        const expected = columns.flatMap((c, j) =>
          new Set(Array.from(Float32Array.from(c), (v) => (Number.isNaN(v) ? 'NaN' : String(v)))).size === 1 ? [j] : [],
        );
        expect(model.warnings.filter((w) => w.code === 'column_without_signal').map((w) => w.path[2])).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
