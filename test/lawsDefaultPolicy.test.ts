import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../src/decision/createScorer.js';
import { defaultPolicy } from '../src/policy/defaultPolicy.js';
import { creditLaws } from '../src/testing/index.js';
import { lenderHealthKind } from './helpers/lenderHealthKind.js';

const laws = Object.values(creditLaws);

describe('every credit law holds for the default policy', () => {
  // A law checked end to end only is refused without a scorer (findings12-lawkit #8): it is run below.
  for (const law of laws.filter((l) => l.parts.includes('policy')))
    it(`${law.name}: ${law.description}`, () => law.check({ policy: defaultPolicy }, { numRuns: 200 }));
});

describe('every credit law holds end to end through the default scorer', () => {
  let scorer: Scorer;
  beforeAll(async () => {
    scorer = await createScorer();
  });
  afterAll(() => scorer.close());

  // Scorer runs call onnxruntime; a modest count per law keeps npm test inside its 3 minutes on two
  // cores (test/deep/lawsAcrossScorerConfigurations runs every law longer on six configurations).
  // The scorer part only: the policy part on the scorer's policy (the default policy) is checked
  // above, at 200 runs on the same seed; here it ran again at 25.
  for (const law of laws.filter((l) => l.name !== 'banned_data_never_counts'))
    it(`${law.name}: ${law.description}`, () => law.check({ scorer }, { part: 'scorer', scorerNumRuns: 5 }));

  // No kind of the default catalog is in a category cn-consumer-finance-2024 bans: nothing to draw.
  it('banned_data_never_counts: refused on the default scorer (nothing_to_check), never passed; it holds with a lender kind of banned data', async () => {
    await expect(creditLaws.banned_data_never_counts.check({ scorer }, { scorerNumRuns: 10 })).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'nothing_to_check' })],
    });
    const lender = await createScorer({ catalog: [lenderHealthKind] });
    try {
      await creditLaws.banned_data_never_counts.check({ scorer: lender }, { scorerNumRuns: 10 });
    } finally {
      await lender.close();
    }
  });
});
