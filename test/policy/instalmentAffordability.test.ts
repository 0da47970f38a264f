import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aprBpOf } from '../../src/decision/affordabilityAt.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { affordabilityInputOf, affordabilityCapacity } from '../../src/policy/affordability.js';
import { applyPolicy } from '../../src/policy/applyPolicy.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { dsrBandFor } from '../../src/policy/effectiveIncome.js';
import type { PolicyConfig } from '../../src/policy/policyConfig.js';
import { policyConfigArbitrary } from '../../src/policy/policyConfigArbitrary.js';
import type { Applicant, ApplicantInput } from '../../src/schema/applicant.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import { applicantDrawArbitrary, applicantFromDraw, pdArbitrary } from './applicantBuilder.js';
import { exactAnnuity, exactInstalment, exactShareOf, rateText } from './exactReference.js';
import { payrollApplicant } from '../helpers/payrollApplicant.js';

// Every way of repaying the line that a decision offers, over the policy's affordability term, must
// pass the affordability checks: the revolving line at the offered rate over the term, and each
// instalment plan of at least that many instalments (the outside tester's F1: a 12,400 RMB line bound
// by affordability at 11.6% offered the 12-month plan at 8.8%, 1,124.27 RMB a month, 2,427 fen over
// the DSR maximum). Worked out here from the policy's words, not read from the engine.

/** Each monthly payment a customer may owe on `limit` over at least the term, with what it is. */
function repayments(limit: number, aprBp: number, policy: PolicyConfig): { what: string; payment: number }[] {
  const term = policy.affordability.termMonths;
  return [
    { what: `revolving over ${term} months`, payment: exactAnnuity(limit, rateText(aprBp), term) },
    ...policy.fees.instalmentPlans
      .filter((p) => p.months >= term)
      .map((p) => ({ what: `${p.months}-month plan`, payment: exactInstalment(limit, p.months, rateText(p.feeRate), rateText(policy.fees.monthlyRate)) })),
  ];
}

/** The repayments that break debt service or residual income at `limit`. */
function unaffordable(applicant: Applicant, limit: number, aprBp: number, policy: PolicyConfig): string[] {
  const input = affordabilityInputOf(applicant, policy);
  const a = policy.affordability;
  const maxDebtService = exactShareOf(input.effectiveIncome, rateText(dsrBandFor(input.effectiveIncome, policy).maxDsr));
  const essentials = Math.max(input.monthlyEssentialSpending, a.minEssentialsPerPerson * (1 + input.dependants));
  const floor = a.residualFloorByCityTier[input.cityTier - 1] as number;
  return repayments(limit, aprBp, policy)
    .filter(
      ({ payment }) =>
        input.otherMonthlyDebtService + payment > maxDebtService || input.effectiveIncome - essentials - input.otherMonthlyDebtService - payment < floor,
    )
    .map(({ what, payment }) => `${what} (${payment} fen a month)`);
}

const policyArb: fc.Arbitrary<PolicyConfig> = fc.oneof(fc.constant(defaultPolicy), policyConfigArbitrary());

describe('affordability holds for every plan the line offers over the term', () => {
  it('applyPolicy: every limit granted or proposed passes every repayment offered over the term, and the capacity is the largest that does', () => {
    fc.assert(
      fc.property(applicantDrawArbitrary, pdArbitrary, policyArb, (draw, pd, policy) => {
        const applicant = applicantFromDraw(draw);
        const r = applyPolicy({ applicant, pd, policy });
        const aprBp = r.pricing.aprBp;
        if (r.limit > 0) expect(unaffordable(applicant, r.limit, aprBp, policy)).toEqual([]);
        const capacity = affordabilityCapacity(affordabilityInputOf(applicant, policy), aprBp, policy).capacity;
        if (capacity > 0 && r.affordability.checks[0]?.pass) {
          expect(unaffordable(applicant, capacity, aprBp, policy)).toEqual([]);
          expect(unaffordable(applicant, capacity + 1, aprBp, policy)).not.toEqual([]);
        }
      }),
      { numRuns: 400, seed: 20261205 },
    );
  });

  it('the disclosed payment is the dearest of them, and names its plan', () => {
    fc.assert(
      fc.property(applicantDrawArbitrary, pdArbitrary, policyArb, (draw, pd, policy) => {
        const applicant = applicantFromDraw(draw);
        const r = applyPolicy({ applicant, pd, policy });
        const all = repayments(r.affordability.limit, r.pricing.aprBp, policy);
        const dearest = Math.max(...all.map((x) => x.payment));
        expect(r.affordability.monthlyPayment).toBe(dearest);
        const plan = r.affordability.paymentPlan;
        const named = plan.kind === 'revolving' ? all[0] : all.find((x) => x.what === `${plan.months}-month plan`);
        expect(named?.payment).toBe(dearest);
        if (plan.kind === 'revolving') expect(plan.months).toBe(policy.affordability.termMonths);
      }),
      { numRuns: 200, seed: 20261206 },
    );
  });
});

describe("the tester's applicant: 6,500 RMB payroll income, 1,500 RMB a month to other lenders", () => {
  let scorer: Scorer;
  beforeAll(async () => {
    scorer = await createScorer({ suggestionsPerDecision: 0 });
  });
  afterAll(() => scorer.close());

  const applicant: ApplicantInput = payrollApplicant('app-1', 150_000);

  function expectAffordable(d: Decision): void {
    const a = parseApplicant(applicant);
    expect(d.limit).toBeGreaterThan(0);
    expect(unaffordable(a, d.limit, aprBpOf(d), scorer.policy)).toEqual([]);
    // The disclosed debt-service check is at the dearest payment: the 12-month plan's, on this line.
    const twelve = exactInstalment(d.limit, 12, '0.088', '0');
    expect(d.affordability.monthlyPayment).toBe(Math.max(twelve, exactAnnuity(d.limit, rateText(aprBpOf(d)), 12)));
    expect(d.affordability.checks.find((c) => c.id === 'debt_service')?.value).toBe(150_000 + d.affordability.monthlyPayment);
    expect(d.affordability.pass).toBe(true);
  }

  it('decide: the 12-month plan on the granted line stays within the 40% DSR maximum (260,000 fen)', async () => {
    const d = await scorer.decide(applicant);
    expect(d).toMatchObject({ outcome: 'approve', bindingConstraint: 'affordability' });
    expect(d.apr).toBeLessThan(0.1586);
    expect(150_000 + exactInstalment(d.limit, 12, '0.088', '0')).toBeLessThanOrEqual(260_000);
    expect(d.affordability.paymentPlan).toEqual({ kind: 'instalment', months: 12 });
    expect(d.health.healthyLimit).toBeLessThanOrEqual(1_239_000);
    expectAffordable(d);
  });

  it('decideBatch, reassess, a reduction and a review: the same rule on every path', async () => {
    const d = await scorer.decide(applicant);
    const [b] = await scorer.decideBatch([applicant]);
    expect(b).toEqual({ ok: true, index: 0, decision: d });
    expectAffordable(await scorer.reassess(d, { applicant, evidence: [] }));
    expectAffordable(scorer.requestReduction(d, 1_000_000));
    const referred = await scorer.decide({ ...applicant, controls: { humanReview: true } });
    expect(referred.outcome).toBe('refer');
    const reviewed = scorer.recordReview(referred, { reviewerRole: 'credit_officer', outcome: 'approve', limit: referred.maxGrantable, note: 'checked' });
    expectAffordable(reviewed);
  });
});
