import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { applyPolicy } from '../../src/policy/applyPolicy.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { MAX_PRINCIPAL_REASONS, principalReasons } from '../../src/explain/principalReasons.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

// The customer's own cap is a brake they hold, never a reason to send them to a person: a line is
// never below the product minimum, so a reduction below it is refused (lower to the minimum, or
// close the account), and a cap below it that reaches a decision some other way closes the line
// rather than holding it "above what we can offer today".

let scorer: Scorer;
let referring: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
  referring = await createScorer({ suggestionsPerDecision: 0, policy: resolvePolicy({ limits: { belowMinimum: 'refer' } }) });
});
afterAll(async () => {
  await scorer.close();
  await referring.close();
});

const grad = exampleFor('new_graduate').applicant;
const withCap = (a: ApplicantInput, selfSetCap: number, currentLimit?: number): ApplicantInput => ({
  ...a,
  platform: { ...a.platform, currentLimit: currentLimit ?? a.platform.currentLimit },
  controls: { ...a.controls, selfSetCap },
});

describe('a reduction below the product minimum is refused, naming the amount and the minimum', () => {
  it.each([40_000, 9_999, 0, 49_999])('%i fen (product minimum 50,000)', async (amount) => {
    const d = await scorer.decide(grad);
    const e = validationErrorOf(() => scorer.requestReduction(d, amount));
    expect(e.subject).toBe('reduction amount');
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ code: 'too_small', expected: '>= 50000' });
    expect(e.issues[0]?.message).toContain(`${amount} fen`);
    expect(e.issues[0]?.message).toContain('product minimum of 50000 fen (500.00 RMB)');
  });

  it('on a declined decision too: a cap below the minimum would leave nothing the product offers', async () => {
    const declined = await scorer.decide({ ...grad, bureau: { ...grad.bureau, currentDaysPastDue: 90 } });
    expect(declined.outcome).toBe('decline');
    expect(validationErrorOf(() => scorer.requestReduction(declined, 30_000)).issues[0]?.code).toBe('too_small');
    expect(scorer.requestReduction(declined, 50_000).controls.selfSetCap).toBe(50_000);
  });
});

describe('after a reduction, a reassessment of the same profile keeps the line the customer chose', () => {
  it.each([50_000, 123_456, 1_000_000])('reduced to %i fen, then reassessed: approve, keep, no hold and no referral', async (amount) => {
    const d = await scorer.decide(grad);
    const reduced = scorer.requestReduction(d, amount);
    const step = scorer.policy.limits.roundingStep;
    const onGrid = Math.floor(amount / step) * step;
    // The cap recorded is the amount asked rounded down to the step, as the line is (README).
    expect(reduced).toMatchObject({ outcome: 'approve', lineAction: 'lower', limit: onGrid, controls: { selfSetCap: onGrid } });
    const again = await scorer.reassess(reduced, { applicant: grad, evidence: [] });
    expect(again).toMatchObject({ outcome: 'approve', lineAction: 'keep', limit: onGrid, bindingConstraint: 'self_cap' });
    expect(again.policyReasons).not.toContain('line_held_for_review');
  });
});

describe('a cap below the product minimum reaching a decision another way (the profile) closes the line, never holds or refers it', () => {
  for (const [name, s] of [
    ['belowMinimum: decline', () => scorer],
    ['belowMinimum: refer', () => referring],
  ] as const) {
    it(`${name}: reassess of the line on file with a profile cap of 400 RMB`, async () => {
      const prior = await s().decide(grad);
      const again: Decision = await s().reassess(prior, { applicant: withCap(grad, 40_000), evidence: [] });
      expect(again).toMatchObject({ outcome: 'decline', lineAction: 'close', limit: 0, bindingConstraint: 'product_minimum' });
      expect(again.policyReasons).toEqual(expect.arrayContaining(['limit_below_product_minimum', 'limit_self_cap']));
      expect(again.policyReasons).not.toContain('line_held_for_review');
      expect(again.reasons.map((r) => r.code)).toContain('limit_self_cap');
    });

    it(`${name}: decide with a profile cap of 400 RMB declines (a person could grant nothing under the cap)`, async () => {
      const d = await s().decide(withCap(grad, 40_000, 0));
      expect(d).toMatchObject({ outcome: 'decline', lineAction: 'none', limit: 0 });
      expect(d.reasons.map((r) => r.code)).toContain('limit_self_cap');
    });
  }
});

