import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutantKilled } from '../testing/mutantKilled.js';
import { mutantBaseScorers, mutants } from '../testing/mutantScorers.js';

// Issue #12: at the README's settings every mutant is killed on every one of ten seeds, so a
// lender running the kit once in CI catches each of these mistakes, not one run in five.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

// One scorer per policy (and previews setting): the default one, and each mutant's own where it sets one.
let bases: Awaited<ReturnType<typeof mutantBaseScorers>>;
beforeAll(async () => {
  bases = await mutantBaseScorers();
});
afterAll(() => bases.close());

describe('every mutant scorer is killed on every one of ten seeds at the README settings', () => {
  for (const m of mutants) {
    it(m.name, async () => {
      const survivedOn: number[] = [];
      for (const seed of SEEDS) {
        const killed = await mutantKilled(m, bases.of(m), seed);
        if (!killed) survivedOn.push(seed);
      }
      expect(survivedOn, `${m.name} survived on seed(s) ${survivedOn.join(', ')}`).toEqual([]);
    }, 600_000);
  }
});
