// test/lawsRandomPolicies.test.ts run longer, on a fresh seed: every law with a policy part holds for
// thirty drawn valid policies (npm test draws ten), and every law holds end to end through scorers
// built on four (npm test: one), to keep npm test inside its 3-minute budget.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { type LoadedModel, loadModel } from '../../src/model/loadModel.js';
import { creditLaws, policyConfigArbitrary } from '../../src/testing/index.js';
import { lenderHealthKind } from '../helpers/lenderHealthKind.js';
import { deepSeed } from './deepSeed.js';

const vacuous = (e: unknown): boolean => e instanceof ValidationError && e.issues.every((i) => i.code === 'nothing_to_check' && i.path.join('.') === 'subject');

describe('every credit law holds for any valid policy a lender can write (long run)', () => {
  for (const law of Object.values(creditLaws).filter((l) => l.parts.includes('policy')))
    it(`${law.name} holds for thirty drawn valid policies`, async () => {
      let checked = 0;
      await fc.assert(
        fc.asyncProperty(policyConfigArbitrary(), async (policy) => {
          try {
            await law.check({ policy }, { numRuns: 25, seed: 11 });
            checked += 1;
          } catch (e) {
            if (!vacuous(e)) throw e;
          }
        }),
        { numRuns: 30, seed: deepSeed('lawsRandomPoliciesLong') },
      );
      expect(checked).toBeGreaterThan(0);
    });
});

describe('every credit law holds end to end through scorers with randomly drawn policies (long run)', () => {
  let model: LoadedModel;
  beforeAll(async () => {
    model = await loadModel(defaultModelPath());
  });
  afterAll(() => model.close());

  // As in the npm test file: every drawn profile bans health data, so a lender's kind of it gives
  // banned_data_never_counts something to draw.
  for (const law of Object.values(creditLaws))
    it(`${law.name} holds through scorers built on four drawn policies`, async () => {
      await fc.assert(
        fc.asyncProperty(policyConfigArbitrary(), async (policy) => {
          const scorer = await createScorer({ model, policy, suggestionsPerDecision: 0, catalog: [lenderHealthKind] });
          try {
            await law.check({ scorer }, { numRuns: 10, scorerNumRuns: 8, seed: 13 });
          } catch (e) {
            if (!vacuous(e)) throw e;
          } finally {
            await scorer.close();
          }
        }),
        { numRuns: 4, seed: deepSeed(`lawsRandomPoliciesLong ${law.name}`) },
      );
    });
});
