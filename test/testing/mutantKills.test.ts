import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditLaws, CreditLawViolation } from '../../src/testing/index.js';
import { mutantBaseScorers, mutants } from './mutantScorers.js';

// The README's settings. The ten-seed sweep is test/deep/mutantSweep.test.ts; here one seed
// keeps npm test quick while still proving each mutant is caught by the law it breaks.
// The scorer part only: every mutant wraps a scorer's paths and keeps its sound policy
// (`policy: s.policy`), so a law's policy part (numRuns, the kit's own engine on that policy) sees
// no mutant and checked the same policy on the same seed once per mutant and law (2026-12-02).
const SETTINGS = { part: 'scorer', scorerNumRuns: 10, shrink: false } as const;
const SEEDS = [20261128];

// One scorer per policy (and previews setting): the default one, and each mutant's own where it sets one.
let bases: Awaited<ReturnType<typeof mutantBaseScorers>>;
beforeAll(async () => {
  bases = await mutantBaseScorers();
});
afterAll(() => bases.close());

describe('every mutant scorer is killed by the law it breaks, at the README settings', () => {
  for (const m of mutants) {
    it.each(SEEDS)(`${m.name} (seed %i)`, async (seed) => {
      const mutant = m.wrap(bases.of(m));
      const caught: string[] = [];
      for (const law of m.caughtBy) {
        const e = await creditLaws[law]
          .check({ scorer: mutant }, { ...SETTINGS, ...(m.scorerNumRuns === undefined ? {} : { scorerNumRuns: m.scorerNumRuns }), seed })
          .then(
            () => undefined,
            (x: unknown) => x,
          );
        if (e === undefined) continue;
        expect(e).toBeInstanceOf(CreditLawViolation);
        // Caught for the right reason: the law's own check, not a refused prior.
        expect((e as CreditLawViolation).why).not.toMatch(/prior_invalid/);
        caught.push(law);
      }
      expect(caught.length, `${m.name} survived ${m.caughtBy.join(', ')} on seed ${seed}`).toBeGreaterThan(0);
    });
  }
});
