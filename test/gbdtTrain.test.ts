import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors/index.js';
import { ensembleMargin } from '../src/model/evaluateEnsemble.js';
import { NodeMode, sigmoid } from '../src/model/treeEnsemble.js';
import { createPrng } from '../src/train/gbdt/prng.js';
import { trainGbdt } from '../src/train/gbdt/trainGbdt.js';

/** Row-major data from a generator of (row, prng) -> probability of the positive class. */
function simulate(nRows: number, nFeatures: number, seed: number, draw: (row: Float32Array, next: () => number) => number) {
  const prng = createPrng(seed);
  const next = () => prng.next();
  const features = new Float32Array(nRows * nFeatures);
  const labels = new Uint8Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const row = features.subarray(i * nFeatures, (i + 1) * nFeatures);
    const p = draw(row, next);
    labels[i] = next() < p ? 1 : 0;
  }
  return { features, labels, nRows, nFeatures };
}

// Risk is U-shaped in x0 and in x1: an unconstrained fit is non-monotone in both.
const uShaped = simulate(3000, 3, 11, (row, next) => {
  row[0] = next() * 4 - 2;
  row[1] = next() * 4 - 2;
  row[2] = next();
  return sigmoid(-1 + 1.2 * row[0]! * row[0]! + 0.6 * row[0]! - 1.0 * row[1]! * row[1]! + 0.5 * row[2]!);
});

function marginAt(ensemble: Parameters<typeof ensembleMargin>[0], row: number[]): number {
  return ensembleMargin(ensemble, Float32Array.from(row));
}

describe('trainGbdt: basics', () => {
  it('learns: training log-loss falls below the base-rate log-loss', () => {
    const m = trainGbdt(uShaped, { rounds: 60, learningRate: 0.1 });
    expect(m.log).toHaveLength(60);
    expect(m.log[59]!.trainLogLoss).toBeLessThan(m.log[0]!.trainLogLoss * 0.9);
    expect(m.ensemble.postTransform).toBe('LOGISTIC');
    expect(m.ensemble.trees).toHaveLength(60);
    const rate = uShaped.labels.reduce((s, y) => s + y, 0) / uShaped.nRows;
    expect(m.ensemble.baseValue).toBeCloseTo(Math.log(rate / (1 - rate)), 12);
  });

  it('writes float32 thresholds, BRANCH_LT splits, learning-rate-scaled leaves and hessian covers', () => {
    const m = trainGbdt(uShaped, { rounds: 5, learningRate: 0.1, maxDepth: 3 });
    for (const t of m.ensemble.trees) {
      expect(t.feature.length).toBeLessThanOrEqual(15);
      for (let k = 0; k < t.feature.length; k++) {
        if (t.mode[k] === NodeMode.LEAF) {
          expect(Math.abs(t.leafValue[k]!)).toBeLessThan(0.1 * 4);
          continue;
        }
        expect(t.mode[k]).toBe(NodeMode.BRANCH_LT);
        // A node's cover is the sum of its children's.
        expect(t.cover[k]).toBeCloseTo(t.cover[t.trueChild[k]!]! + t.cover[t.falseChild[k]!]!, 9);
      }
    }
  });

  it('the IR walked on raw float32 values reproduces the margins the trainer fitted (the log-loss matches)', () => {
    const m = trainGbdt(uShaped, { rounds: 40, learningRate: 0.1 });
    let loss = 0;
    for (let i = 0; i < uShaped.nRows; i++) {
      const margin = ensembleMargin(m.ensemble, uShaped.features, i * 3);
      const p = sigmoid(margin);
      loss -= uShaped.labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
    }
    expect(loss / uShaped.nRows).toBeCloseTo(m.log[39]!.trainLogLoss, 10);
  });

  it('gain importance credits the features that carry signal', () => {
    const m = trainGbdt(uShaped, { rounds: 40, learningRate: 0.1 });
    expect(m.gainImportance[0]!).toBeGreaterThan(m.gainImportance[2]!);
    expect(m.gainImportance[1]!).toBeGreaterThan(m.gainImportance[2]!);
  });

  it('with no split worth making (gamma huge), every tree is a single leaf', () => {
    const m = trainGbdt(uShaped, { rounds: 3, gamma: 1e9 });
    for (const t of m.ensemble.trees) expect(t.feature.length).toBe(1);
  });
});

