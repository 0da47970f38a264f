// findings15-explain F2: a gig driver with a large income asking 90,000 RMB was granted 23,000 RMB,
// held there by the step limit (product maximum 50,000 RMB), and told "1. Limit set by the product
// maximum"; a customer who had used up the step-limit window was held at 3,000 RMB (risk cap
// 17,918 RMB) and told first "Limit set by your risk grade and income". A "limit set by" reason
// names the constraint that set the limit, on every path.
import { CAP_REASONS, type PolicyReasonCode } from '../../src/policy/policyReasons.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adverseActionNotice, renderAdverseActionNotice } from '../../src/decision/adverseActionNotice.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { applyPolicy } from '../../src/policy/applyPolicy.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(async () => {
  await scorer.close();
});

// The cap reasons: "Limit set by ..." a cap (not the step limits, not the product minimum).
const capReasons = (codes: readonly string[]) => codes.filter((c) => CAP_REASONS.has(c as PolicyReasonCode));

const gig = (): ApplicantInput => structuredClone(exampleFor('gig_driver').applicant) as ApplicantInput;
const bigEarner = (): ApplicantInput => {
  const a = gig();
  return { ...a, income: { ...a.income, monthlyNet: 10_000_000, source: 'payroll' }, controls: { requestedLimit: 9_000_000 } };
};
const usedUpWindow = (): [ApplicantInput, { limitHistory: { asOf: string; from: number; to: number }[] }] => {
  const a = gig();
  return [
    { ...a, asOf: '2026-11-05', platform: { ...a.platform, currentLimit: 300_000 } },
    {
      limitHistory: [
        { asOf: '2026-10-10', from: 0, to: 50_000 },
        { asOf: '2026-10-25', from: 50_000, to: 100_000 },
        { asOf: '2026-10-20', from: 100_000, to: 300_000 },
      ],
    },
  ];
};

function expectStepNamed(d: Decision, notice = true): void {
  expect(d.bindingConstraint).toBe('step_limit');
  expect(capReasons(d.reasons.map((r) => r.code))).toEqual([]);
  expect(d.reasons[0]?.code).toMatch(/^step_limit_/);
  if (notice) expect(renderAdverseActionNotice(adverseActionNotice(d), 'en')).not.toMatch(/Limit set by/);
}

describe('a limit the step limit set is never said to be set by a cap', () => {
  it('a big earner asking 90,000 RMB held at 23,000 RMB by the step: no "Limit set by the product maximum" (50,000 RMB)', async () => {
    const d = await scorer.decide(bigEarner());
    expect(d.limit).toBe(2_300_000);
    expect(d.caps.product_max).toBe(5_000_000);
    expectStepNamed(d);
    expect(d.policyReasons).not.toContain('limit_product_max');
  });

  it('a used-up window holds the line at 3,000 RMB: no "Limit set by your risk grade and income" (risk cap about 17,900 RMB)', async () => {
    const [a, o] = usedUpWindow();
    const d = await scorer.decide(a, o);
    expect(d.limit).toBe(300_000);
    expect(d.caps.risk).toBeGreaterThan(1_700_000);
    expectStepNamed(d);
  });

  it('the same on decideBatch, the review and contest that follow, and a reduction that keeps the line', async () => {
    const [a, o] = usedUpWindow();
    const [b] = await scorer.decideBatch([bigEarner()]);
    if (!b?.ok) throw new Error('batch record refused');
    expectStepNamed(b.decision);
    const d = await scorer.decide(a, o);
    const contested = scorer.recordContest(d, { statement: 'why?' });
    expect(capReasons(contested.reasons.map((r) => r.code))).toEqual([]);
    const approved = scorer.recordReview(contested, { reviewerRole: 'credit_officer', outcome: 'approve', limit: d.limit });
    expect(capReasons(approved.reasons.map((r) => r.code))).toEqual([]);
    const reduced = scorer.requestReduction(d, 2_000_000);
    expect(capReasons(reduced.reasons.map((r) => r.code))).toEqual([]);
  });

  it('a reassessment the step limit holds names the step limit only', async () => {
    const d = await scorer.decide({ ...gig(), controls: {} });
    const next = await scorer.reassess(d, { applicant: { ...bigEarner(), asOf: '2026-11-20' }, evidence: [] });
    expect(next.bindingConstraint).toBe('step_limit');
    expect(capReasons(next.reasons.map((r) => r.code))).toEqual([]);
  });

  it('applyPolicy: a step limit that bound leaves the cap it stepped out of the policy codes', () => {
    const r = applyPolicy({ applicant: parseApplicant(bigEarner()), pd: 0.01 });
    expect(r.limitSetBy).toBe('step_limit');
    expect(capReasons(r.reasons)).toEqual([]);
    expect(r.reasons.some((c) => c.startsWith('step_limit_'))).toBe(true);
  });

  // Found by the law: a line held on reassessment while a knock-out now applies (nothing grantable
  // today) still read "Limit set by your risk grade and income".
  it('a line held while a knock-out applies names the knock-out, never the cap that would have set a limit', async () => {
    const a = exampleFor('factory_worker').applicant as ApplicantInput;
    const d = await scorer.decide(a);
    expect(d.limit).toBeGreaterThan(0);
    const later = { ...a, asOf: '2026-11-20', bureau: { ...(a.bureau as object), currentDaysPastDue: 45 } } as ApplicantInput;
    const next = await scorer.reassess(d, { applicant: later, evidence: [] });
    expect(next.lineAction).toBe('hold');
    expect(next.maxGrantable).toBe(0);
    expect(next.reasons[0]?.code).toBe('current_past_due');
    expect(capReasons(next.reasons.map((r) => r.code))).toEqual([]);
  });
});
