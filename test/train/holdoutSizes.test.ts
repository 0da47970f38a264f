// holdoutSplit clamped the holdout to between 1 row and all rows but two, without a word:
// holdoutSplit(100, 0.99) held out 98 rows (not 99) and trained on 2, holdoutSplit(100, 0.001) held out
// 1 (a share of 0.1 rows), and holdoutSplit(2, 0.5) held out none, so trainGbdt({ validationFraction })
// and `train --validation-fraction 0.999` on 400 rows trained on 2 rows, and a share asked of 2 rows
// measured nothing. Now the holdout is the share of the rows, rounded, and a share that leaves fewer
// than 2 rows to train on or none to hold out is refused, naming the option, its value and the counts.
import fc from 'fast-check';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { runTrainCommand, trainFromCsv } from '../../src/train/commands/trainCommand.js';
import { holdoutSplit } from '../../src/train/gbdt/holdoutSplit.js';
import { trainGbdt } from '../../src/train/gbdt/trainGbdt.js';
import { trainDefaultModel } from '../../src/train/defaultModel/trainDefaultModel.js';

const errorOf = (f: () => unknown): ValidationError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError, none thrown');
};

/** `n` rows, two features, a label of both classes. */
function data(n: number) {
  const features = new Float32Array(n * 2);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    features[i * 2] = (i * 37) % 17;
    features[i * 2 + 1] = (i * 11) % 7;
    labels[i] = i % 2;
  }
  return { features, labels, nRows: n, nFeatures: 2 };
}

describe('a holdout share holds out that share of the rows, or is refused', () => {
  it('law: the holdout is round(fraction x rows), at least 1 row, leaving at least 2 to train on; any other share is refused naming it and the counts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.001, 0.999, 0.5)),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (n, fraction, seed) => {
          const held = Math.round(fraction * n);
          if (held >= 1 && n - held >= 2) {
            const { trainRows, validRows } = holdoutSplit(n, fraction, seed);
            expect(validRows.length).toBe(held);
            expect(trainRows.length).toBe(n - held);
            expect(new Set([...trainRows, ...validRows]).size).toBe(n);
            return;
          }
          const e = errorOf(() => holdoutSplit(n, fraction, seed));
          expect(e.subject).toBe('holdoutSplit');
          expect(e.issues.map((i) => [i.path, i.code])).toEqual([[['fraction'], 'holdout_too_small']]);
          expect(e.issues[0]?.message).toContain(`fraction ${fraction} holds out ${held} of ${n} rows and leaves ${n - held} to train on`);
        },
      ),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it('the clamps that were silent: 0.99 of 100 rows, 0.001 of 100, 0.5 of 2', () => {
    expect(errorOf(() => holdoutSplit(100, 0.99, 1)).issues[0]?.message).toBe(
      'fraction 0.99 holds out 99 of 100 rows and leaves 1 to train on: the trainer needs at least 2 rows to train on and 1 to hold out (of 100 rows, a share holding out 1 to 98)',
    );
    expect(errorOf(() => holdoutSplit(100, 0.001, 1)).issues[0]?.message).toContain('holds out 0 of 100 rows');
    expect(errorOf(() => holdoutSplit(2, 0.5, 1)).issues[0]?.message).toContain('(2 rows cannot be split)');
    // The bounds themselves still split.
    expect(holdoutSplit(100, 0.98, 1).trainRows.length).toBe(2);
    expect(holdoutSplit(100, 0.005, 1).validRows.length).toBe(1);
    expect(holdoutSplit(3, 0.2, 1).validRows.length).toBe(1);
  });

  it('trainGbdt names params.validationFraction; trainFromCsv names validationFraction', () => {
    const gbdt = errorOf(() => trainGbdt(data(60), { rounds: 2, validationFraction: 0.99 }));
    expect([gbdt.subject, gbdt.issues.map((i) => [i.path, i.code])]).toEqual(['GbdtParams', [[['validationFraction'], 'holdout_too_small']]]);
    expect(gbdt.issues[0]?.message).toContain('validationFraction 0.99 holds out 59 of 60 rows and leaves 1 to train on');
    const csv = `a,y\n${Array.from({ length: 40 }, (_, i) => `${i % 7},${i % 3 === 0 ? 1 : 0}`).join('\n')}\n`;
    const fromCsv = errorOf(() => trainFromCsv(csv, { target: 'y', positive: '1', validationFraction: 0.01 }));
    expect([fromCsv.subject, fromCsv.issues.map((i) => [i.path, i.code])]).toEqual(['training options', [[['validationFraction'], 'holdout_too_small']]]);
    expect(fromCsv.issues[0]?.message).toContain('validationFraction 0.01 holds out 0 of 40 rows and leaves 40 to train on');
  });

  it('train --validation-fraction 0.999 on 400 rows is refused naming the option and the counts (it trained on 2 rows)', () => {
    const err: string[] = [];
    const code = runTrainCommand(
      [
        '--data',
        join(import.meta.dirname, '..', 'fixtures', 'train', 'loans.csv'),
        '--target',
        'defaulted',
        '--positive',
        'yes',
        '--exclude',
        'applicant_id',
        '--validation-fraction',
        '0.999',
        '--out',
        join(import.meta.dirname, '..', '..', '.tmp', 'never-written-holdout'),
      ],
      { stdout: () => undefined, stderr: (t) => void err.push(t) },
    );
    expect(code).not.toBe(0);
    expect(err.join('')).toContain('validationFraction 0.999 holds out 400 of 400 rows and leaves 0 to train on');
    expect(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'train', 'loans.csv'), 'utf8').split('\n').length - 2).toBe(400);
  });

  it('trainDefaultModel names holdoutFraction and populationSize when the population cannot be split (it held out 0 and failed with "auc: no rows")', () => {
    const e = errorOf(() => trainDefaultModel({ populationSize: 4, holdoutFraction: 0.2 }));
    expect(e.issues.map((i) => [i.path, i.code])).toEqual([[['holdoutFraction'], 'holdout_too_small']]);
    expect(e.issues[0]?.message).toContain('holdoutFraction 0.2 holds out 0 of 4 applicants');
  });
});
