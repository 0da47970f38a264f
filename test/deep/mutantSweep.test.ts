import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditLaws, CreditLawViolation } from '../../src/testing/index.js';
import { mutantBaseScorers, mutants } from '../testing/mutantScorers.js';

// Issue #12: at the README's settings every mutant is killed on every one of ten seeds, so a
// lender running the kit once in CI catches each of these mistakes, not one run in five.
const SETTINGS = { numRuns: 50, scorerNumRuns: 10, shrink: false } as const;
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
        let killed = false;
        for (const law of m.caughtBy) {
          const e = await creditLaws[law]
            .check({ scorer: m.wrap(bases.of(m)) }, { ...SETTINGS, ...(m.scorerNumRuns === undefined ? {} : { scorerNumRuns: m.scorerNumRuns }), seed })
            .then(
              () => undefined,
              (x: unknown) => x,
            );
          if (e instanceof CreditLawViolation && !/prior_invalid/.test(e.why)) {
            killed = true;
            break;
          }
          if (e !== undefined && !(e instanceof CreditLawViolation)) throw e;
        }
        if (!killed) survivedOn.push(seed);
      }
      expect(survivedOn, `${m.name} survived on seed(s) ${survivedOn.join(', ')}`).toEqual([]);
    }, 600_000);
  }
});
