import { afterAll, beforeAll, describe, it } from 'vitest';
import { createScorer, type Scorer } from '../src/decision/createScorer.js';
import { defaultPolicy } from '../src/policy/defaultPolicy.js';
import { creditLaws } from '../src/testing/index.js';

const laws = Object.values(creditLaws);

describe('every credit law holds for the default policy', () => {
  // A law checked end to end only is refused without a scorer (findings12-lawkit #8): it is run below.
  for (const law of laws.filter((l) => l.parts.includes('policy')))
    it(`${law.name}: ${law.description}`, () => law.check({ policy: defaultPolicy }, { numRuns: 500 }));
});

describe('every credit law holds end to end through the default scorer', () => {
  let scorer: Scorer;
  beforeAll(async () => {
    scorer = await createScorer();
  });
  afterAll(() => scorer.close());

  // Scorer runs call onnxruntime; a modest count per law keeps the file fast on two cores (the
  // deep suite runs the laws far longer, across scorer configurations and seeds).
  for (const law of laws) it(`${law.name}: ${law.description}`, () => law.check({ scorer }, { numRuns: 50, scorerNumRuns: 10 }));
});
