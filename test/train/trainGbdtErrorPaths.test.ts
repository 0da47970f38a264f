// Every refusal of trainGbdt's training data names the field as the caller wrote it: `data.labels.3`
// for the first argument, `options.validation.nRows` for an explicit validation set, as the options'
// own faults were already named (`options.validation`). Before, the data's fields were named
// without their argument (`labels.3`, `nRows`), a validation set's fields the same way, so the two
// could not be told apart, and a validation set that was no object was named `data`.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { trainGbdt } from '../../src/train/gbdt/trainGbdt.js';
import { validateGbdtData } from '../../src/train/gbdt/gbdtData.js';

const N = 8;
const params = { rounds: 1 };
const good = () => ({
  nRows: N,
  nFeatures: 2,
  features: new Float32Array(N * 2).map((_, i) => i % 5),
  labels: Uint8Array.from({ length: N }, (_, i) => i % 2),
});

function paths(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => `${i.path.join('.')}:${i.code}`);
  }
  throw new Error('accepted');
}

const throwing = () => {
  throw new Error('getter');
};

// Each fault of training data, and the path under the data it is named at.
const faults: readonly [string, () => unknown, string[]][] = [
  ['not an object', () => 5, [':invalid_type']],
  ['a field whose read throws', () => Object.defineProperty(good(), 'labels', { get: throwing }), ['labels:unreadable_input']],
  ['nRows and nFeatures not positive integers', () => ({ ...good(), nRows: 0, nFeatures: 1.5 }), ['nRows:too_small', 'nFeatures:too_small']],
  ['features not a Float32Array', () => ({ ...good(), features: [1, 2] }), ['features:invalid_type']],
  ['features of the wrong length', () => ({ ...good(), features: new Float32Array(3) }), ['features:invalid_length']],
  ['columns not one per feature', () => ({ nRows: N, nFeatures: 2, labels: good().labels, columns: [[]] }), ['columns:invalid_length']],
  ['a column not numbers', () => ({ nRows: N, nFeatures: 2, labels: good().labels, columns: ['x', new Array(N).fill(1)] }), ['columns.0:invalid_type']],
  [
    'a column of the wrong length',
    () => ({ nRows: N, nFeatures: 2, labels: good().labels, columns: [[1], new Array(N).fill(1)] }),
    ['columns.0:invalid_length'],
  ],
  [
    'a column value whose read throws',
    () => {
      const column = new Array(N).fill(1);
      Object.defineProperty(column, 3, { get: throwing });
      return { nRows: N, nFeatures: 2, labels: good().labels, columns: [column, new Array(N).fill(1)] };
    },
    ['columns.0.3:unreadable_input'],
  ],
  ['labels of the wrong length', () => ({ ...good(), labels: new Uint8Array(2) }), ['labels:invalid_length']],
  ['a label not 0 or 1', () => ({ ...good(), labels: Uint8Array.from({ length: N }, (_, i) => (i === 3 ? 2 : 0)) }), ['labels.3:invalid_value']],
  ['weights of the wrong length', () => ({ ...good(), weights: new Float64Array(1) }), ['weights:invalid_length']],
  ['a negative weight', () => ({ ...good(), weights: new Float64Array(N).fill(1).fill(-1, 5, 6) }), ['weights.5:invalid_value']],
];

const under = (prefix: string, relative: string[]) => relative.map((p) => (p.startsWith(':') ? `${prefix}${p}` : `${prefix}.${p}`));

describe('trainGbdt names every fault of its training data under the argument the caller wrote', () => {
  for (const [what, make, relative] of faults) {
    it(`${what}: under data`, () => {
      expect(paths(() => trainGbdt(make() as never, params))).toEqual(under('data', relative));
    });
    it(`${what}: under options.validation`, () => {
      expect(paths(() => trainGbdt(good(), params, { validation: make() as never }))).toEqual(under('options.validation', relative));
    });
    it(`${what}: validateGbdtData names it under data too`, () => {
      expect(paths(() => validateGbdtData(make() as never))).toEqual(under('data', relative));
    });
  }

  it('a validation set of another width: options.validation.nFeatures', () => {
    expect(paths(() => trainGbdt(good(), params, { validation: { ...good(), nFeatures: 1, features: new Float32Array(N) } }))).toEqual([
      'options.validation.nFeatures:invalid_value',
    ]);
  });
});