describe('trainGbdt: determinism', () => {
  const params = { rounds: 30, subsample: 0.7, colsampleByTree: 0.67, seed: 5, validationFraction: 0.2 };
  it('same data, params and seed give an identical ensemble', () => {
    const a = trainGbdt(uShaped, params);
    const b = trainGbdt(uShaped, params);
    expect(b.ensemble).toEqual(a.ensemble);
    expect(b.log).toEqual(a.log);
    expect([...b.validRows]).toEqual([...a.validRows]);
  });

  it('a different seed gives a different ensemble (subsampling is really seeded)', () => {
    const a = trainGbdt(uShaped, params);
    const b = trainGbdt(uShaped, { ...params, seed: 6 });
    expect(b.ensemble).not.toEqual(a.ensemble);
  });
});

describe('trainGbdt: monotone constraints', () => {
  const unconstrained = trainGbdt(uShaped, { rounds: 80, learningRate: 0.1 });
  const constrained = trainGbdt(uShaped, { rounds: 80, learningRate: 0.1, monotone: [1, -1, 0] });
  const x = fc.float({ min: -3, max: 3, noNaN: true });
  const other = fc.oneof(x, fc.constant(Number.NaN));

  it('the data really pulls the unconstrained fit the wrong way in x0 and x1', () => {
    expect(marginAt(unconstrained.ensemble, [-1.8, 0, 0.5])).toBeGreaterThan(marginAt(unconstrained.ensemble, [-0.3, 0, 0.5]));
    expect(marginAt(unconstrained.ensemble, [0, -1.8, 0.5])).toBeLessThan(marginAt(unconstrained.ensemble, [0, -0.3, 0.5]));
  });

  it('raising a +1 feature never lowers the margin', () => {
    fc.assert(
      fc.property(x, x, other, other, (a, b, x1, x2) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(marginAt(constrained.ensemble, [hi, x1, x2])).toBeGreaterThanOrEqual(marginAt(constrained.ensemble, [lo, x1, x2]));
      }),
      { numRuns: 1500 },
    );
  });

  it('raising a -1 feature never raises the margin', () => {
    fc.assert(
      fc.property(x, x, other, other, (a, b, x0, x2) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(marginAt(constrained.ensemble, [x0, hi, x2])).toBeLessThanOrEqual(marginAt(constrained.ensemble, [x0, lo, x2]));
      }),
      { numRuns: 1500 },
    );
  });

  it('still fits the direction the constraint allows (x0 rises overall)', () => {
    expect(marginAt(constrained.ensemble, [1.9, 0, 0.5])).toBeGreaterThan(marginAt(constrained.ensemble, [-1.9, 0, 0.5]));
  });
});

describe('trainGbdt: missing values', () => {
  // x0 observed on 70% of rows with risk rising in x0; missing rows carry `missingRate` risk.
  const withMissing = (missingRate: number, seed: number) =>
    simulate(4000, 2, seed, (row, next) => {
      row[1] = next();
      if (next() < 0.3) {
        row[0] = Number.NaN;
        return missingRate;
      }
      row[0] = next();
      return 0.2 + 0.4 * row[0]!;
    });

  it('missing means high risk: NaN rows follow a branch that scores them as the riskiest group', () => {
    const m = trainGbdt(withMissing(0.9, 1), { rounds: 100, learningRate: 0.1, maxDepth: 3 });
    const pNaN = sigmoid(marginAt(m.ensemble, [Number.NaN, 0.5]));
    expect(pNaN).toBeGreaterThan(0.8);
    expect(pNaN).toBeGreaterThan(sigmoid(marginAt(m.ensemble, [0.99, 0.5])));
  });

  it('missing means low risk: the default branch is learned, not fixed', () => {
    const m = trainGbdt(withMissing(0.05, 2), { rounds: 100, learningRate: 0.1, maxDepth: 3 });
    const pNaN = sigmoid(marginAt(m.ensemble, [Number.NaN, 0.5]));
    expect(pNaN).toBeLessThan(0.12);
    expect(pNaN).toBeLessThan(sigmoid(marginAt(m.ensemble, [0.01, 0.5])));
  });

  it('NaN goes to a different side than the values it is grouped with only when the data says so', () => {
    const m = trainGbdt(withMissing(0.9, 1), { rounds: 1, learningRate: 0.1, maxDepth: 1 });
    const t = m.ensemble.trees[0]!;
    expect(t.feature[0]).toBe(0);
    // Missing is riskiest, so it rides with the high values: the false (x >= threshold) branch.
    expect(t.missingTracksTrue[0]).toBe(0);
  });
});

