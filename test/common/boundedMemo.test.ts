import { describe, expect, it } from 'vitest';
import { createBoundedMemo } from '../../src/common/boundedMemo.js';

describe('createBoundedMemo: the least recently used entries go first, within a count and a size', () => {
  it('past maxEntries, the entry least recently read or written is dropped', () => {
    const memo = createBoundedMemo<number>({ maxEntries: 2, maxBytes: 100 });
    memo.set('a', 1, 0);
    memo.set('b', 2, 0);
    expect(memo.get('a')).toBe(1); // a is now the most recently used
    memo.set('c', 3, 0);
    expect([memo.get('a'), memo.get('b'), memo.get('c'), memo.size]).toEqual([1, undefined, 3, 2]);
  });

  it('past maxBytes, old entries go until the rest fit; an entry larger than the bound is not kept', () => {
    const memo = createBoundedMemo<string>({ maxEntries: 8, maxBytes: 10 });
    memo.set('a', 'a', 4);
    memo.set('b', 'b', 4);
    memo.set('c', 'c', 4);
    expect([memo.get('a'), memo.get('b'), memo.get('c')]).toEqual([undefined, 'b', 'c']);
    memo.set('huge', 'h', 11);
    expect(memo.size).toBe(0);
    memo.set('b', 'b', 4);
    memo.set('b', 'b2', 4); // replacing an entry frees its old size
    memo.set('d', 'd', 6);
    expect([memo.get('b'), memo.get('d')]).toEqual(['b2', 'd']);
  });
});
