// findings28 F2: a reduction of a line held for a balance the customer could not repay, told the
// balance is now paid (`currentBalance: 0`), still sealed capacity 0, `balance_owed_unaffordable`
// ("no credit can be extended until it is paid down") and a hold a person could not approve, beside
// its own checks passing at 500 RMB (debt service 45.34 RMB against 2,600) and a same-day
// reassessment of the same facts working out a capacity of 25,919.11 RMB. Its figures now say what
// that reassessment says of the balance, no reason says the balance is unaffordable, and a person
// may approve the line its checks pass. What may be granted is decided again by the reassessment
// (a reduction never raises it): the line stays held for a person until then.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

const RMB = 100;
const base = exampleFor('new_graduate').applicant as ApplicantInput;
const OWED = 40_000 * RMB;
const LINE = 500 * RMB;
const OWED_UNAFFORDABLE = 'balance_owed_unaffordable';

let scorer: Scorer;
let held: Decision;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
  held = scorer.requestReduction(await scorer.decide(base), LINE, { currentBalance: OWED });
  expect(held).toMatchObject({ outcome: 'refer', lineAction: 'hold', maxGrantable: 0, affordability: { capacity: 0 } });
});
afterAll(async () => scorer?.close());

function profile(balance: number): ApplicantInput {
  return {
    ...structuredClone(base),
    controls: { ...base.controls, selfSetCap: LINE },
    platform: { ...base.platform, currentLimit: LINE, currentBalance: balance },
  };
}

describe('a reduction told the balance held for is paid down', () => {
  it('the capacity is what a reassessment of the same facts works out, and no reason says the balance is unaffordable (was capacity 0, balance_owed_unaffordable)', async () => {
    const r = scorer.requestReduction(held, LINE, { currentBalance: 0 });
    const same = await scorer.reassess(held, { applicant: profile(0) });
    expect(same.affordability.capacity).toBe(2_591_911);
    expect(r.affordability.capacity).toBe(same.affordability.capacity);
    expect(r.caps.affordability).toBe(same.caps.affordability);
    expect(r.health.healthyLimit).toBe(same.health.healthyLimit);
    expect([r.caps.affordability, r.health.healthyLimit]).toEqual([2_591_911, 2_590_000]);
    // What the reassessment decides, and the reduction does not.
    expect(same).toMatchObject({ outcome: 'approve', lineAction: 'keep', maxGrantable: LINE });
    expect(r.affordability.balanceOwed).toBeUndefined();
    expect(r.affordability.pass).toBe(true);
    expect(r.policyReasons).not.toContain(OWED_UNAFFORDABLE);
    expect(r.reasons.map((x) => x.code)).not.toContain(OWED_UNAFFORDABLE);
    // A reduction does not decide again what may be granted: the line stays with the person it was held for.
    expect(r).toMatchObject({ outcome: 'refer', lineAction: 'hold', limit: LINE, maxGrantable: 0, bindingConstraint: 'line_on_file' });
    expect(r.reasons.map((x) => x.code)).toContain('line_held_for_review');
  });

  it('a person may approve the line its checks pass (was refused: above caps.affordability = 0)', () => {
    const r = scorer.requestReduction(held, LINE, { currentBalance: 0 });
    const v = scorer.recordReview(r, { reviewerRole: 'credit_officer', outcome: 'approve', limit: LINE });
    expect(v).toMatchObject({ outcome: 'approve', limit: LINE, affordability: { pass: true } });
  });

  it('a smaller balance still above the line, one the income repays, is counted as the reassessment counts it', async () => {
    const owed = 1_000 * RMB;
    const r = scorer.requestReduction(held, LINE, { currentBalance: owed });
    const same = await scorer.reassess(held, { applicant: profile(owed) });
    expect(r.affordability.capacity).toBe(same.affordability.capacity);
    expect(r.affordability.balanceOwed?.amount).toBe(owed);
    expect(r.policyReasons).not.toContain(OWED_UNAFFORDABLE);
  });

  it('left out, the balance noted is still owed: held for it as before', () => {
    const r = scorer.requestReduction(held, LINE);
    expect(r).toMatchObject({ outcome: 'refer', lineAction: 'hold', maxGrantable: 0, affordability: { capacity: 0 } });
    expect(r.reasons.map((x) => x.code)).toContain(OWED_UNAFFORDABLE);
  });
});
