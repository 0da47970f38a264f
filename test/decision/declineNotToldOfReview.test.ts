// findings28-pages F2: a decline whose PD was in the refer band (12%-20%) but whose limit fell
// below the product minimum led with "Estimated risk of default needs a manual review / 预估违约风险
// 需人工审核": 310 of 10,000 synthetic decisions, against 81 referrals. No person reviews a decline;
// the refer condition is the reason for a referral only, and the decline is told what declined it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

// syn-7-2056 of generatePopulation (seed 7, asOf 2026-03-31): PD 0.1468, in the refer band, and
// too little income left after living costs for the smallest line.
const inReferBand: ApplicantInput = JSON.parse(`{
  "id": "syn-7-2056",
  "asOf": "2026-03-31",
  "birthDate": "2000-09-28",
  "identity": {
    "idHash": "84540f333fcb3c434eace02a95d5ad854b1df372715a7e0c71f441f7004a1859"
  },
  "employment": {
    "type": "other",
    "industry": "construction",
    "startDate": "2026-02-27"
  },
  "income": {
    "monthlyNet": 488000,
    "source": "bank_statement"
  },
  "socialInsuranceMonths": 0,
  "housingFundMonths": 0,
  "residence": {
    "cityTier": 4,
    "region": "east"
  },
  "bureau": {
    "hasFile": false,
    "currentDaysPastDue": 0,
    "otherConsumerCreditBalance": 0,
    "otherMonthlyDebtService": 0
  },
  "platform": {
    "accountAgeMonths": 5,
    "transactions3m": 55,
    "transactionAmount3m": 496727,
    "currentLimit": 0,
    "currentBalance": 0,
    "onTimeRepaymentRate": 0.709
  },
  "household": {
    "monthlyEssentialSpending": 447000,
    "dependants": 2
  },
  "controls": {},
  "evidence": [
    {
      "kind": "vocational_skill_level",
      "issuer": "Ministry of Human Resources and Social Security",
      "credentialId": "VOCA-1016777a415016125cc6",
      "holder": {
        "idHash": "84540f333fcb3c434eace02a95d5ad854b1df372715a7e0c71f441f7004a1859"
      },
      "issueDate": "2021-07-12",
      "verification": {
        "method": "manual_review",
        "confidence": 0.8
      },
      "documentHash": "6324e0a1669ee154fc280d1f3931ce8e4a42f835fe65239178104452af3411fe",
      "level": "level_5"
    }
  ]
}`);

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