describe('a cap below the minimum where affordability binds lower still declines under belowMinimum: refer', () => {
  it('nothing is affordable and the cap is 400 RMB: decline naming what binds, not a referral nobody can act on', async () => {
    const broke = { ...withCap(grad, 40_000, 0), bureau: { ...grad.bureau, otherMonthlyDebtService: 1_000_000 } };
    const plain = await referring.decide({ ...broke, controls: { ...broke.controls, selfSetCap: undefined } });
    expect(plain.outcome).toBe('refer'); // the lender's rule for what a person can fix
    const d = await referring.decide(broke);
    expect(d).toMatchObject({ outcome: 'decline', lineAction: 'none', limit: 0 });
    expect(d.caps.affordability).toBeLessThan(40_000);
    expect(d.reasons.map((r) => r.code)).not.toContain('limit_self_cap');
  });
});

describe("the budget assistant's lower-limit offer is never below the product minimum, so it can be taken", () => {
  it('a 600 RMB line five months over budget: offered 500 RMB (the minimum), not 300; taking it lowers the line to 500', async () => {
    const d = await scorer.decide({ ...withCap(grad, 60_000), financialHealth: { overBudgetMonths: 5 } });
    expect(d.limit).toBe(60_000);
    expect(d.health.lowerLimitOffer).toMatchObject({ offer: true, recommendedLimit: 50_000, basis: 'product_minimum' });
    const taken = scorer.requestReduction(d, 50_000);
    expect(taken).toMatchObject({ limit: 50_000, lineAction: 'lower' });
    // The offer was taken: nothing more is offered on this streak (and at the minimum nothing lower could be).
    expect(taken.health.lowerLimitOffer).toMatchObject({ offer: false, reasonCode: 'lowered_this_streak' });
  });
});

describe('a cap below the product minimum is named among the principal reasons wherever it binds', () => {
  // CI's deep customer_controls_hold, seed -368289856: a cap of 0, a PD in the refer band and failed
  // affordability checks came to five policy reasons, and the customer's own cap, which declined the
  // application whatever else held, came last and fell outside the four principal reasons.
  const capped = parseApplicant({
    ...withCap(grad, 0, 0),
    bureau: { ...grad.bureau, otherMonthlyDebtService: grad.income.monthlyNet },
  });
  it('cap 0, debt service and residual income failing, PD in the refer band', () => {
    const r = applyPolicy({ applicant: capped, pd: 0.15 });
    expect(r.outcome).toBe('decline');
    expect(r.reasons).toEqual(expect.arrayContaining(['pd_in_refer_band', 'debt_service_too_high', 'residual_income_too_low']));
    expect(principalReasons(r.reasons, []).map((p) => p.code)).toContain('limit_self_cap');
  });

  it('property: at any PD, with any cap below the minimum that binds, the cap is a principal reason unless four knock-outs come first', () => {
    const { productMin } = defaultPolicy.limits;
    fc.assert(
      fc.property(
        // Weighted to where the reasons crowd: the refer band, a cap of 0 (tied with no affordable line), heavy debt.
        fc.oneof(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: defaultPolicy.refer.pdAbove, max: defaultPolicy.knockouts.declinePdAbove, noNaN: true }),
        ),
        fc.oneof(fc.constant(0), fc.integer({ min: 0, max: productMin - 1 })),
        fc.nat(3 * grad.income.monthlyNet),
        (pd, cap, debt) => {
          const a = parseApplicant({ ...withCap(grad, cap, 0), bureau: { ...grad.bureau, otherMonthlyDebtService: debt } });
          const r = applyPolicy({ applicant: a, pd });
          const binds = Object.values(r.caps).every((c) => c === null || c >= cap);
          if (!binds || r.knockouts.length >= MAX_PRINCIPAL_REASONS) return;
          expect(r.outcome).toBe('decline');
          expect(principalReasons(r.reasons, []).map((p) => p.code)).toContain('limit_self_cap');
        },
      ),
      { seed: 20261129, numRuns: 300 },
    );
  });
});
