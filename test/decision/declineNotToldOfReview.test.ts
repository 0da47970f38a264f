// findings28-pages F2: a decline whose PD was in the refer band (12%-20%) but whose limit fell
// below the product minimum led with "Estimated risk of default needs a manual review / 预估违约风险
// 需人工审核": 310 of 10,000 synthetic decisions, against 81 referrals. No person reviews a decline;
// the refer condition is the reason for a referral only, and the decline is told what declined it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { inReferBand } from '../helpers/inReferBandApplicant.js';

const codes = (d: Decision) => d.reasons.map((r) => r.code);
const promisesReview = (d: Decision) => d.reasons.filter((r) => /review|verif|人工|核实/i.test(`${r.en} ${r.zhHans}`));

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

describe('a decline in the refer band is not told it needs a manual review', () => {
  it('decide: declined below the product minimum, led by what declined it, no review promised', async () => {
    const d = await scorer.decide(inReferBand);
    expect(d.outcome).toBe('decline');
    expect(d.pd).toBeGreaterThan(defaultPolicy.refer.pdAbove);
    expect(d.pd).toBeLessThanOrEqual(defaultPolicy.knockouts.declinePdAbove);
    expect(codes(d)).not.toContain('pd_in_refer_band');
    expect(d.policyReasons).not.toContain('pd_in_refer_band');
    expect(codes(d)[0]).toBe('limit_below_product_minimum');
    expect(codes(d)).toContain('residual_income_too_low');
    expect(promisesReview(d)).toEqual([]);
  });

  it('decideBatch and reassess give the same reasons', async () => {
    const d = await scorer.decide(inReferBand);
    const [b] = await scorer.decideBatch([inReferBand]);
    expect(b && 'decision' in b ? codes(b.decision) : b).toEqual(codes(d));
    const again = await scorer.reassess(d, { applicant: { ...inReferBand, asOf: '2026-04-30' } });
    expect(again.outcome).toBe('decline');
    expect(codes(again)).not.toContain('pd_in_refer_band');
    expect(promisesReview(again)).toEqual([]);
  });

  it('a customer who asked for a person is referred, and the refer band is still named for that person', async () => {
    const d = await scorer.decide({ ...inReferBand, controls: { humanReview: true } });
    expect(d.outcome).toBe('refer');
    expect(d.policyReasons).toContain('human_review_requested');
  });

  it('a referral in the refer band still leads with it', async () => {
    // Less spent on living costs: PD 0.1131 and a 4,700 RMB line, referred under a band from 10%.
    const banded = await createScorer({ suggestionsPerDecision: 0, policy: { ...defaultPolicy, refer: { ...defaultPolicy.refer, pdAbove: 0.1 } } });
    try {
      const referred = await banded.decide({ ...inReferBand, household: { ...inReferBand.household, monthlyEssentialSpending: 350_000 } });
      expect(referred).toMatchObject({ outcome: 'refer', limit: 470_000 });
      expect(codes(referred)[0]).toBe('pd_in_refer_band');
    } finally {
      await banded.close();
    }
  });
});