describe('trainGbdt: early stopping and validation', () => {
  it('stops after the patience runs out and keeps the best round', () => {
    const m = trainGbdt(uShaped, { rounds: 400, learningRate: 0.3, maxDepth: 6, earlyStoppingRounds: 10, validationFraction: 0.3, seed: 2 });
    expect(m.log.length).toBeLessThan(400);
    expect(m.log.length - m.bestIteration).toBe(10);
    expect(m.ensemble.trees).toHaveLength(m.bestIteration);
    const best = Math.min(...m.log.map((r) => r.validLogLoss!));
    expect(m.log[m.bestIteration - 1]!.validLogLoss).toBe(best);
    expect(m.trainRows.length + m.validRows.length).toBe(uShaped.nRows);
  });

  it('accepts an explicit validation set', () => {
    const valid = simulate(500, 3, 99, (row, next) => {
      row[0] = next() * 4 - 2;
      row[1] = next() * 4 - 2;
      row[2] = next();
      return sigmoid(-1 + 1.2 * row[0]! * row[0]!);
    });
    const m = trainGbdt(uShaped, { rounds: 20 }, { validation: valid });
    expect(m.log[19]!.validLogLoss).toBeTypeOf('number');
    expect(m.validRows.length).toBe(0);
  });

  it('accepts columns as well as a row-major matrix, with the same result', () => {
    const columns = [0, 1, 2].map((j) => Float64Array.from({ length: uShaped.nRows }, (_, i) => uShaped.features[i * 3 + j]!));
    const a = trainGbdt(uShaped, { rounds: 10 });
    const b = trainGbdt({ columns, nRows: uShaped.nRows, nFeatures: 3, labels: uShaped.labels }, { rounds: 10 });
    expect(b.ensemble).toEqual(a.ensemble);
  });

  it('row weights count like repeated rows', () => {
    const small = simulate(300, 2, 4, (row, next) => {
      row[0] = Math.floor(next() * 10);
      row[1] = Math.floor(next() * 5);
      return sigmoid(row[0]! / 3 - 1.5);
    });
    const doubled = {
      ...small,
      nRows: 600,
      features: Float32Array.from([...small.features, ...small.features]),
      labels: Uint8Array.from([...small.labels, ...small.labels]),
    };
    const weighted = trainGbdt({ ...small, weights: new Float64Array(300).fill(2) }, { rounds: 10, minChildWeight: 0 });
    const repeated = trainGbdt(doubled, { rounds: 10, minChildWeight: 0 });
    for (let v = 0; v < 10; v++) expect(marginAt(weighted.ensemble, [v, 2])).toBeCloseTo(marginAt(repeated.ensemble, [v, 2]), 9);
  });
});

describe('trainGbdt: bad input', () => {
  it('lists every problem with the data at once', () => {
    try {
      trainGbdt({ features: new Float32Array(5), nRows: 3, nFeatures: 2, labels: Uint8Array.from([0, 2, 1]), weights: Float64Array.from([1, -1, 1]) });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).fields).toEqual(['data.features', 'data.labels.1', 'data.weights.1']);
    }
  });

  it('rejects bad params with a ValidationError naming each field', () => {
    const fieldsOf = (params: Parameters<typeof trainGbdt>[1]): string[] => {
      try {
        trainGbdt(uShaped, params);
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).fields;
      }
      return [];
    };
    expect(fieldsOf({ rounds: 0, learningRate: -1 })).toEqual(['rounds', 'learningRate']);
    expect(fieldsOf({ monotone: [1] })).toEqual(['monotone']);
    expect(fieldsOf({ earlyStoppingRounds: 5 })).toEqual(['earlyStoppingRounds']);
  });

  it('rejects data whose weights are all zero: a ValidationError naming data.weights', () => {
    const err = (() => {
      try {
        trainGbdt({ ...uShaped, weights: new Float64Array(uShaped.nRows) }, { rounds: 1 });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['data.weights']);
  });
});
