import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryRow, arbitraryTreeEnsemble, THRESHOLD_GRID } from '../src/explain/treeShap/arbitraryTreeEnsemble.js';
import { ensembleMargin } from '../src/model/evaluateEnsemble.js';
import { checkMonotone } from '../src/model/verifyMonotone.js';
import { trainGbdt } from '../src/train/gbdt/trainGbdt.js';

const claims = (n: number, direction: 1 | -1) => Array.from({ length: n }, (_, i) => ({ name: `f${i}`, monotone: direction }));
const values = [...THRESHOLD_GRID.flatMap((t) => [t - 1e-3, t, t + 1e-3]), -5, 5].sort((a, b) => a - b);

describe('declared monotonicity is verified soundly', () => {
  it('law: a direction proven by tree structure holds for every row and every pair of values', () => {
    fc.assert(
      fc.property(
        arbitraryTreeEnsemble({ features: { min: 1, max: 3 }, trees: { min: 1, max: 3 }, maxDepth: 4 }).chain((e) =>
          fc.tuple(fc.constant(e), fc.array(arbitraryRow(e.nFeatures), { minLength: 1, maxLength: 5 }), fc.constantFrom<1 | -1>(1, -1)),
        ),
        ([ensemble, rows, direction]) => {
          const { checks } = checkMonotone(ensemble, claims(ensemble.nFeatures, direction));
          checks.forEach((c, f) => {
            if (c.result !== 'tree_structure') return;
            for (const row of rows) {
              let previous = Number.NaN;
              for (const x of values) {
                const m = ensembleMargin(
                  ensemble,
                  row.map((v, g) => (g === f ? x : v)),
                );
                if (!Number.isNaN(previous)) expect((m - previous) * direction).toBeGreaterThanOrEqual(-1e-9);
                previous = m;
              }
            }
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('law: every reported violation comes with a witness row the model really breaks the direction on', () => {
    fc.assert(
      fc.property(
        arbitraryTreeEnsemble({ features: { min: 1, max: 3 }, trees: { min: 1, max: 3 }, maxDepth: 4 }),
        fc.constantFrom<1 | -1>(1, -1),
        (ensemble, direction) => {
          for (const v of checkMonotone(ensemble, claims(ensemble.nFeatures, direction)).violations) {
            const at = (x: number) =>
              ensembleMargin(
                ensemble,
                v.witness.row.map((y, g) => (g === v.column ? x : y)),
              );
            expect(v.witness.from).toBeLessThan(v.witness.to);
            expect((at(v.witness.to) - at(v.witness.from)) * direction).toBeLessThan(0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a model trained with monotone constraints is proven by tree structure; the same data unconstrained is caught', () => {
    const n = 2_000;
    const features = new Float32Array(n * 2);
    const labels = new Uint8Array(n);
    let s = 7;
    const rand = () => (s = (s * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
    for (let i = 0; i < n; i++) {
      const x = rand() * 4 - 2;
      features[2 * i] = x;
      features[2 * i + 1] = rand();
      // Risk U-shaped in x: falls, then rises.
      labels[i] = rand() < 1 / (1 + Math.exp(-(x * x - 1.5))) ? 1 : 0;
    }
    const data = { features, labels, nRows: n, nFeatures: 2 };
    const constrained = trainGbdt(data, { rounds: 30, learningRate: 0.3, monotone: [1, 0] });
    expect(
      checkMonotone(constrained.ensemble, [
        { name: 'x', monotone: 1 },
        { name: 'u', monotone: 0 },
      ]).checks,
    ).toEqual([{ feature: 'x', result: 'tree_structure' }]);
    const free = trainGbdt(data, { rounds: 30, learningRate: 0.3 });
    const { violations } = checkMonotone(free.ensemble, [
      { name: 'x', monotone: 1 },
      { name: 'u', monotone: 0 },
    ]);
    expect(violations.map((v) => v.feature)).toEqual(['x']);
  });
});
