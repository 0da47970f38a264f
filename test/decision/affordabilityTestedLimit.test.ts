import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aprBpOf } from '../../src/decision/affordabilityAt.js';
import { NO_AUDIT_KEYS, sealDecision } from '../../src/decision/audit.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { dearestRepayment, repaymentAt } from '../../src/policy/affordabilityPayment.js';
import { applicantArbitrary } from '../../src/testing/index.js';

// A decision's affordability block says which limit its checks were run at (`affordability.limit`):
// the decision's own limit when it sets one; on a decline, the limit the policy tested (the product
// minimum when the composed limit fell below it, the composed limit when a knock-out declined).

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

const grad = exampleFor('new_graduate').applicant;

/** The payment the block shows is the one on the limit it names, on the decision's terms. */
function expectConsistent(d: Decision): void {
  const tested = d.affordability.limit;
  expect(tested).toBeTypeOf('number');
  // The payment on the dearest way of repaying it over the term (the revolving line or a plan of at least the term).
  const repayment = dearestRepayment(aprBpOf(d), scorer.policy);
  // A balance owed above the line on file and above that limit is what is tested (findings26 F1), and the block says so.
  const owed = d.affordability.balanceOwed;
  const principal = owed?.aboveLimit ? owed.amount : (tested as number);
  if (owed !== undefined) expect(owed.aboveLimit).toBe(owed.amount > (tested as number));
  expect(d.affordability.monthlyPayment).toBe(repaymentAt(principal, repayment));
  expect(d.affordability.paymentPlan).toEqual(repayment.plan);
  if (d.limit > 0) expect(tested).toBe(d.limit);
}

describe('affordability.limit discloses the limit the checks were run at', () => {
  it('a knock-out decline: the composed limit the policy tested, not 0 and not left unsaid', async () => {
    const d = await scorer.decide({ ...grad, bureau: { ...grad.bureau, currentDaysPastDue: 90 } });
    expect(d).toMatchObject({ outcome: 'decline', limit: 0, bindingConstraint: 'knockout' });
    expect(d.affordability.limit).toBeGreaterThanOrEqual(scorer.policy.limits.productMin);
    expectConsistent(d);
  });

  it('a decline below the product minimum: the product minimum', async () => {
    const d = await scorer.decide({ ...grad, controls: { requestedLimit: 20_000 } });
    expect(d).toMatchObject({ outcome: 'decline', limit: 0, bindingConstraint: 'product_minimum' });
    expect(d.affordability.limit).toBe(scorer.policy.limits.productMin);
    expectConsistent(d);
  });

  it('an approval, a reduction of it and a held line: the limit the decision sets', async () => {
    const d = await scorer.decide(grad);
    expectConsistent(d);
    expectConsistent(scorer.requestReduction(d, 500_000));
    const held = await scorer.reassess(d, { applicant: { ...grad, bureau: { ...grad.bureau, otherMonthlyDebtService: 400_000 } }, evidence: [] });
    expect(held.lineAction).toBe('hold');
    expectConsistent(held);
  });

  it('any applicant, decided and reassessed', async () => {
    await fc.assert(
      fc.asyncProperty(applicantArbitrary({ maxEvidence: 1 }), async (a) => {
        const d = await scorer.decide(a);
        expectConsistent(d);
        expectConsistent(await scorer.reassess(d, { applicant: a, evidence: [] }));
      }),
      { seed: 3, numRuns: 40 },
    );
  });
});

describe('a decision made before affordability.limit and paymentPlan existed is still a valid prior', () => {
  it('without the fields it is reassessed and reduced, and the follow-ups name the limit and the plan', async () => {
    const d = await scorer.decide(grad);
    const { limit: _tested, paymentPlan: _plan, ...affordability } = d.affordability;
    const { contentHash: _hash, ...audit } = d.audit;
    const older = sealDecision({ ...d, affordability, audit }, NO_AUDIT_KEYS);
    expect(older.affordability.limit).toBeUndefined();
    expect(older.affordability.paymentPlan).toBeUndefined();
    expectConsistent(await scorer.reassess(older, { applicant: grad, evidence: [] }));
    expectConsistent(scorer.requestReduction(older, 500_000));
  });
});
