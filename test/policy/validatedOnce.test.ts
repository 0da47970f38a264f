import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { prepareCheckedPolicy, preparePolicy } from '../../src/policy/applyPolicy.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { policyHash } from '../../src/policy/policyHash.js';
import { LimitChange, StepLimitInput } from '../../src/policy/stepLimit.js';
import { validatePolicy } from '../../src/policy/validatePolicy.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import { applicantArbitrary, policyConfigArbitrary } from '../../src/testing/index.js';

const SEED = 20_261_128;
const day = fc.integer({ min: 0, max: 400 }).map((d) => new Date(Date.UTC(2026, 10, 1) - d * 86_400_000).toISOString().slice(0, 10));
const ledger = fc.array(fc.record({ asOf: day, from: fc.integer({ min: 0, max: 5_000_000 }), to: fc.integer({ min: 0, max: 5_000_000 }) }), { maxLength: 6 });
const withLine = fc
  .tuple(applicantArbitrary(), fc.integer({ min: 0, max: 3_000_000 }))
  .map(([a, currentLimit]) => parseApplicant({ ...a, platform: { ...a.platform, currentLimit } }));

describe('validation once on the decision path', () => {
  afterEach(() => vi.restoreAllMocks());

  it('law: prepareCheckedPolicy (inputs validated at their entry) equals preparePolicy at every PD', () => {
    fc.assert(
      fc.property(
        withLine,
        ledger,
        fc.oneof(fc.constant(defaultPolicy), policyConfigArbitrary()),
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (applicant, rawLedger, rawPolicy, duplicateEvidence, pds) => {
          const policy = validatePolicy(rawPolicy);
          const limitHistory = rawLedger.map((c) => LimitChange.parse(c));
          const flags = { duplicateEvidence };
          const reference = preparePolicy({ applicant, flags, policy, limitHistory });
          const checked = prepareCheckedPolicy({ applicant, flags, policy, policyHash: policyHash(policy), limitHistory });
          for (const pd of pds) {
            expect(checked.evaluate(pd)).toEqual(reference.evaluate(pd));
            expect(checked.limitAt(pd)).toEqual(reference.limitAt(pd));
          }
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('preparePolicy still refuses a malformed ledger from a caller, naming the field', () => {
    const [a] = fc.sample(applicantArbitrary(), { seed: SEED, numRuns: 1 });
    if (a === undefined) throw new Error('no sample');
    const applicant = parseApplicant({ ...a, platform: { ...a.platform, currentLimit: 100_000 } });
    expect(() => preparePolicy({ applicant, limitHistory: [{ asOf: '2026-13-01', from: 1, to: 2 }] })).toThrow(/history/);
  });

  it('decideBatch parses the ledger once per call, not once per decision', async () => {
    const scorer = await createScorer({ suggestionsPerDecision: 0 });
    try {
      const applicants = fc.sample(applicantArbitrary(), { seed: SEED, numRuns: 5 }).map((a) => ({ ...a, platform: { ...a.platform, currentLimit: 200_000 } }));
      const stepInput = vi.spyOn(StepLimitInput, 'safeParse');
      const results = await scorer.decideBatch(applicants, { limitHistory: [{ asOf: '2026-10-01', from: 100_000, to: 200_000 }] });
      expect(results.every((r) => r.ok)).toBe(true);
      expect(stepInput).not.toHaveBeenCalled();
    } finally {
      await scorer.close();
    }
  });
});
