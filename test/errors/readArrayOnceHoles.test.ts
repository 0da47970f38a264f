// A hole in a list an option holds (`[1, , 3]`, `new Array(3)`) is refused at its index as
// `missing_element`, the code readPlainData gives a hole in a record. Before, readArrayOnce read it
// as `undefined` without a word: a batch's `limitHistories` with a hole decided that record on the
// shared `limitHistory` (the meaning of an `undefined` entry), and a training column with a hole was
// refused as "not numbers" at the column, naming no index.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { readArrayOnce } from '../../src/errors/readArrayOnce.js';
import { readOptions } from '../../src/errors/readOptions.js';
import { MAX_ISSUES, ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { trainGbdt } from '../../src/train/gbdt/trainGbdt.js';

const codes = (issues: readonly { path: readonly (string | number)[]; code: string }[]) => issues.map((i) => `${i.path.join('.')}:${i.code}`);

/** An array of `length` holding only `entries` (index to value): a hole at every other index. */
function sparse<T>(length: number, entries: Record<number, T>): T[] {
  const out: T[] = [];
  for (const [i, v] of Object.entries(entries)) out[Number(i)] = v;
  out.length = length;
  return out;
}

/** The first index of each run of holes in `list`. */
function holeRunStarts(list: readonly unknown[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i < list.length; i++) if (!(i in list) && (i === 0 || i - 1 in list)) starts.push(i);
  return starts;
}

describe('readArrayOnce refuses a hole at its index, an entry written as undefined kept', () => {
  it('law: the issues are one missing_element per run of holes, at its first index, and every entry is copied as given', () => {
    fc.assert(
      fc.property(fc.sparseArray(fc.oneof(fc.integer(), fc.constant(undefined), fc.string()), { maxLength: 30 }), (list) => {
        const read = readArrayOnce(list, ['options', 'names']);
        expect(codes(read.issues)).toEqual(holeRunStarts(list).map((i) => `options.names.${i}:missing_element`));
        const copy = read.value as unknown[];
        expect(copy.length).toBe(list.length);
        list.forEach((v, i) => expect(copy[i]).toBe(v));
      }),
      { seed: 66, numRuns: 200 },
    );
  });

  it('the message names the run: [1, , , 4] at index 1, two entries; Object.assign([], { length: 3 }) at 0, three', () => {
    expect(readArrayOnce(sparse(4, { 0: 1, 3: 4 }), ['names']).issues).toEqual([
      {
        path: ['names', 1],
        code: 'missing_element',
        message: 'names has a hole at indices 1 to 2 (2 entries): a sparse array, no entry to read; write each entry (undefined where the option takes none)',
      },
    ]);
    expect(codes(readArrayOnce(Object.assign([], { length: 3 }), ['names']).issues)).toEqual(['names.0:missing_element']);
    expect(readArrayOnce([undefined, 1], ['names']).issues).toEqual([]);
  });

  it('a hole inside a list inside a list is named at its own index', () => {
    expect(
      codes(
        readOptions(
          {
            edges: [[1, 2], sparse(3, { 0: 3, 2: 5 })],
          },
          ['edges'],
          ['options'],
        ).issues,
      ),
    ).toEqual(['options.edges.1.1:missing_element']);
  });

  it(`holes are listed up to ${MAX_ISSUES} runs, the rest counted at the list`, () => {
    const list: unknown[] = [];
    for (let i = 0; i < 2 * (MAX_ISSUES + 5); i += 2) list[i] = i;
    list.length += 1;
    const issues = readArrayOnce(list, ['names']).issues;
    expect(issues).toHaveLength(MAX_ISSUES + 1);
    expect(issues.at(-1)).toMatchObject({
      path: ['names'],
      code: 'too_many_issues',
      message: `names has 5 more hole(s) past the first ${MAX_ISSUES} runs of holes listed`,
    });
  });

  it('a Proxy answering a value for an index it says it has not is read as that value, no hole', () => {
    const list = new Proxy(['a', 'b'], { has: () => false });
    expect(readArrayOnce(list, ['names'])).toEqual({ value: ['a', 'b'], issues: [] });
  });
});

describe('every caller refuses a hole at its index', () => {
  it('trainGbdt: a column with a hole is data.columns.0.1 (was data.columns.0, "must be numbers")', () => {
    const columns = [sparse(4, { 0: 1, 2: 3, 3: 4 }), [1, 2, 3, 4]];
    try {
      trainGbdt({ nRows: 4, nFeatures: 2, columns, labels: Uint8Array.from([0, 1, 0, 1]) } as never, { rounds: 1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect(codes((e as ValidationError).issues)).toEqual(['data.columns.0.1:missing_element']);
    }
  });

  describe('a batch', () => {
    let scorer: Scorer;
    beforeAll(async () => {
      scorer = await createScorer();
    });
    afterAll(async () => {
      await scorer?.close();
    });

    it('limitHistories with a hole is refused at its index (it took the shared limitHistory), an undefined entry still takes it', async () => {
      const records = exampleApplicants.slice(0, 3).map((e) => e.applicant);
      const holed = sparse<readonly never[]>(3, { 0: [], 2: [] });
      await expect(scorer.decideBatch(records, { limitHistories: holed, limitHistory: [] })).rejects.toSatisfy(
        (e) => e instanceof ValidationError && codes(e.issues).join() === 'limitHistories.1:missing_element',
      );
      const written = await scorer.safeDecideBatch(records, { limitHistories: [[], undefined, []], limitHistory: [] });
      expect(written.map((r) => r.ok)).toEqual([true, true, true]);
    });
  });
});
