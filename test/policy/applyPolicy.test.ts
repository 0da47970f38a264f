import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { applyPolicy, preparePolicy, type PolicyResult } from '../../src/policy/applyPolicy.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import type { PolicyConfig } from '../../src/policy/policyConfig.js';
import { policyConfigArbitrary } from '../../src/policy/policyConfigArbitrary.js';
import { PolicyInvalidError } from '../../src/policy/policyInvalidError.js';
import { policyReasons } from '../../src/policy/policyReasons.js';
import { euCcd2 } from '../../src/policy/jurisdictionProfile.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { applicantDrawArbitrary, applicantFromDraw, buildApplicant, pdArbitrary as pdArb, type ApplicantDraw } from './applicantBuilder.js';

// Half the runs use the default policy, half any valid policy: laws must hold for a lender's numbers too.
const policyArb: fc.Arbitrary<PolicyConfig> = fc.oneof(fc.constant(defaultPolicy), policyConfigArbitrary());
const RUNS = 300;

function decide(policy: PolicyConfig, draw: ApplicantDraw, pd: number): PolicyResult {
  return applyPolicy({ applicant: applicantFromDraw(draw), pd, policy });
}

describe('applyPolicy: examples', () => {
  it('approves a clean salaried applicant at the risk-based limit, with price and checks', () => {
    const r = applyPolicy({ applicant: buildApplicant(), pd: 0.03 });
    expect(r).toMatchObject({
      outcome: 'approve',
      grade: 'B',
      // 13.05% / 365 = 0.035753% a day, billed as 0.0358%: 0.000358 x 365 = 13.067%
      apr: 0.13067,
      dailyRateText: '0.0358%',
      effectiveIncome: 600_000,
      riskLimit: 1_400_000, // 600,000 x 2.333: PD 3% is a third of the way from grade B's 2.5x to C's 2x
      limit: 1_400_000,
      bindingConstraint: 'risk',
      reasons: ['limit_risk_grade'],
      policyName: defaultPolicy.name,
    });
    expect(r.affordability.pass).toBe(true);
    expect(r.affordability.limit).toBe(1_400_000);
    expect(r.policyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('declines on a knock-out with limit 0, keeping every number for the audit', () => {
    const r = applyPolicy({ applicant: buildApplicant({ bureau: { hasFile: true, currentDaysPastDue: 5 } }), pd: 0.03 });
    expect(r.outcome).toBe('decline');
    expect(r.limit).toBe(0);
    expect(r.reasons[0]).toBe('current_past_due');
    expect(r.composedLimit).toBe(1_400_000);
  });

  it('refers in the refer band and on a duplicate-certificate flag, proposing the limit', () => {
    expect(applyPolicy({ applicant: buildApplicant(), pd: 0.15 })).toMatchObject({ outcome: 'refer', limit: 600_000 });
    const dup = applyPolicy({ applicant: buildApplicant(), pd: 0.03, flags: { duplicateEvidence: true } });
    expect(dup).toMatchObject({ outcome: 'refer', reasons: ['duplicate_evidence', 'limit_risk_grade'] });
  });

  it('declines below the product minimum and says which affordability checks failed', () => {
    const stretched = buildApplicant({ household: { monthlyEssentialSpending: 560_000, dependants: 0 } });
    const r = applyPolicy({ applicant: stretched, pd: 0.03 });
    expect(r.outcome).toBe('decline');
    expect(r.affordabilityCapacity).toBe(0);
    expect(r.reasons).toEqual(['limit_below_product_minimum', 'residual_income_too_low', 'limit_affordability_residual_income']);
    expect(r.affordability.limit).toBe(defaultPolicy.limits.productMin);
    const referring = resolvePolicy({ limits: { belowMinimum: 'refer' } });
    expect(applyPolicy({ applicant: stretched, pd: 0.03, policy: referring })).toMatchObject({ outcome: 'refer', limit: 0 });
  });

  it('honours the self-set cap and the requested limit, naming them', () => {
    const capped = applyPolicy({ applicant: buildApplicant({ controls: { selfSetCap: 800_000, requestedLimit: 900_000 } }), pd: 0.03 });
    expect(capped).toMatchObject({ limit: 800_000, bindingConstraint: 'self_cap', reasons: ['limit_self_cap'] });
    const asked = applyPolicy({ applicant: buildApplicant({ controls: { requestedLimit: 1_000_000 } }), pd: 0.03 });
    expect(asked).toMatchObject({ limit: 1_000_000, bindingConstraint: 'requested' });
  });

  it("counts this lender's other lines against the 200,000 RMB per-borrower cap, and not balances elsewhere", () => {
    const own = buildApplicant({ platform: { accountAgeMonths: 30, transactions3m: 150, transactionAmount3m: 1_350_000, otherLinesLimit: 19_300_000 } });
    const r = applyPolicy({ applicant: own, pd: 0.03 });
    expect(r).toMatchObject({ limit: 700_000, bindingConstraint: 'regulatory', reasons: ['limit_regulatory_cap'] });
    expect(r.caps.regulatory).toBe(700_000);
    // 193,000 RMB owed to other lenders is not this lender's credit line: no regulatory cap from it.
    const elsewhere = applyPolicy({ applicant: buildApplicant({ bureau: { hasFile: true, otherConsumerCreditBalance: 19_300_000 } }), pd: 0.03 });
    expect(elsewhere.caps.regulatory).toBe(20_000_000);
    expect(elsewhere).toMatchObject({ limit: 1_400_000, bindingConstraint: 'risk' });
  });

  it("names a lender's own stricter cap as the lender's, never as regulation", () => {
    const policy = resolvePolicy({ limits: { lenderCapPerBorrower: 5_000_000 } });
    const applicant = buildApplicant({ platform: { accountAgeMonths: 30, transactions3m: 150, transactionAmount3m: 1_350_000, otherLinesLimit: 4_200_000 } });
    const r = applyPolicy({ applicant, pd: 0.03, policy });
    expect(r).toMatchObject({ limit: 800_000, bindingConstraint: 'lender_cap', reasons: ['limit_lender_cap'] });
    expect(r.caps).toMatchObject({ regulatory: 15_800_000, lender_cap: 800_000 });
    expect(policyReasons.limit_lender_cap.factor).toBe('policy_cap');
    expect(policyReasons.limit_lender_cap.en).not.toMatch(/regulat/i);
  });

  it('under eu-ccd2 no per-borrower regulatory cap applies', () => {
    const policy = resolvePolicy({ jurisdiction: euCcd2 });
    const r = applyPolicy({
      applicant: buildApplicant({ platform: { accountAgeMonths: 30, transactions3m: 150, transactionAmount3m: 1_350_000, otherLinesLimit: 19_300_000 } }),
      pd: 0.03,
      policy,
    });
    expect(r.caps.regulatory).toBeNull();
    expect(r).toMatchObject({ limit: 1_400_000, bindingConstraint: 'risk' });
  });

  it('steps up an existing line, using the ledger of recent increases', () => {
    const applicant = buildApplicant({
      platform: { accountAgeMonths: 30, transactions3m: 150, transactionAmount3m: 1_350_000, currentLimit: 400_000 },
    });
    // Step numbers of the test's own (half-step, 2,000 RMB), so the default's numbers can change.
    const policy = resolvePolicy({
      stepLimits: { perStepRatio: 0.5, perStepAmount: 200_000, windowDays: 30, windowMaxIncrease: 1_000_000, windowMaxCount: 2 },
    });
    const r = applyPolicy({ applicant, pd: 0.01, policy });
    expect(r.composedLimit).toBe(1_650_000); // 600,000 x 2.75 at PD 1%
    // The step limit set it, not the risk grade (16,500 RMB): the step is the reason (findings15-explain F2).
    expect(r).toMatchObject({ limit: 600_000, outcome: 'approve', reasons: ['step_limit_per_step'] });
    const busy = applyPolicy({
      applicant,
      pd: 0.01,
      policy,
      limitHistory: [
        { asOf: '2024-06-20', from: 200_000, to: 300_000 },
        { asOf: '2024-06-25', from: 300_000, to: 400_000 },
      ],
    });
    expect(busy).toMatchObject({ limit: 400_000, stepLimit: { bound: 'window_count' } });
  });

  // findings10-chains F1: a close reset the window, so a line raised to the window's limit, closed
  // and reassessed reopened at whatever the caps allowed.
  it('a line closed while the window holds rises reopens as a step from 0; a new customer opens freely', () => {
    const closed = buildApplicant({
      platform: { accountAgeMonths: 30, transactions3m: 150, transactionAmount3m: 1_350_000, currentLimit: 0, currentBalance: 0 },
    });
    const fresh = applyPolicy({ applicant: closed, pd: 0.01 });
    expect(fresh).toMatchObject({ limit: 1_650_000, stepLimit: null });
    // One rise of 15,000 RMB in the window: 5,000 RMB of its 20,000 left.
    const oneRise = [{ asOf: '2024-06-20', from: 300_000, to: 1_800_000 }];
    expect(applyPolicy({ applicant: closed, pd: 0.01, limitHistory: oneRise })).toMatchObject({
      outcome: 'approve',
      limit: 500_000,
      limitSetBy: 'step_limit',
      stepLimit: { priorLimit: 0, bound: 'window_amount', allowedIncrease: 500_000 },
      reasons: ['step_limit_window_amount'],
    });
    // From 0, a step is at most the per-step amount (15,000 RMB).
    const small = [{ asOf: '2024-06-20', from: 300_000, to: 400_000 }];
    expect(applyPolicy({ applicant: closed, pd: 0.01, limitHistory: small })).toMatchObject({ limit: 1_500_000, stepLimit: { bound: 'per_step' } });
    // Rises older than the window: a new customer's line.
    expect(applyPolicy({ applicant: closed, pd: 0.01, limitHistory: [{ asOf: '2024-05-01', from: 300_000, to: 2_300_000 }] })).toMatchObject({
      limit: 1_650_000,
      stepLimit: null,
    });
    // The window used up: the line stays closed, and the step limit is the reason, named first; not
    // the risk grade that would have set a line.
    const usedUp = [...oneRise, { asOf: '2024-06-21', from: 1_800_000, to: 2_300_000 }];
    const held = applyPolicy({ applicant: closed, pd: 0.01, limitHistory: usedUp });
    expect(held).toMatchObject({ outcome: 'decline', limit: 0, limitSetBy: 'step_limit' });
    expect(held.reasons).toEqual(['step_limit_window_amount', 'limit_below_product_minimum']);
  });

  it('rejects a bad PD with a ValidationError and a bad policy with a PolicyInvalidError', () => {
    expect(() => applyPolicy({ applicant: buildApplicant(), pd: 1.5 })).toThrow(ValidationError);
    const bad = { ...defaultPolicy, pricing: { ...defaultPolicy.pricing, aprCap: 0.3 } };
    expect(() => applyPolicy({ applicant: buildApplicant(), pd: 0.1, policy: bad })).toThrow(PolicyInvalidError);
  });

  it('every reason code is in the reason table with both languages', () => {
    for (const [code, reason] of Object.entries(policyReasons)) {
      expect(reason.en.length, code).toBeGreaterThan(0);
      expect(reason.zhHans.length, code).toBeGreaterThan(0);
    }
  });
});

describe('applyPolicy: laws', () => {
  it("law: a customer's request for a person always gives refer, the automated terms kept as the proposal", () => {
    fc.assert(
      fc.property(policyArb, applicantDrawArbitrary, pdArb, (policy, draw, pd) => {
        const applicant = applicantFromDraw(draw);
        const automated = applyPolicy({ applicant, pd, policy });
        const asked = applyPolicy({ applicant: { ...applicant, controls: { ...applicant.controls, humanReview: true } }, pd, policy });
        expect(asked.outcome).toBe('refer');
        expect(asked.automatedOutcome).toBe(automated.outcome);
        expect(asked.limit).toBe(automated.limit);
        expect(asked.reasons).toContain('human_review_requested');
      }),
      { numRuns: RUNS },
    );
  });

  it('law: a student without a second repayment source is never simply approved unless the policy allows it', () => {
    fc.assert(
      fc.property(policyArb, applicantDrawArbitrary, pdArb, fc.boolean(), (policy, draw, pd, guardian) => {
        const base = applicantFromDraw(draw);
        const applicant = {
          ...base,
          employment: { type: 'student' as const, industry: 'education' as const },
          household: { ...base.household, ...(guardian ? { secondRepaymentSource: 'guardian' as const } : {}) },
        };
        const r = applyPolicy({ applicant, pd, policy });
        const rule = policy.students.withoutSecondRepaymentSource;
        if (!guardian && rule !== 'allow') {
          expect(r.outcome).not.toBe('approve');
          expect(r.reasons).toContain('student_without_second_source');
          if (rule === 'decline') expect(r.outcome).toBe('decline');
        } else {
          expect(r.reasons).not.toContain('student_without_second_source');
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('the limit never exceeds any cap, and the self-set cap always holds', () => {
    fc.assert(
      fc.property(policyArb, applicantDrawArbitrary, pdArb, (policy, draw, pd) => {
        const r = decide(policy, draw, pd);
        for (const cap of Object.values(r.caps)) if (cap !== null) expect(r.limit).toBeLessThanOrEqual(cap);
        if (draw.selfSetCap !== undefined) expect(r.limit).toBeLessThanOrEqual(draw.selfSetCap);
        const legal = policy.jurisdiction.perBorrowerCreditLineCap;
        if (legal !== null) expect(r.limit).toBeLessThanOrEqual(Math.max(0, legal - draw.otherLinesLimit));
      }),
      { numRuns: RUNS },
    );
  });

  it('the limit is a whole multiple of the rounding step (or the unchanged prior line) and integer fen', () => {
    fc.assert(
      fc.property(policyArb, applicantDrawArbitrary, pdArb, (policy, draw, pd) => {
        const r = decide(policy, draw, pd);
        expect(Number.isSafeInteger(r.limit)).toBe(true);
        if (r.limit !== draw.currentLimit) expect(r.limit % policy.limits.roundingStep).toBe(0);
        for (const v of [r.riskLimit, r.affordabilityCapacity, r.effectiveIncome, r.affordability.monthlyPayment]) {
          expect(Number.isSafeInteger(v)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('approved and referred limits pass every affordability check', () => {
    fc.assert(
      fc.property(policyArb, applicantDrawArbitrary, pdArb, (policy, draw, pd) => {
        const r = decide(policy, draw, pd);
        if (r.limit > 0) {
          expect(r.outcome).not.toBe('decline');
          expect(r.affordability.limit).toBe(r.limit);
          expect(r.affordability.pass).toBe(true);
          expect(r.limit).toBeGreaterThanOrEqual(Math.min(policy.limits.productMin, draw.currentLimit || Infinity));
        }
        if (r.outcome === 'decline') expect(r.limit).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('APR stays within [floor, cap] and never falls as PD rises; the limit never rises as PD rises', () => {
    fc.assert(
      fc.property(policyArb, applicantDrawArbitrary, pdArb, pdArb, (policy, draw, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const safe = decide(policy, draw, lo);
        const risky = decide(policy, draw, hi);
        expect(risky.apr).toBeGreaterThanOrEqual(safe.apr);
        expect(risky.apr).toBeLessThanOrEqual(policy.pricing.aprCap + 1e-12);
        expect(safe.apr).toBeGreaterThanOrEqual(policy.pricing.aprFloor - 1e-12);
        expect(risky.limit).toBeLessThanOrEqual(safe.limit);
      }),
      { numRuns: RUNS },
    );
  });

  it('higher income never lowers the limit (same source, all else equal)', () => {
    fc.assert(
      fc.property(policyArb, applicantDrawArbitrary, fc.integer({ min: 0, max: 3_000_000 }), pdArb, (policy, draw, extra, pd) => {
        const base = decide(policy, draw, pd);
        const richer = decide(policy, { ...draw, monthlyNet: draw.monthlyNet + extra }, pd);
        expect(richer.limit).toBeGreaterThanOrEqual(base.limit);
        expect(richer.affordabilityCapacity).toBeGreaterThanOrEqual(base.affordabilityCapacity);
      }),
      { numRuns: RUNS },
    );
  });

  it('every decline and every limit carries reasons, all from the reason table', () => {
    fc.assert(
      fc.property(policyArb, applicantDrawArbitrary, pdArb, (policy, draw, pd) => {
        const r = decide(policy, draw, pd);
        expect(r.reasons.length).toBeGreaterThan(0);
        for (const code of r.reasons) expect(policyReasons).toHaveProperty(code);
        expect(new Set(r.reasons).size).toBe(r.reasons.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('is deterministic: the same input, or an unfrozen copy of the policy, gives the same result', () => {
    fc.assert(
      fc.property(policyArb, applicantDrawArbitrary, pdArb, (policy, draw, pd) => {
        const applicant = applicantFromDraw(draw);
        const first = applyPolicy({ applicant, pd, policy });
        expect(applyPolicy({ applicant, pd, policy })).toEqual(first);
        expect(applyPolicy({ applicant, pd, policy: structuredClone(policy) })).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });
});

describe('preparePolicy', () => {
  it('law: limitAt gives exactly the outcome, limit, setter and capacity that evaluate reports, at any PD and policy', () => {
    fc.assert(
      fc.property(policyArb, applicantDrawArbitrary, fc.array(pdArb, { minLength: 1, maxLength: 5 }), fc.boolean(), (policy, draw, pds, duplicateEvidence) => {
        const prepared = preparePolicy({ applicant: applicantFromDraw(draw), policy, flags: { duplicateEvidence } });
        for (const pd of pds) {
          const full = prepared.evaluate(pd);
          expect(prepared.limitAt(pd)).toEqual({
            outcome: full.outcome,
            limit: full.limit,
            limitSetBy: full.limitSetBy,
            affordabilityCapacity: full.affordabilityCapacity,
          });
          expect(full).toEqual(applyPolicy({ applicant: applicantFromDraw(draw), pd, policy, flags: { duplicateEvidence } }));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
