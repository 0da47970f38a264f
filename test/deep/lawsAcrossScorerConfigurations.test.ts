// Every credit law holds end to end on every way of configuring a scorer, not only the default
// one: champion/challenger (live and shadow, a tighter challenger), explanations only when owed,
// contributions in probability space, signed and keyed decisions, and onnxruntime forced for
// every run (no JS evaluator). npm test checks the default scorer (test/lawsDefaultPolicy.test.ts).
import { afterAll, describe, it } from 'vitest';
import { createScorer, type Scorer, type ScorerOptions } from '../../src/decision/createScorer.js';
import { creditLaws } from '../../src/testing/index.js';
import { lenderHealthKind } from '../helpers/lenderHealthKind.js';

const tighterDsr = {
  affordability: {
    dsrBands: [
      { incomeUpTo: 500_000, maxDsr: 0.3 },
      { incomeUpTo: null, maxDsr: 0.4 },
    ],
  },
};
const CONFIGURATIONS: Record<string, ScorerOptions> = {
  'champion/challenger, live': { challengers: [{ name: 'tight', policyOverrides: tighterDsr, share: 0.5 }], challengerMode: 'live' },
  'champion/challenger, shadow': { challengers: [{ name: 'tight', policyOverrides: tighterDsr, share: 0.5 }], challengerMode: 'shadow' },
  "explanations: 'when_owed'": { explanations: 'when_owed' },
  "contributionSpace: 'probability'": { contributionSpace: 'probability' },
  'signed, with a personal-data key': { signingKey: 'law-signing-key-0123456789abcdef', personalDataKey: 'law-personal-key-0123456789abcdef' },
  "modelEvaluator: 'onnxruntime'": { modelEvaluator: 'onnxruntime' },
};

const open: Scorer[] = [];
afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
});

for (const [name, options] of Object.entries(CONFIGURATIONS)) {
  describe(`every credit law holds end to end through a scorer with ${name}`, () => {
    let scorer: Promise<Scorer> | undefined;
    const get = () => {
      // A lender's kind of health data (banned under the default profile), so banned_data_never_counts
      // has uploads to draw on every configuration; the other laws never draw a banned kind.
      scorer ??= createScorer({ ...options, catalog: [lenderHealthKind] }).then((s) => {
        open.push(s);
        return s;
      });
      return scorer;
    };
    for (const law of Object.values(creditLaws)) {
      it(law.name, async () => law.check({ scorer: await get() }, { numRuns: 20, scorerNumRuns: 15, seed: 20_261_129 }), 300_000);
    }
  });
}
