// `jurisdiction.solelyAutomatedDecisionOptOut` records whether the law gives the right to refuse a
// solely automated decision; it was read by nothing and said so nowhere (F85 noticed). What it does,
// now documented on the field: nothing either way. A customer asking for a person is referred under
// every profile, `false` included: a lender may give a person where no law requires one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { cnConsumerFinance2024 } from '../../src/policy/jurisdictionProfile.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { JurisdictionProfile } from '../../src/policy/jurisdictionProfile.js';

let withRight: Scorer;
let withoutRight: Scorer;
beforeAll(async () => {
  withRight = await createScorer({ suggestionsPerDecision: 0 });
  const profile = { ...cnConsumerFinance2024, id: 'lender-without-opt-out', solelyAutomatedDecisionOptOut: false };
  withoutRight = await createScorer({ suggestionsPerDecision: 0, policy: resolvePolicy({ jurisdiction: profile }) });
});
afterAll(async () => {
  await withRight.close();
  await withoutRight.close();
});

describe('a customer asking for a person is referred under every profile', () => {
  it('the right recorded true or false: the same referral for a person, the same limit proposed', async () => {
    const a = exampleFor('new_graduate').applicant;
    const asking = { ...a, controls: { ...a.controls, humanReview: true } };
    const [yes, no] = [await withRight.decide(asking), await withoutRight.decide(asking)];
    for (const d of [yes, no]) expect(d).toMatchObject({ outcome: 'refer', lineAction: 'review', review: { status: 'pending' } });
    expect(no.limit).toBe(yes.limit);
  });

  it('the field says so where a lender reads it (its schema description)', () => {
    const shape = JurisdictionProfile.shape.solelyAutomatedDecisionOptOut;
    expect(shape.description).toContain('honours controls.humanReview under every profile, true or false');
  });
});
