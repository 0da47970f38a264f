// trainGbdt's data (and an explicit validation set) is read once, as its options are: each field
// once, a plain list of column values once per value, and training uses that copy. Before, the
// data was read raw by the check and again by training: a column whose values answered numbers to
// the check and text to training was trained on as NaN (missing) without a word, a getter that
// threw escaped as the caller's own Error, and a Proxy over a typed array as node's TypeError.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { trainGbdt } from '../../src/train/gbdt/trainGbdt.js';
import type { GbdtColumnData } from '../../src/train/gbdt/gbdtData.js';

const N = 24;
const x0 = Array.from({ length: N }, (_, i) => i % 7);
const x1 = Array.from({ length: N }, (_, i) => (i * 5) % 11);
const labels = Uint8Array.from({ length: N }, (_, i) => (x0[i]! + x1[i]! > 8 ? 1 : 0));
const data = (): GbdtColumnData => ({ nRows: N, nFeatures: 2, columns: [[...x0], [...x1]], labels });
const params = { rounds: 3, minChildWeight: 0, seed: 1 };

function refusal(run: () => unknown): { subject: string; issues: string[] } {
  try {
    run();
  } catch (e) {
    expect(e, e instanceof Error ? `${e.constructor.name}: ${e.message}` : undefined).toBeInstanceOf(ValidationError);
    const v = e as ValidationError;
    return { subject: v.subject, issues: v.issues.map((i) => `${i.path.join('.')}:${i.code}`) };
  }
  throw new Error('trainGbdt took the data');
}

/** `values` as a Proxy whose every index answers its value on the first read and `later` after; `reads` counts reads per index. */
function shifting(values: readonly number[], later: unknown): { list: number[]; most: () => number } {
  const reads = new Map<string, number>();
  const list = new Proxy([...values], {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        const n = (reads.get(key) ?? 0) + 1;
        reads.set(key, n);
        return n === 1 ? values[Number(key)] : later;
      }
      return Reflect.get(target, key, receiver);
    },
  });
  return { list, most: () => Math.max(0, ...reads.values()) };
}

describe('trainGbdt reads its data once', () => {
  it('a column answering numbers to the check and text after is trained on as checked, each value read once', () => {
    const { list, most } = shifting(x0, 'x');
    const fromProxy = trainGbdt({ ...data(), columns: [list, [...x1]] }, params);
    expect(most()).toBe(1);
    expect(fromProxy.ensemble).toEqual(trainGbdt(data(), params).ensemble);
  });

  it('a data object answering its fields once each: nRows read once, so the check and the training see one count', () => {
    const reads = new Map<string, number>();
    const given = new Proxy(data(), {
      get(target, key, receiver) {
        const n = (reads.get(String(key)) ?? 0) + 1;
        reads.set(String(key), n);
        return key === 'nRows' && n > 1 ? N - 4 : Reflect.get(target, key, receiver);
      },
    });
    expect(trainGbdt(given, params).trainRows).toHaveLength(N);
    expect(Math.max(...reads.values())).toBe(1);
  });

  it('a field or a value whose read throws is unreadable_input at its path, under the data’s subject', () => {
    const labelsThrow = Object.defineProperty(data(), 'labels', {
      get() {
        throw new Error('getter');
      },
    });
    expect(refusal(() => trainGbdt(labelsThrow, params))).toEqual({ subject: 'GbdtData', issues: ['data.labels:unreadable_input'] });
    const column = [...x0];
    Object.defineProperty(column, 3, {
      get() {
        throw new Error('getter');
      },
    });
    expect(refusal(() => trainGbdt({ ...data(), columns: [column, [...x1]] }, params))).toEqual({
      subject: 'GbdtData',
      issues: ['data.columns.0.3:unreadable_input'],
    });
  });

  it('a Proxy over a typed array is refused as not one, by name', () => {
    const features = new Proxy(new Float32Array(N * 2), {});
    expect(refusal(() => trainGbdt({ nRows: N, nFeatures: 2, features, labels }, params))).toEqual({
      subject: 'GbdtData',
      issues: ['data.features:invalid_type'],
    });
    expect(refusal(() => trainGbdt({ ...data(), labels: new Proxy(labels, {}) }, params))).toEqual({
      subject: 'GbdtData',
      issues: ['data.labels:invalid_length'],
    });
  });

  it('an explicit validation set is read once too, under its own subject', () => {
    const nRows = Object.defineProperty(data(), 'nRows', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    });
    expect(refusal(() => trainGbdt(data(), params, { validation: nRows }))).toEqual({
      subject: 'validation',
      issues: ['options.validation.nRows:unreadable_input'],
    });
    const { list, most } = shifting(x1, Number.NaN);
    const withValidation = trainGbdt(data(), params, { validation: { ...data(), columns: [[...x0], list] } });
    expect(most()).toBe(1);
    expect(withValidation.log).toEqual(trainGbdt(data(), params, { validation: data() }).log);
  });
});
