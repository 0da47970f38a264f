// trainGbdt's refusals of too few rows and of rows weighing nothing name the field at fault, in the
// one ValidationError that lists every other fault of the call. Before, they were a bare
// CreditliftError('data_invalid') naming no field ("Need at least 2 training rows", "The total row
// weight is zero; nothing to learn from"), thrown only once every other check had passed, so a call
// with a bad label and zero weights was told of the label alone, then of the weights.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { validateGbdtData } from '../../src/train/gbdt/gbdtData.js';
import { trainGbdt } from '../../src/train/gbdt/trainGbdt.js';

const params = { rounds: 1 };
const rows = (n: number, weights?: number[]) => ({
  nRows: n,
  nFeatures: 1,
  features: Float32Array.from({ length: n }, (_, i) => i),
  labels: Uint8Array.from({ length: n }, (_, i) => i % 2),
  ...(weights === undefined ? {} : { weights: Float64Array.from(weights) }),
});

function refusal(run: () => unknown): { subject: string; issues: string[] } {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    const v = e as ValidationError;
    return { subject: v.subject, issues: v.issues.map((i) => `${i.path.join('.')}:${i.code}`) };
  }
  throw new Error('accepted');
}

describe('trainGbdt names too few rows and rows weighing nothing', () => {
  it('one row to train on: data.nRows', () => {
    expect(refusal(() => trainGbdt(rows(1), params)).issues).toEqual(['data.nRows:too_small']);
  });

  it('every weight 0: data.weights, for trainGbdt and validateGbdtData alike', () => {
    expect(refusal(() => trainGbdt(rows(4, [0, 0, 0, 0]), params)).issues).toEqual(['data.weights:too_small']);
    expect(refusal(() => validateGbdtData(rows(4, [0, 0, 0, 0]))).issues).toEqual(['data.weights:too_small']);
  });

  it('a validation set weighing nothing: options.validation.weights', () => {
    expect(refusal(() => trainGbdt(rows(4), params, { validation: rows(2, [0, 0]) })).issues).toEqual(['options.validation.weights:too_small']);
  });

  it('every fault of the call in one list: one row, weighing nothing, a bad validation label', () => {
    const validation = { ...rows(2), labels: Uint8Array.from([0, 7]) };
    expect(refusal(() => trainGbdt(rows(1, [0]), params, { validation }))).toEqual({
      subject: 'GbdtData',
      issues: ['data.nRows:too_small', 'data.weights:too_small', 'options.validation.labels.1:invalid_value'],
    });
  });

  // F71: parameters were refused first, and the data's faults told only once they were fixed.
  it('bad parameters and bad data in one ValidationError naming every field, each at its path and code as alone', () => {
    const bad = { rounds: 0, learningRate: -0.1 };
    const alone = { params: refusal(() => trainGbdt(rows(4), bad)), data: refusal(() => trainGbdt(rows(1, [0]), params)) };
    expect(alone.params).toEqual({ subject: 'GbdtParams', issues: ['rounds:too_small', 'learningRate:too_small'] });
    const both = refusal(() => trainGbdt(rows(1, [0]), bad));
    expect(both).toEqual({ subject: 'trainGbdt', issues: [...alone.params.issues, ...alone.data.issues] });
    expect(both.issues).toEqual(['rounds:too_small', 'learningRate:too_small', 'data.nRows:too_small', 'data.weights:too_small']);
    // Data that is no object, an unknown option and the faults between parameters and data join them too.
    expect(refusal(() => trainGbdt(5 as never, bad, { validaton: rows(2) } as never)).issues).toEqual([
      'options.validaton:unrecognized_key',
      'rounds:too_small',
      'learningRate:too_small',
      'data:invalid_type',
    ]);
    expect(refusal(() => trainGbdt(rows(4, [0, 0, 0, 0]), { rounds: 1, monotone: [1, 1], earlyStoppingRounds: 2 }))).toEqual({
      subject: 'trainGbdt',
      issues: ['earlyStoppingRounds:invalid_value', 'data.weights:too_small'],
    });
    expect(refusal(() => trainGbdt(rows(4), { rounds: 1, monotone: [1, 1], earlyStoppingRounds: 2 }))).toEqual({
      subject: 'GbdtParams',
      issues: ['monotone:invalid_length', 'earlyStoppingRounds:invalid_value'],
    });
  });

  it('the rows left to train on after the holdout weigh nothing: data.weights, saying validationFraction held out the rest', () => {
    // Rows 0..9, weight only on the rows the seeded split holds out.
    const split = trainGbdt(rows(10), { rounds: 1, validationFraction: 0.3 });
    const weights = Array.from({ length: 10 }, (_, i) => (split.validRows.includes(i) ? 1 : 0));
    const v = refusal(() => trainGbdt(rows(10, weights), { rounds: 1, validationFraction: 0.3 }));
    expect(v.issues).toEqual(['data.weights:too_small']);
    const held = Array.from({ length: 10 }, (_, i) => (split.trainRows.includes(i) ? 1 : 0));
    expect(refusal(() => trainGbdt(rows(10, held), { rounds: 1, validationFraction: 0.3 })).issues).toEqual(['data.weights:too_small']);
  });

  it('two rows, and weight on some rows only, still train', () => {
    expect(trainGbdt(rows(2), params).ensemble.trees).toHaveLength(1);
    // Rows 2 and 3 weigh something and hold both labels (weight on the 1s alone is refused:
    // oneClassTrainingRows.test.ts).
    expect(trainGbdt(rows(4, [0, 0, 3, 2]), params).ensemble.trees).toHaveLength(1);
  });
});
