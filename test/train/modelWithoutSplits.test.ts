// trainGbdt (and `train`) returned a model whose every tree was one leaf without a word: two rows,
// or a minChildWeight / gamma too strict for the rows, and every applicant scored one probability,
// the model ranking no one. Now `model_without_splits` says so, with that probability.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trainFromCsv } from '../../src/train/commands/trainCommand.js';
import { trainGbdt } from '../../src/train/gbdt/trainGbdt.js';

const column = (n: number, f: (i: number) => number) => Float32Array.from({ length: n }, (_, i) => f(i));

describe('a model without a split is warned of', () => {
  it('two rows: every tree one leaf, model_without_splits at data with the one probability', () => {
    const model = trainGbdt({ columns: [column(2, (i) => i)], nRows: 2, nFeatures: 1, labels: Uint8Array.of(0, 1) }, { rounds: 5 });
    expect(model.ensemble.trees.every((t) => t.feature.length === 1)).toBe(true);
    expect(model.warnings).toEqual([
      {
        code: 'model_without_splits',
        path: ['data'],
        message:
          'no tree splits on any feature (5 trees, 2 rows trained on): the model gives every applicant one probability, 0.5000, and ranks no one; train on more rows, or lower minChildWeight (1) or gamma (0)',
      },
    ]);
  });

  it('law: the warning is given iff every kept tree is a single leaf', () => {
    const seen = { warned: 0, split: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(0, 1, 4, 20), (n, seed, minChildWeight) => {
        const labels = Uint8Array.from({ length: n }, (_, i) => ((i * 2654435761 + seed) >>> 3) % 2);
        labels[0] = 0;
        labels[1] = 1;
        const model = trainGbdt(
          { columns: [column(n, (i) => (i * 7 + seed) % 11)], nRows: n, nFeatures: 1, labels },
          { rounds: 3, minChildWeight, seed: seed % 1000 },
        );
        const leavesOnly = model.ensemble.trees.every((t) => t.feature.length === 1);
        expect(model.warnings.some((w) => w.code === 'model_without_splits')).toBe(leavesOnly);
        seen[leavesOnly ? 'warned' : 'split']++;
      }),
      { seed: 2026, numRuns: 40 },
    );
    // Both sides of the law were reached.
    expect(seen.warned).toBeGreaterThan(0);
    expect(seen.split).toBeGreaterThan(0);
  });

  it('`train` on a CSV reports it as a training warning', () => {
    const csv = ['x,y', '1,0', '2,1', '3,0'].join('\n');
    const result = trainFromCsv(csv, { target: 'y', positive: '1', validationFraction: 0, params: { rounds: 3 } });
    expect(result.report.warnings.filter((w) => w.code === 'model_without_splits')).toEqual([
      {
        code: 'model_without_splits',
        column: 'y',
        message:
          'no tree of the model splits on any column (3 trees, 3 rows): it gives every row one probability of "y" = "1", 0.3333, and ranks no one; train on more rows, or lower minChildWeight (--min-child-weight, 1) or gamma (--gamma, 0)',
      },
    ]);
  });
});
