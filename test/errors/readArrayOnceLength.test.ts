// An option list claiming more entries than any real option holds is refused before a single
// index is read. Before, readArrayOnce looped over whatever length the list claimed, up to
// 2**32 - 1: a sparse array or a Proxy claiming that length made one call walk four billion
// indices and grow a copy as long (minutes, gigabytes) before any check ran.
import { describe, expect, it } from 'vitest';
import { MAX_OPTION_LIST_LENGTH, readArrayOnce } from '../../src/errors/readArrayOnce.js';
import { readOptions } from '../../src/errors/readOptions.js';
import { assessEvidence } from '../../src/evidence/assessEvidence.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { parseApplicant } from '../../src/index.js';

/** A Proxy array claiming `length` entries that counts every index read. */
function claiming(length: number): { list: unknown[]; indexReads: () => number } {
  let reads = 0;
  const list = new Proxy([] as unknown[], {
    get(target, key, receiver) {
      if (key === 'length') return length;
      if (typeof key === 'string' && /^\d+$/.test(key)) {
        reads++;
        return 'x';
      }
      return Reflect.get(target, key, receiver);
    },
  });
  return { list, indexReads: () => reads };
}

describe('readArrayOnce refuses a list longer than any option list, before reading an index', () => {
  it('a Proxy claiming 2**32 - 1 entries is too_big at its path, no index read', () => {
    const { list, indexReads } = claiming(2 ** 32 - 1);
    const read = readArrayOnce(list, ['options', 'names']);
    expect(read.issues).toEqual([
      {
        path: ['options', 'names'],
        code: 'too_big',
        message: `names claims 4294967295 entries, more than the ${MAX_OPTION_LIST_LENGTH} a list in options may hold`,
        expected: `at most ${MAX_OPTION_LIST_LENGTH} entries`,
        received: '4294967295 entries',
      },
    ]);
    expect(indexReads()).toBe(0);
  });

  it('a sparse array of length 2**32 - 1 nested in a list is refused at its index, in well under a second', () => {
    const sparse: unknown[] = [];
    sparse.length = 2 ** 32 - 1;
    const started = performance.now();
    const read = readOptions({ names: ['a', sparse] }, ['names']);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(read.issues.map((i) => [i.path, i.code])).toEqual([[['names', 1], 'too_big']]);
  });

  it('the bound: 2**24 entries at most; one more is refused unread, a long real list is read whole', () => {
    expect(MAX_OPTION_LIST_LENGTH).toBe(2 ** 24);
    const over = claiming(MAX_OPTION_LIST_LENGTH + 1);
    expect(readArrayOnce(over.list, ['x']).issues.map((i) => i.code)).toEqual(['too_big']);
    expect(over.indexReads()).toBe(0);
    // A long list of the size real options reach (a book of 100,000 records) is copied, no issue.
    const long = claiming(100_000);
    const read = readArrayOnce(long.list, ['x']);
    expect(read.issues).toEqual([]);
    expect((read.value as unknown[]).length).toBe(100_000);
    expect(long.indexReads()).toBe(100_000);
  });

  it('a public call names the option: assessEvidence with a bannedDataCategories claiming 2**32 - 1 entries', () => {
    const { list, indexReads } = claiming(2 ** 32 - 1);
    const call = () => assessEvidence(parseApplicant(exampleApplicants[0]!.applicant), { bannedDataCategories: list as never });
    expect(call).toThrow(ValidationError);
    try {
      call();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => [i.path, i.code])).toEqual([[['bannedDataCategories'], 'too_big']]);
    }
    expect(indexReads()).toBe(0);
  });
});
