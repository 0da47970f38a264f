// `train --early-stopping 5` on 40 rows holding one default wrote a model trained on 32 rows of
// "0" alone: the seeded holdout took the only "1", and the trainer learned the clamped log-odds of
// no default (1 tree, AUC 0.5 on the holdout) without a word. The whole file's target was checked
// for two classes, the rows left to train on were not; and trainGbdt itself trained on labels of
// one class (or on positives weighing nothing) as readily. Now each is refused, naming the counts.
import { describe, expect, it } from 'vitest';
import { trainFromCsv } from '../../src/train/commands/trainCommand.js';
import { trainGbdt } from '../../src/train/gbdt/trainGbdt.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

/** 40 rows of `x, y` with "1" on the rows listed. */
const csvWithPositivesAt = (...rows: number[]) => `x,y\n${Array.from({ length: 40 }, (_, i) => `${i},${rows.includes(i) ? 1 : 0}`).join('\n')}\n`;

/** `n` rows of one feature and the labels given. */
const gbdtData = (labels: number[], weights?: number[]) => ({
  features: Float32Array.from(labels, (_, i) => i),
  labels: Uint8Array.from(labels),
  nRows: labels.length,
  nFeatures: 1,
  ...(weights === undefined ? {} : { weights: Float64Array.from(weights) }),
});

describe('rows of one outcome are never trained on', () => {
  it('train: a holdout that takes every "1" is refused at validationFraction, naming the counts and the way out', () => {
    const e = validationErrorOf(() => trainFromCsv(csvWithPositivesAt(5), { target: 'y', positive: '1', params: { rounds: 5, earlyStoppingRounds: 2 } }));
    expect([e.subject, e.issues.map((i) => [i.path, i.code])]).toEqual(['training options', [[['validationFraction'], 'single_class']]]);
    expect(e.issues[0]?.message).toBe(
      'validationFraction 0.2 (seed 0) holds out all 1 row of "y" = "1" and leaves 32 rows to train on that are all "0": nothing to learn; give another --seed or a smaller --validation-fraction, or more rows of "1"',
    );
    // A split leaving a "1" on each side trains as before.
    expect(trainFromCsv(csvWithPositivesAt(7, 20), { target: 'y', positive: '1', params: { rounds: 5, earlyStoppingRounds: 2 } }).report.positives).toEqual({
      total: 2,
      train: 1,
      holdout: 1,
      finalModel: 1,
    });
  });

  it('trainGbdt: labels of one class are refused at data.labels', () => {
    const e = validationErrorOf(() => trainGbdt(gbdtData([0, 0, 0, 0]), { rounds: 2 }));
    expect([e.subject, e.issues.map((i) => [i.path, i.code])]).toEqual(['GbdtData', [[['data', 'labels'], 'single_class']]]);
    expect(e.issues[0]?.message).toBe('the 4 rows to train on are all 0 (no 1): nothing to learn');
    // Positives that weigh nothing are no positives to learn from.
    const w = validationErrorOf(() => trainGbdt(gbdtData([0, 1, 0, 1], [1, 0, 1, 0]), { rounds: 2 }));
    expect(w.issues.map((i) => [i.path, i.code, i.message])).toEqual([
      [['data', 'labels'], 'single_class', 'the 4 rows to train on are all 0 by weight (the 1 rows weigh 0): nothing to learn'],
    ]);
  });

  it('trainGbdt: a validationFraction leaving one class to train on is refused at validationFraction', () => {
    const labels = Array.from({ length: 40 }, (_, i) => (i === 5 ? 1 : 0));
    const e = validationErrorOf(() => trainGbdt(gbdtData(labels), { rounds: 2, validationFraction: 0.2 }));
    expect([e.subject, e.issues.map((i) => [i.path, i.code])]).toEqual(['GbdtParams', [[['validationFraction'], 'single_class']]]);
    expect(e.issues[0]?.message).toBe(
      'validationFraction 0.2 (seed 0) leaves 32 rows to train on that are all 0 (no 1): nothing to learn; give another seed or a smaller validationFraction',
    );
  });
});
