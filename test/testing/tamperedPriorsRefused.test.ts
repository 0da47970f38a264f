import { describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { CreditLawViolation, creditLaws } from '../../src/testing/index.js';

const KEY_A = 'A'.repeat(40);
const KEY_B = 'B'.repeat(40);
const PERSONAL = 'P'.repeat(40);

describe('creditlift/testing: tampered_priors_refused', () => {
  it('law holds for an unsigned scorer, a signed one and a rotated one', async () => {
    const law = creditLaws.tampered_priors_refused;
    expect(law.parts).toEqual(['scorer']);
    for (const options of [{}, { signingKey: KEY_A }, { signingKey: KEY_B, verificationKeys: [KEY_A], personalDataKey: PERSONAL }]) {
      const scorer = await createScorer({ ...options, suggestionsPerDecision: 0 });
      try {
        await law.check({ scorer }, { scorerNumRuns: 12, seed: 20_261_128 });
      } finally {
        await scorer.close();
      }
    }
  });

  it("catches a lender's wrapper that re-decides when a prior is refused (the edited line gets through)", async () => {
    const inner = await createScorer({ signingKey: KEY_A, suggestionsPerDecision: 0 });
    const lax: Scorer = {
      ...inner,
      // The bug: a refused prior is "recovered" by deciding afresh.
      reassess: (prior, update, o) => inner.reassess(prior, update, o).catch(() => inner.decide(update.applicant)),
    };
    try {
      const e = await creditLaws.tampered_priors_refused.check({ scorer: lax }, { scorerNumRuns: 12, seed: 20_261_128 }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CreditLawViolation);
      expect((e as Error).message).toMatch(/reassess of the .* was accepted/);
    } finally {
      await inner.close();
    }
  });
});
