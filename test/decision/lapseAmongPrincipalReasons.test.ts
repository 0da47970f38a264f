// A reassessment in which a certificate stopped counting named the lapse after the hold, where
// what caused the referral could crowd it out of the four principal reasons: the new graduate's
// IELTS expired on 2027-03-10, reassessed on 2027-03-11 as a student with a self-declared income
// under a lender's refer band of 1.6%, was told pd_in_refer_band, student_without_second_source,
// self_declared_income_high, line_held_for_review and not a word of the expiry that lifted her PD
// from 1.52% into the band. Her reduction, her contest and a person's referral of the held line
// lost it the same way (and the referral lost the hold too, a person proposing less than may be
// granted). Now the hold and the lapse each keep a place among the four (owedWithin), on every path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { scorerReassessBatch } from '../../src/decision/reassessBatch.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

const policy = resolvePolicy({ refer: { pdAbove: 0.016 } });
let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ policy, suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

const HELD = 'line_held_for_review';
const codes = (d: Decision) => d.reasons.map((r) => r.code);

function graduate(asOf: string, change?: (a: ApplicantInput) => void): ApplicantInput {
  const a = structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput;
  a.asOf = asOf;
  a.controls = { ...a.controls, requestedLimit: 5_000_000 };
  change?.(a);
  return a;
}

/** A student now, declaring 20,001 RMB a month and spending 13,000 RMB on essentials. */
const studentDeclaring = (a: ApplicantInput) => {
  a.employment = { ...a.employment, type: 'student' };
  a.income = { monthlyNet: 2_000_100, source: 'self_declared' };
  a.household = { ...a.household, monthlyEssentialSpending: 1_300_000 };
};

async function held(): Promise<{ prior: Decision; next: Decision; update: { applicant: ApplicantInput } }> {
  const prior = await scorer.decide(graduate('2027-01-01'));
  const update = { applicant: graduate('2027-03-11', studentDeclaring) };
  return { prior, next: await scorer.reassess(prior, update), update };
}

describe('a certificate that stopped counting keeps a place among the four', () => {
  it('reassessed the day after her IELTS expired: the refer band and the student rule, the hold, the expiry', async () => {
    const { prior, next } = await held();
    expect([prior.limit, prior.pd < 0.016]).toEqual([1_700_000, true]);
    expect([next.outcome, next.lineAction, next.limit, next.maxGrantable, next.pd > 0.016]).toEqual(['refer', 'hold', 1_700_000, 380_000, true]);
    expect(next.policyReasons).toEqual([
      'pd_in_refer_band',
      'student_without_second_source',
      'self_declared_income_high',
      HELD,
      'evidence_expired',
      'limit_affordability_residual_income',
    ]);
    expect(codes(next)).toEqual(['pd_in_refer_band', 'student_without_second_source', HELD, 'evidence_expired']);
  });

  it('in a batch and on a pool, byte for byte as alone', async () => {
    const { prior, next, update } = await held();
    const onFile = { line: lineOnFileAfter(prior, policy.limits.roundingStep), selfSetCap: prior.controls.selfSetCap, limitHistory: prior.limitHistory };
    const items = [{ prior, update, onFile }];
    const local = await scorerReassessBatch(scorer)(items);
    expect(JSON.stringify(local)).toBe(JSON.stringify([{ ok: true, index: 0, decision: next }]));
    const pool = await createScorerPool({ workers: 1, scorer: { policy, suggestionsPerDecision: 0 } });
    try {
      expect(JSON.stringify(await pool.safeReassessBatch(items))).toBe(JSON.stringify(local));
    } finally {
      await pool.close();
    }
  });

  it('her reduction of the held line: her request, the refer band, the hold, the expiry', async () => {
    const { next } = await held();
    const r = scorer.requestReduction(next, 1_690_000);
    expect([r.lineAction, r.limit]).toEqual(['hold', 1_690_000]);
    expect(codes(r)).toEqual(['customer_reduction', 'pd_in_refer_band', HELD, 'evidence_expired']);
    // The cap after the hold stays, as the held reassessment gives it: it sets what may be granted
    // today (the 3,800 RMB residual income allows), not the 16,900 RMB held.
    expect(r.policyReasons).toEqual(['customer_reduction', ...next.policyReasons]);
    expect(r.maxGrantable).toBe(380_000);
    expect(Math.floor((r.caps.affordability as number) / policy.limits.roundingStep) * policy.limits.roundingStep).toBe(r.maxGrantable);
  });

  it('her contest of the held line: the contest, the refer band, the hold, the expiry', async () => {
    const { next } = await held();
    const c = scorer.recordContest(next, { statement: 'My IELTS is being retaken next month' });
    expect(c.lineAction).toBe('hold');
    expect(codes(c)).toEqual(['contest_received', 'pd_in_refer_band', HELD, 'evidence_expired']);
  });

  it('a person who refers the held line (proposing what may be granted, less, or nothing) keeps it held: the review, the refer band, the hold, the expiry', async () => {
    const { next } = await held();
    for (const limit of [next.maxGrantable, next.maxGrantable - policy.limits.roundingStep, 0]) {
      const v = scorer.recordReview(next, { reviewerRole: 'credit_officer', outcome: 'refer', limit });
      expect(lineOnFileAfter(v, policy.limits.roundingStep)).toBe(1_700_000);
      expect(codes(v), `referred at ${limit}`).toEqual(['human_review_decided', 'pd_in_refer_band', HELD, 'evidence_expired']);
    }
  });

  it('a person who approves what may be granted releases the hold: it is no reason then', async () => {
    const prior = await scorer.decide(graduate('2027-01-01'));
    const next = await scorer.reassess(prior, { applicant: graduate('2027-03-11') });
    expect([next.lineAction, next.maxGrantable]).toEqual(['hold', 1_670_000]);
    expect(codes(next)).toEqual(['pd_in_refer_band', HELD, 'evidence_expired', 'limit_risk_grade']);
    const v = scorer.recordReview(next, { reviewerRole: 'credit_officer', outcome: 'approve', limit: next.maxGrantable });
    expect([v.lineAction, v.limit]).toEqual(['lower', 1_670_000]);
    expect(codes(v)).toEqual(['human_review_decided', 'pd_in_refer_band', 'evidence_expired', 'limit_risk_grade']);
  });

  it('under a knock-out no certificate moves (an account past due), the knock-outs keep their places: the lapse moved nothing', async () => {
    const prior = await scorer.decide(graduate('2027-01-01'));
    const next = await scorer.reassess(prior, {
      applicant: graduate('2027-03-11', (a) => {
        studentDeclaring(a);
        a.bureau = { hasFile: true, enquiries6m: 0, delinquencies24m: 0, currentDaysPastDue: 60 };
      }),
    });
    expect(next.lineAction).toBe('hold');
    expect(next.policyReasons).toContain('evidence_expired');
    expect(codes(next)).not.toContain('evidence_expired');
    expect(codes(next)).toContain(HELD);
  });
});
