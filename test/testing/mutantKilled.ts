import type { Scorer } from '../../src/decision/createScorer.js';
import { creditLaws, CreditLawViolation } from '../../src/testing/index.js';
import type { Mutant } from './mutantScorers.js';

/** The README's settings, at which every mutant must be killed. */
export const README_LAW_SETTINGS = { numRuns: 50, scorerNumRuns: 10, shrink: false } as const;

/**
 * Whether one of the laws that must catch `m` kills it (wrapping `base`) on `seed`, at the README's
 * settings or the mutant's own `scorerNumRuns`: by the law's own check, not by a refused prior.
 * @throws what a law threw that is no violation
 */
export async function mutantKilled(m: Mutant, base: Scorer, seed: number): Promise<boolean> {
  for (const law of m.caughtBy) {
    const e = await creditLaws[law]
      .check({ scorer: m.wrap(base) }, { ...README_LAW_SETTINGS, ...(m.scorerNumRuns === undefined ? {} : { scorerNumRuns: m.scorerNumRuns }), seed })
      .then(
        () => undefined,
        (x: unknown) => x,
      );
    if (e instanceof CreditLawViolation && !/prior_invalid/.test(e.why)) return true;
    if (e !== undefined && !(e instanceof CreditLawViolation)) throw e;
  }
  return false;
}
