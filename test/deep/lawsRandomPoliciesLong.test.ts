// The policy half of test/lawsRandomPolicies.test.ts, run longer: every law with a policy part holds
// for thirty drawn valid policies (npm test draws ten, to keep inside its 3-minute budget).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { creditLaws, policyConfigArbitrary } from '../../src/testing/index.js';
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
