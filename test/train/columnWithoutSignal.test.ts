// `train` took a column that was missing in every row (a join that failed), or held one value in
// every row, as a model input without a word: the trainer never splits on it, the manifest lists it
// as an input the scorer computes, and the report's warnings were empty. Now each is a warning.
import { describe, expect, it } from 'vitest';
import { trainFromCsv } from '../../src/train/commands/trainCommand.js';
import { holdoutSplit } from '../../src/train/gbdt/holdoutSplit.js';

/** 40 rows of `x`, the `extra` cell given per row, and `y`. */
const csv = (extra: (i: number) => string) => `x,extra,y\n${Array.from({ length: 40 }, (_, i) => `${i % 7},${extra(i)},${i % 3 === 0 ? 1 : 0}`).join('\n')}\n`;
const warningsOf = (extra: (i: number) => string, validationFraction?: number) =>
  trainFromCsv(csv(extra), {
    target: 'y',
    positive: '1',
    params: { rounds: 2 },
    ...(validationFraction === undefined ? {} : { validationFraction }),
  }).report.warnings.filter((w) => w.code === 'column_without_signal');

describe('a column that cannot tell the rows trained on apart is a warning', () => {
  it('every cell missing, one number, one category: each warned of, naming the column', () => {
    expect(warningsOf(() => '')).toEqual([
      {
        code: 'column_without_signal',
        column: 'extra',
        message:
          '"extra": every one of the 40 rows trained on is missing, so the model learns nothing from it (a failed join? a feature never computed?); leave it out with --exclude extra',
      },
    ]);
    expect(warningsOf(() => '5')[0]?.message).toContain('"extra": every one of the 40 rows trained on holds 5,');
    expect(warningsOf(() => 'gold')[0]?.message).toContain('"extra": every one of the 40 rows trained on holds "gold",');
  });

  it('only the rows trained on count: a value seen in the holdout alone teaches nothing', () => {
    // Seed 0 holds out 8 of 40 rows; a value on every row but the held-out ones varies only there.
    const { trainRows } = holdoutSplit(40, 0.2, 0);
    const trained = new Set(trainRows);
    expect(warningsOf((i) => (trained.has(i) ? '1' : '2'), 0.2).map((w) => w.column)).toEqual(['extra']);
  });

  it('a column of one value and some missing cells, or of two values, is not warned of', () => {
    expect(warningsOf((i) => (i % 2 === 0 ? '5' : ''))).toEqual([]);
    expect(warningsOf((i) => String(i % 2))).toEqual([]);
  });
});
