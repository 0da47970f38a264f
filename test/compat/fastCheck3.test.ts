// The testing kit (creditlift/testing) against fast-check 3: its peer range is `^3 || ^4`. Every
// import of 'fast-check' in this file's module graph (the kit's own included) resolves to the
// devDependency alias fast-check-v3, as it would in a project that installed fast-check 3. The
// kit's types are checked against fast-check 3 by `tsc -p tsconfig.fast-check-v3.json` (npm test).
import fc3 from 'fast-check-v3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { applyPolicy, type PolicyInput, type PolicyResult } from '../../src/policy/applyPolicy.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import { validatePolicy } from '../../src/policy/validatePolicy.js';
import {
  applicantArbitrary,
  applyProfileChange,
  arbitraryTreeEnsemble,
  certificateEvidenceArbitrary,
  creditLaws,
  CreditLawViolation,
  policyConfigArbitrary,
  profileChangeArbitrary,
} from '../../src/testing/index.js';
import { requireLaw, runLaw } from '../../src/testing/_internals/runLaw.js';
import { SCORER_SHRINK_BUDGET_MS } from '../../src/testing/_internals/shrinkBudget.js';

vi.mock('fast-check', async () => await import('fast-check-v3'));

const seed = 20261128;
const sample = <T>(arb: unknown, numRuns = 30): T[] => fc3.sample(arb as fc3.Arbitrary<T>, { seed, numRuns });

describe('creditlift/testing on fast-check 3', () => {
  it('runs on fast-check 3 here: the kit builds fast-check 3 arbitraries', () => {
    expect(fc3.__version.startsWith('3.')).toBe(true);
    expect(applicantArbitrary()).toBeInstanceOf(fc3.Arbitrary);
  });

  it('the arbitraries draw valid data: applicants, evidence, profile changes, policies, tree ensembles', () => {
    const applicants = sample<unknown>(applicantArbitrary()).map((a) => parseApplicant(a));
    expect(applicants).toHaveLength(30);
    const holder = applicants[0]!;
    expect(sample(certificateEvidenceArbitrary({ applicant: holder }))).toHaveLength(30);
    for (const change of sample<Parameters<typeof applyProfileChange>[1]>(profileChangeArbitrary(), 10)) {
      expect(() => parseApplicant(applyProfileChange(holder, change))).not.toThrow();
    }
    for (const p of sample(policyConfigArbitrary(), 10)) expect(() => validatePolicy(p)).not.toThrow();
    expect(sample(arbitraryTreeEnsemble(), 5)).toHaveLength(5);
  });

  it('every law holds for the default policy, and a law catches a policy that breaks it', async () => {
    for (const law of Object.values(creditLaws).filter((l) => l.parts.includes('policy'))) await law.check({ policy: defaultPolicy }, { numRuns: 25, seed });
    // The customer's cap dropped on the way in: limit_within_caps must fail, with a shrunk counterexample.
    const dropsCap = (i: PolicyInput): PolicyResult => applyPolicy({ ...i, applicant: { ...i.applicant, controls: {} } });
    await expect(creditLaws.limit_within_caps.check({ policy: defaultPolicy, applyPolicy: dropsCap }, { numRuns: 200, seed })).rejects.toThrow(
      CreditLawViolation,
    );
  });

  it('shrinking end to end stops at its time budget on fast-check 3 too (its run takes a second argument)', async () => {
    let clock = 0;
    let after = 0;
    let failed = false;
    const property = fc3.asyncProperty(fc3.array(fc3.integer({ min: 0, max: 1_000_000 }), { minLength: 8, maxLength: 8 }), async (xs) => {
      clock += 1000;
      if (failed) after++;
      failed ||= xs.every((x) => x >= 1_000);
      requireLaw(!xs.every((x) => x >= 1_000), () => 'every number is at least 1,000');
    });
    const params = { numRuns: 50, seed, path: undefined, shrink: true, draw: {}, clock: () => clock };
    const v = await runLaw({ name: 'limits_rounded', description: 'a law for the test' }, 'scorer', property as never, params).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(v).toBeInstanceOf(CreditLawViolation);
    expect((v as CreditLawViolation).shrinkCutShort).toBe(true);
    expect(after).toBe(SCORER_SHRINK_BUDGET_MS / 1000);
    expect(((v as CreditLawViolation).counterexample as number[]).every((x) => x >= 1_000)).toBe(true);
  });

  describe('through a real scorer', () => {
    let scorer: Scorer;
    beforeAll(async () => {
      scorer = await createScorer({ suggestionsPerDecision: 0 });
    });
    afterAll(() => scorer?.close());

    it('an async law (fc.asyncProperty) runs on fast-check 3', async () => {
      await creditLaws.same_input_same_decision.check({ scorer }, { numRuns: 5, scorerNumRuns: 5, seed });
    });
  });
});
