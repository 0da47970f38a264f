// A customer who asks for less than the smallest line the product offers (300 RMB against a 500 RMB
// minimum) can be granted nothing: not the 300 asked (a line is never below the minimum), and not
// the minimum (more than they asked for: the request is a cap like their own). Under
// `belowMinimum: 'refer'` such an application was referred with a proposal of 0, and the person it
// went to could approve nothing: recordReview refuses an approval below the product minimum and any
// limit above the request. Like a customer's own cap below the minimum, it now declines, naming
// their request (`requested_below_product_minimum`) right after the knock-outs, so they can ask
// again for at least the minimum.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { MAX_PRINCIPAL_REASONS, principalReasons } from '../../src/explain/principalReasons.js';
import { applyPolicy } from '../../src/policy/applyPolicy.js';
import { roundDownToStep } from '../../src/policy/limit.js';
import { policyReasons } from '../../src/policy/policyReasons.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';

const referPolicy = resolvePolicy({ limits: { belowMinimum: 'refer' } });
let scorer: Scorer;
let referring: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
  referring = await createScorer({ suggestionsPerDecision: 0, policy: referPolicy });
});
afterAll(async () => {
  await scorer?.close();
  await referring?.close();
});

const grad = exampleFor('new_graduate').applicant;
const asking = (requestedLimit: number, more: Partial<ApplicantInput['controls']> = {}): ApplicantInput => ({
  ...grad,
  platform: { ...grad.platform, currentLimit: 0 },
  controls: { ...grad.controls, requestedLimit, ...more },
});
const { productMin, roundingStep } = referPolicy.limits;

describe('a requested limit below the product minimum declines, naming the request', () => {
  for (const [name, s] of [
    ['belowMinimum: decline', () => scorer],
    ['belowMinimum: refer', () => referring],
  ] as const) {
    it(`${name}: 300 RMB asked (minimum 500): a decline whose first reason is the request, not a referral no person can approve`, async () => {
      const d = await s().decide(asking(30_000));
      expect(d).toMatchObject({ outcome: 'decline', lineAction: 'none', limit: 0 });
      expect(d.policyReasons).toContain('requested_below_product_minimum');
      expect(d.reasons[0]).toMatchObject({ code: 'requested_below_product_minimum', source: 'policy', factor: 'customer_control' });
      // Nothing was granted, so nothing was rounded down to a step.
      expect(d.policyReasons).not.toContain('limit_rounded_to_step');
      expect(d.reasons.map((r) => r.code)).not.toContain('limit_rounded_to_step');
    });

    it(`${name}: asked for a person too, the person is shown a decline to confirm (never a line below the minimum)`, async () => {
      const d = await s().decide(asking(30_000, { humanReview: true }));
      expect(d.outcome).toBe('refer');
      expect(d.review?.proposed).toEqual({ outcome: 'decline', limit: 0 });
      expect(
        s().recordReview(d, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 }, { applicant: asking(30_000, { humanReview: true }) }).outcome,
      ).toBe('decline');
    });
  }

  it('the reason speaks of the request in both languages', () => {
    expect(policyReasons.requested_below_product_minimum).toMatchObject({ factor: 'customer_control' });
    expect(policyReasons.requested_below_product_minimum.en).toMatch(/asked for/);
    expect(policyReasons.requested_below_product_minimum.zhHans).toMatch(/申请/);
  });

  it('a request at the minimum, or one rounding down to it, is unchanged: approved at the minimum', async () => {
    for (const asked of [productMin, productMin + roundingStep - 1]) {
      const d = await referring.decide(asking(asked));
      expect(d).toMatchObject({ outcome: 'approve', limit: productMin });
      expect(d.policyReasons).not.toContain('requested_below_product_minimum');
    }
  });
});

describe('property: a requested limit below the product minimum never ends in a referral whose proposal is below the minimum', () => {
  it('applyPolicy, any PD, either belowMinimum rule: declined (automated), the request named where it binds unless four knock-outs come first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: productMin - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(referPolicy, resolvePolicy({})),
        fc.nat(3 * grad.income.monthlyNet),
        fc.boolean(),
        (requestedLimit, pd, policy, debt, humanReview) => {
          const a = parseApplicant({
            ...asking(requestedLimit, humanReview ? { humanReview } : {}),
            bureau: { ...grad.bureau, otherMonthlyDebtService: debt },
          });
          const r = applyPolicy({ applicant: a, pd, policy });
          expect(r.automatedOutcome).toBe('decline');
          expect(r.limit).toBe(0);
          if (!humanReview) expect(r.outcome).toBe('decline');
          const binds = Object.values(r.caps).every((c) => c === null || c >= requestedLimit);
          if (binds && r.knockouts.length < MAX_PRINCIPAL_REASONS) {
            expect(principalReasons(r.reasons, []).map((p) => p.code)).toContain('requested_below_product_minimum');
          }
        },
      ),
      { seed: 20261130, numRuns: 300 },
    );
  });

  it('the scorer, either belowMinimum rule: no referral proposes a line below the minimum, and a proposal is one a person may approve', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 1, max: productMin - 1 }),
          fc.integer({ min: 1, max: productMin / roundingStep - 1 }).map((k) => k * roundingStep),
        ),
        fc.boolean(),
        fc.boolean(),
        async (requestedLimit, useRefer, humanReview) => {
          const d = await (useRefer ? referring : scorer).decide(asking(requestedLimit, humanReview ? { humanReview } : {}));
          const proposal = d.review?.proposed ?? { outcome: d.outcome, limit: d.limit };
          expect(proposal.outcome).toBe('decline');
          if (d.outcome === 'refer') expect(humanReview).toBe(true);
          else expect(d).toMatchObject({ outcome: 'decline', limit: 0 });
          expect(roundDownToStep(requestedLimit, roundingStep)).toBeLessThan(productMin);
          expect(d.reasons.map((r) => r.code)).toContain('requested_below_product_minimum');
        },
      ),
      { seed: 20261130, numRuns: 30 },
    );
  });
});
