// A line on file need not be on the rounding step (a line granted under another step, entered by
// the lender's own system), and a kept line stays as it is. A reduction rounds down the amount the
// customer asked for, never the line: asked above a 12,345.67 RMB line it kept the line's fen
// (outside tester, findings11-money F2: `requestReduction(prior, 2_000_000)` cut the line to
// 12,300 RMB with "Limit lowered at your request", and a referral's 7-fen line went to 0).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { applyReduction } from '../../src/policy/applyReduction.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { roundDownToStep } from '../../src/policy/limit.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

const OFF_STEP = 1_234_567;

describe('applyReduction rounds the amount asked, never the line', () => {
  it('asked above an off-step line: the line, to the fen', () => {
    expect(applyReduction(OFF_STEP, 2_000_000)).toBe(OFF_STEP);
    expect(applyReduction(OFF_STEP, 1_240_000)).toBe(OFF_STEP);
    // Asked for the line itself: the amount asked rounds down to 12,300 RMB, the cap the customer
    // sets, and a line is never above its cap.
    expect(applyReduction(OFF_STEP, OFF_STEP)).toBe(1_230_000);
  });

  it('asked below it: the amount asked, rounded down to the step (also when the amount rounds down below the line)', () => {
    expect(applyReduction(OFF_STEP, 1_000_050)).toBe(1_000_000);
    expect(applyReduction(OFF_STEP, 1_234_600)).toBe(1_230_000);
  });

  it('law: min(line, amount asked rounded down to the step), whatever the line', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30_000_000 }),
        fc.integer({ min: defaultPolicy.limits.productMin, max: 30_000_000 }),
        fc.constantFrom(1, 100, 10_000, 50_000),
        (line, amount, roundingStep) => {
          const policy = { ...defaultPolicy, limits: { ...defaultPolicy.limits, roundingStep } };
          const got = applyReduction(line, amount, policy);
          expect(got).toBe(Math.min(line, roundDownToStep(amount, roundingStep)));
          expect(got).toBeLessThanOrEqual(line);
        },
      ),
      { numRuns: 500, seed: 20261207 },
    );
  });
});

describe('scorer.requestReduction on an off-step line on file', () => {
  let scorer: Scorer;
  beforeAll(async () => {
    scorer = await createScorer({ suggestionsPerDecision: 0 });
  });
  afterAll(() => scorer.close());

  const applicant: ApplicantInput = {
    id: 'app-1',
    asOf: '2026-11-24',
    birthDate: '1995-05-14',
    identity: { idHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
    employment: { type: 'salaried', industry: 'information_technology', startDate: '2020-08-15' },
    income: { monthlyNet: 1_500_000, source: 'payroll' },
    socialInsuranceMonths: 40,
    housingFundMonths: 40,
    residence: { cityTier: 2, region: 'central' },
    bureau: { hasFile: false },
    platform: { accountAgeMonths: 40, transactions3m: 150, transactionAmount3m: 1_300_000, onTimeRepaymentRate: 1, currentLimit: OFF_STEP },
    household: { monthlyEssentialSpending: 200_000, dependants: 0 },
    controls: {},
    evidence: [],
  };
  // Three rises in the window: the count is full, so the line is kept as it is.
  const limitHistory = [
    { asOf: '2026-11-10', from: 1_000_000, to: 1_100_000 },
    { asOf: '2026-11-15', from: 1_100_000, to: 1_200_000 },
    { asOf: '2026-11-20', from: 1_200_000, to: OFF_STEP },
  ];

  it('asked above the kept line: the line stays to the fen, kept, and no reason blames the customer', async () => {
    const d = await scorer.decide(applicant, { limitHistory });
    expect(d).toMatchObject({ lineAction: 'keep', limit: OFF_STEP });
    const r = scorer.requestReduction(d, 2_000_000);
    expect(r).toMatchObject({ limit: OFF_STEP, lineAction: 'keep', previousLimit: OFF_STEP, controls: { selfSetCap: 2_000_000 } });
    expect(r.bindingConstraint).toBe(d.bindingConstraint);
    expect(r.reasons.map((x) => x.code)).not.toContain('customer_reduction');
  });

  it('asked below it: lowered to the amount rounded down', async () => {
    const d = await scorer.decide(applicant, { limitHistory });
    expect(scorer.requestReduction(d, 1_000_050)).toMatchObject({ limit: 1_000_000, lineAction: 'lower', bindingConstraint: 'self_cap' });
  });

  it("a referral's off-step line on file (the proposal grants nothing): asked above it, the line stays", async () => {
    const d = await scorer.decide({ ...applicant, controls: { humanReview: true } }, { limitHistory });
    expect(d).toMatchObject({ outcome: 'refer', lineAction: 'review', previousLimit: OFF_STEP });
    const r = scorer.requestReduction(d, 1_499_999);
    expect(r).toMatchObject({ limit: OFF_STEP, previousLimit: OFF_STEP, outcome: 'refer' });
    expect(r.movement).toMatchObject({ from: OFF_STEP, to: OFF_STEP });
  });
});
