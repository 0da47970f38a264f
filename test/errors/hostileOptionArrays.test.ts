// Lists inside options are read once, as the options holding them are (readOptions, readArrayOnce):
// a Proxy array or one with getters is asked its length once and each index once, and the call
// uses that copy, so its check and its use see one list. Before, `featureNames` was checked as
// strings and then searched again (a Proxy answering names to the check and numbers to the search
// made createMonitorAccumulator fail with model_shape_mismatch on valid names), and every list
// option was read two or more times.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { readOptions } from '../../src/errors/readOptions.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import * as root from '../../src/index.js';

const applicant = exampleApplicants[0]!.applicant;

/**
 * A Proxy over `first` whose index `i` answers `first[i]` on its first read and `later[i]` on every
 * read after; `reads` counts the reads of each index and of `length`.
 */
function shiftingList(first: readonly unknown[], later: readonly unknown[]): { list: unknown[]; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const list = new Proxy([...first], {
    get(target, key, receiver) {
      if (typeof key === 'string' && (key === 'length' || /^\d+$/.test(key))) {
        const n = (reads.get(key) ?? 0) + 1;
        reads.set(key, n);
        if (key !== 'length') return n === 1 ? first[Number(key)] : later[Number(key)];
      }
      return Reflect.get(target, key, receiver);
    },
  });
  return { list, reads };
}

const mostReads = (reads: Map<string, number>) => Math.max(0, ...reads.values());

describe('readOptions reads a list option once into a plain array', () => {
  it('each index and the length are read once, and the copy holds the first answers', () => {
    const { list, reads } = shiftingList(['a', ['b', 'c']], [1, 2]);
    const read = readOptions({ names: list }, ['names']);
    expect(read.issues).toEqual([]);
    const names = read.value?.names;
    expect(names).toEqual(['a', ['b', 'c']]);
    expect(mostReads(reads)).toBe(1);
    // A second look at the copy reads the caller's list no more.
    expect((names as unknown[])[0]).toBe('a');
    expect(mostReads(reads)).toBe(1);
  });

  it('a list inside a list is copied too, and one list held twice (or holding itself) stays one', () => {
    const inner = shiftingList(['x'], [7]);
    const outer: unknown[] = [inner.list, inner.list];
    outer.push(outer);
    const names = readOptions({ names: outer }, ['names']).value?.names as unknown[];
    expect(names[0]).toEqual(['x']);
    expect(names[1]).toBe(names[0]);
    expect(names[2]).toBe(names);
    expect(mostReads(inner.reads)).toBe(1);
  });

  it('an index or a length whose read throws is unreadable_input at its path, the others read', () => {
    const items = ['a', 'b', 'c'];
    Object.defineProperty(items, 1, {
      get() {
        throw new Error('getter');
      },
    });
    expect(readOptions({ names: items }, ['names'], ['options']).issues).toEqual([
      { path: ['options', 'names', 1], code: 'unreadable_input', message: '1 could not be read: Error' },
    ]);
    const noLength = new Proxy([], {
      get: (t, k) => {
        if (k === 'length') throw new TypeError('no');
        return Reflect.get(t, k);
      },
    });
    expect(readOptions({ names: noLength }, ['names']).issues.map((i) => `${i.path.join('.')}:${i.code}`)).toEqual(['names:unreadable_input']);
    const endless = new Proxy([], { get: (t, k) => (k === 'length' ? Number.POSITIVE_INFINITY : Reflect.get(t, k)) });
    expect(readOptions({ names: endless }, ['names']).issues.map((i) => `${i.path.join('.')}:${i.code}`)).toEqual(['names:unreadable_input']);
  });

  it('a value that is not a list is kept as given (its own check names it)', () => {
    const typed = new Float64Array([1, 2]);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const read = readOptions({ data: typed, gone: proxy, n: 3 }, ['data', 'gone', 'n']);
    expect(read.issues).toEqual([]);
    expect(read.value?.data).toBe(typed);
    expect(read.value?.gone).toBe(proxy);
  });
});

describe('public calls use the list they checked', () => {
  let scorer: Scorer;
  let prior: Decision;
  let baseline: root.MonitorBaseline;
  beforeAll(async () => {
    scorer = await createScorer({ suggestionsPerDecision: 0, signingKey: 'k'.repeat(32) });
    prior = await scorer.decide(applicant);
    baseline = root.parseMonitorBaseline(JSON.parse(readFileSync(root.defaultMonitorBaselinePath(), 'utf8')));
  });
  afterAll(async () => scorer?.close());

  it('createMonitorAccumulator: featureNames answering names to the check and numbers after is read once and used as checked', () => {
    const names = baseline.features.map((f) => f.name);
    const { list, reads } = shiftingList(
      names,
      names.map((_, i) => i),
    );
    expect(() => root.createMonitorAccumulator(baseline, { period: 'month', featureNames: list as string[] })).not.toThrow();
    expect(mostReads(reads)).toBe(1);
  });

  it('createMonitorAccumulator: a featureNames entry that cannot be read is unreadable_input at its index', () => {
    const names = baseline.features.map((f) => f.name);
    Object.defineProperty(names, 2, {
      get() {
        throw new Error('getter');
      },
    });
    let error: unknown;
    try {
      root.createMonitorAccumulator(baseline, { period: 'month', featureNames: names });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => `${i.path.join('.')}:${i.code}`)).toEqual(['featureNames.2:unreadable_input']);
  });

  it('verifyDecision: verificationKeys are read once each', () => {
    const { list, reads } = shiftingList(['v'.repeat(32), 'k'.repeat(32)], ['short', 'short']);
    const r = root.verifyDecision(prior, { verificationKeys: list as string[] });
    expect(r.ok && r.signedBy).toEqual({ key: 'verificationKeys', index: 1 });
    expect(mostReads(reads)).toBe(1);
  });

  it('decideBatch: limitHistories are read once each, length included', async () => {
    const { list, reads } = shiftingList([undefined, []], [undefined, [{ asOf: 'not a date' }]]);
    const results = await scorer.decideBatch([applicant, applicant], { limitHistories: list as never });
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(mostReads(reads)).toBe(1);
  });

  it('assessEvidence: bannedDataCategories are read once each', () => {
    const { list, reads } = shiftingList(['health'], ['social_media']);
    root.assessEvidence(applicant as never, { bannedDataCategories: list as never });
    expect(mostReads(reads)).toBe(1);
  });
});
