import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Applicant } from '../../src/schema/applicant.js';
import { compileFastParse, NOT_SURE } from '../../src/schema/compileFastParse.js';
import { deepSeed } from './deepSeed.js';
import { expectSameAsZod, mutate, mutatedApplicant, type Tally, validApplicantJson } from '../schema/fastParseEquivalence.js';

// The laws of test/schema/applicantFastParse.test.ts with many more runs, a fresh seed unless
// FC_SEED is set (fast-check prints the seed of any failure).
const withSeed = { seed: deepSeed('applicantFastParse') };

describe('deep: the compiled Applicant fast path against the zod path', () => {
  for (const generateCode of [true, false]) {
    const c = compileFastParse(Applicant, { generateCode });
    if (!c.ok) throw new Error(c.reason);
    const label = generateCode ? 'generated' : 'closure';

    it(`law (${label}): every valid applicant is answered with zod's exact value`, () => {
      fc.assert(
        fc.property(validApplicantJson, (json) => {
          expect(c.parse(structuredClone(json))).not.toBe(NOT_SURE);
          expectSameAsZod(c.parse, () => structuredClone(json));
        }),
        { ...withSeed, numRuns: 2_000 },
      );
    });

    it(`law (${label}): no mutation is accepted that zod refuses; parseApplicant's errors are zod's`, () => {
      const tally: Tally = { accepted: 0, notSure: 0 };
      fc.assert(
        fc.property(mutatedApplicant, ({ base, mutations }) => expectSameAsZod(c.parse, () => mutate(base, mutations), tally)),
        { ...withSeed, numRuns: 2_000 },
      );
      expect(tally.accepted).toBeGreaterThan(0);
    });
  }
});
