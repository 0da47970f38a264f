import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { addYearsToIsoDate } from '../../src/testing/_internals/isoDates.js';
import { checkDecisionBinding } from '../../src/testing/_internals/bindingCap.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { applicantArbitrary, creditLaws } from '../../src/testing/index.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

// findings12-lawkit (brief #3): a knocked-out applicant who asks for a person is referred (the
// right to a person holds on every path) at limit 0, labelled `knockout`: the knock-out is what
// set the limit. The kit's label check read `knockout` as "a decline at 0" and failed this.
describe('a knocked-out applicant who asks for a person', () => {
  it('is referred at 0 labelled knockout, and the kit accepts the label', async () => {
    const [drawn] = fc.sample(applicantArbitrary({ segment: 'new_graduate' }), { numRuns: 1, seed: 3 });
    if (drawn === undefined) throw new Error('no applicant drawn');
    const underage = { ...drawn, birthDate: addYearsToIsoDate(drawn.asOf, -16), controls: { ...drawn.controls, humanReview: true } };
    const d = await scorer.decide(underage);
    expect([d.outcome, d.limit, d.bindingConstraint, d.lineAction]).toEqual(['refer', 0, 'knockout', 'review']);
    expect(d.policyReasons).toContain('age_below_minimum');
    expect(() => checkDecisionBinding(d, defaultPolicy, 'underage asking for a person')).not.toThrow();
    // Without the request it is the plain knock-out decline.
    const plain = await scorer.decide({ ...underage, controls: drawn.controls });
    expect([plain.outcome, plain.limit, plain.bindingConstraint]).toEqual(['decline', 0, 'knockout']);
  });

  it('the label still has to fit: knockout on a referral with a limit, or with no knock-out reason, is caught', async () => {
    const [drawn] = fc.sample(applicantArbitrary({ segment: 'new_graduate' }), { numRuns: 1, seed: 3 });
    if (drawn === undefined) throw new Error('no applicant drawn');
    const underage = { ...drawn, birthDate: addYearsToIsoDate(drawn.asOf, -16), controls: { ...drawn.controls, humanReview: true } };
    const d = await scorer.decide(underage);
    expect(() => checkDecisionBinding({ ...d, limit: 100_000 }, defaultPolicy, 'x')).toThrow(/knockout/);
    expect(() => checkDecisionBinding({ ...d, policyReasons: d.policyReasons.filter((c) => c !== 'age_below_minimum') }, defaultPolicy, 'x')).toThrow(
      /knockout/,
    );
  });

  it('limit_within_caps meets it (knocked-out applicants asking for a person), checks its label and passes the sound engine', async () => {
    let met = 0;
    const counting: Scorer = {
      ...scorer,
      decide: async (a, o) => {
        const d = await scorer.decide(a, o);
        if (d.outcome === 'refer' && d.bindingConstraint === 'knockout') met++;
        return d;
      },
    };
    await creditLaws.limit_within_caps.check({ scorer: counting }, { part: 'scorer', scorerNumRuns: 20, seed: 12, shrink: false });
    expect(met).toBeGreaterThan(0);
  });
});
