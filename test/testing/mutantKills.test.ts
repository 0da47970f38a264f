import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { creditLaws, CreditLawViolation } from '../../src/testing/index.js';
import { mutants, type Mutant } from './mutantScorers.js';

// The README's settings. The ten-seed sweep is test/deep/mutantSweep.test.ts; here one seed
// keeps npm test quick while still proving each mutant is caught by the law it breaks.
const SETTINGS = { numRuns: 50, scorerNumRuns: 10, shrink: false } as const;
const SEEDS = [20261128];

// One scorer per policy: the default one, and each mutant's own where it sets one.
const scorers = new Map<Mutant['policy'], Scorer>();
beforeAll(async () => {
  for (const policy of new Set(mutants.map((m) => m.policy)))
    scorers.set(policy, await createScorer({ suggestionsPerDecision: 0, ...(policy === undefined ? {} : { policy }) }));
});
afterAll(async () => {
  for (const s of scorers.values()) await s.close();
});

describe('every mutant scorer is killed by the law it breaks, at the README settings', () => {
  for (const m of mutants) {
    it.each(SEEDS)(`${m.name} (seed %i)`, async (seed) => {
      const mutant = m.wrap(scorers.get(m.policy) as Scorer);
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
