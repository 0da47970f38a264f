// The README's "Property-test your own pricing rules" example, verbatim except for the two import
// paths ('creditlift' -> '../src/index.js', 'creditlift/testing' -> '../src/testing/index.js'),
// so the example in the README is known to run; test/readmeSnippets.test.ts checks it is verbatim.
// It runs under vitest's default timeouts (5 s a test, 10 s a hook), as in a user's fresh project,
// not under this repository's longer ones.
import { vi } from 'vitest';

vi.setConfig({ testTimeout: 5_000, hookTimeout: 10_000 });

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, resolvePolicy, type Scorer } from '../src/index.js';
import { applicantArbitrary, assertCreditLaws, creditLaws } from '../src/testing/index.js';

// Our policy: the default with our own prices, grades and product maximum.
const policy = resolvePolicy({
  pricing: { margin: 0.02, aprFloor: 0.0912 },
  grades: [
    { grade: 'A', maxPd: 0.03, incomeMultiple: 2.5 },
    { grade: 'B', maxPd: 0.08, incomeMultiple: 1.8 },
    { grade: 'C', maxPd: 1, incomeMultiple: 1 },
  ],
  limits: { productMax: 3_000_000 },
});

describe('our pricing rules keep every credit law', () => {
  // Pure policy: thousands of applicants and PDs, several seconds for the fourteen laws with a policy part.
  it('as a policy', { timeout: 30_000 }, () => assertCreditLaws({ policy, numRuns: 300 }));

  // Through the model each run is a real decision: give these tests more than vitest's default 5 s.
  describe('end to end, through our scorer and the model', { timeout: 60_000 }, () => {
    let scorer: Scorer;
    beforeAll(async () => {
      scorer = await createScorer({ policy });
    }, 30_000);
    afterAll(() => scorer.close());

    // One test per law, named by the law, so a failure says which law broke. A law with nothing to
    // draw from our scorer (banned_data_never_counts: our jurisdiction bans no kind of our catalog)
    // shows as skipped, with why; check would refuse it rather than pass having checked nothing.
    // part: 'scorer': the scorer's policy is the one 'as a policy' checked above; without it each law
    // would check that policy again before its end-to-end part.
    for (const law of Object.values(creditLaws)) {
      it(law.description, (ctx) => {
        const nothing = law.nothingToCheck({ scorer });
        if (nothing !== undefined) ctx.skip(nothing);
        return law.check({ scorer }, { part: 'scorer', scorerNumRuns: 10 });
      });
    }

    // Our own law, on the kit's applicants: a new graduate's daily rate never shows above 0.066%.
    it('new graduates never see a daily rate above 0.066%', async () => {
      await fc.assert(
        fc.asyncProperty(applicantArbitrary({ segment: 'new_graduate' }), async (applicant) => {
          const decision = await scorer.decide(applicant);
          expect(Number.parseFloat(decision.dailyRateText)).toBeLessThanOrEqual(0.066);
        }),
        { numRuns: 10 },
      );
    });
  });
});
