// findings15-explain F3: the README's new graduate was told "Age and residence profile" as a
// principal reason for 16,800 RMB against 20,000 asked: +0.0006 log-odds, 0.001 PD points, the net
// of region, city tier and age, which could not move a limit rounded to 100 RMB. In 200 random
// applicants 9 of 221 model reasons were under 0.01 log-odds. A model factor is a principal reason
// only when it is material (MODEL_REASON_MIN_LOG_ODDS) and the model could move the result.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { adverseActionNotice, renderAdverseActionNotice } from '../../src/decision/adverseActionNotice.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { logOddsPerUnit, MODEL_REASON_MIN_LOG_ODDS } from '../../src/explain/principalReasons.js';
import { sigmoid } from '../../src/model/treeEnsemble.js';
import { applyPolicy } from '../../src/policy/applyPolicy.js';
import { parseApplicant } from '../../src/schema/parseApplicant.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { applicantArbitrary } from '../../src/testing/index.js';

let scorer: Scorer;
let probability: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
  probability = await createScorer({ suggestionsPerDecision: 0, contributionSpace: 'probability' });
});
afterAll(async () => {
  await scorer.close();
  await probability.close();
});

const modelReasons = (d: Decision) => d.reasons.filter((r) => r.source === 'model');

/** The policy at the PD without every material risk-raising factor, against the decision's own. */
function movesWithout(d: Decision, applicant: ApplicantInput): { moves: boolean; material: number } {
  const perUnit = logOddsPerUnit(d.contributions);
  const material = d.contributions.factors.filter((f) => f.value > 0 && f.value * perUnit >= MODEL_REASON_MIN_LOG_ODDS * (1 - 1e-9));
  const raised = material.reduce((a, f) => a + f.value * perUnit, 0);
  const parsed = parseApplicant(applicant);
  const at = (pd: number) => applyPolicy({ applicant: parsed, pd });
  const main = at(d.pd);
  const alt = at(sigmoid(Math.log(d.pd / (1 - d.pd)) - raised));
  const codes = (h: readonly { code: string }[]) => h.map((x) => x.code).join();
  const moves =
    alt.outcome !== main.outcome || alt.limit !== main.limit || codes(alt.knockouts) !== codes(main.knockouts) || codes(alt.refers) !== codes(main.refers);
  return { moves, material: material.length };
}

describe('a model factor is a principal reason only when material and able to move the result', () => {
  it("the new graduate's 17,000 RMB against 20,000 asked is told by the policy's reason alone", async () => {
    const d = await scorer.decide(exampleFor('new_graduate').applicant);
    expect(d.limit).toBe(1_700_000);
    expect(d.reasons.map((r) => r.code)).toEqual(['limit_risk_grade']);
  });

  // Since the retrain after the useful-level rule the graduate's profile lowers her risk; the
  // construction worker carries such an immaterial risk-raising factor (stability, +0.025 log-odds).
  it("the construction worker's 0.025 log-odds stability is no reason for his 1,100 RMB", async () => {
    const d = await scorer.decide(exampleFor('construction_worker').applicant);
    expect(d.limit).toBe(110_000);
    const stability = d.contributions.factors.find((f) => f.factor === 'stability');
    expect(stability?.value).toBeGreaterThan(0);
    expect(stability?.value).toBeLessThan(MODEL_REASON_MIN_LOG_ODDS);
    expect(d.reasons.map((r) => r.code)).toEqual(['limit_affordability_residual_income']);
  });

  for (const [name, space] of [
    ['log-odds', () => scorer],
    ['probability', () => probability],
  ] as const) {
    it(`decide (${name} space): every model reason is at least the floor in log-odds, and given exactly when the model moves the result`, async () => {
      let cited = 0;
      let withheld = 0;
      await fc.assert(
        fc.asyncProperty(applicantArbitrary(), async (a) => {
          const d = await space().decide(a);
          if (d.reasons.length === 0) return;
          const perUnit = logOddsPerUnit(d.contributions);
          for (const r of modelReasons(d)) expect((r.contribution as number) * perUnit).toBeGreaterThanOrEqual(MODEL_REASON_MIN_LOG_ODDS * (1 - 1e-9));
          const { moves, material } = movesWithout(d, a as ApplicantInput);
          const room = d.reasons.filter((r) => r.source === 'policy').length < 4;
          if (modelReasons(d).length > 0) {
            cited++;
            expect(moves).toBe(true);
          } else if (material > 0 && room) {
            withheld++;
            expect(moves).toBe(false);
          }
        }),
        { seed: 15, numRuns: 60 },
      );
      // Both sides of the rule are met.
      expect(cited).toBeGreaterThan(5);
      expect(withheld).toBeGreaterThan(5);
    });
  }

  // findings21-explain F2: a follow-up of a decision that owed no reasons named any material factor,
  // never asking whether the model could move anything. The construction worker approved in full at
  // 1,000 RMB, declined by a fraud officer ("identity documents inconsistent"), was told "Existing
  // debt repayments or balances are high" (debt_burden +0.438); asking 2,000 RMB (approved 1,100) and
  // declined the same way, he was told only that a person decided. In 600 generated applicants 56 of
  // the 62 declines (and contests) of decisions that owed no reasons named 1 to 3 model factors.
  describe('a review or contest names only the model factors of the decision it follows', () => {
    const worker = (requestedLimit: number): ApplicantInput => {
      const a = structuredClone(exampleFor('construction_worker').applicant) as ApplicantInput;
      // 1,000 RMB still owed on his closed line: his example's 4,950 RMB, above a closed line and more
      // than he can afford to repay, now declines (findings26 F1).
      return { ...a, platform: { ...a.platform, currentLimit: 0, currentBalance: 100_000 }, controls: { requestedLimit } };
    };
    const fraudDecline = { reviewerRole: 'fraud_officer', outcome: 'decline', limit: 0, note: 'identity documents inconsistent' } as const;

    it('the construction worker approved in full and declined by a person is told the person decided, not that his debt is high', async () => {
      const d = await scorer.decide(worker(100_000));
      expect([d.outcome, d.limit, d.reasons]).toEqual(['approve', 100_000, []]);
      // The factor is material (the model could not move an approval at the full request, so it named none).
      const debt = d.contributions.factors.find((f) => f.factor === 'debt_burden');
      expect(debt?.value).toBeGreaterThan(MODEL_REASON_MIN_LOG_ODDS);
      const declined = scorer.recordReview(d, fraudDecline);
      expect(declined.reasons.map((r) => r.code)).toEqual(['human_review_decided']);
      const notice = renderAdverseActionNotice(adverseActionNotice(declined), 'en');
      expect(notice).toContain('Decided by a person on review');
      expect(notice).not.toContain('debt');
      const contested = scorer.recordContest(d, { statement: 'I want a review' });
      expect(contested.reasons.map((r) => r.code)).toEqual(['contest_received']);
      // As the same applicant asking 2,000 RMB, whose approval of 1,100 named no model factor either.
      const asked = await scorer.decide(worker(200_000));
      expect(modelReasons(asked)).toEqual([]);
      expect(scorer.recordReview(asked, fraudDecline).reasons.filter((r) => r.source === 'model')).toEqual([]);
    });

    it("the same under explanations: 'when_owed' (its factors computed again from the applicant) and in probability space", async () => {
      const whenOwed = await createScorer({ suggestionsPerDecision: 0, explanations: 'when_owed' });
      try {
        for (const s of [whenOwed, probability]) {
          const a = worker(100_000);
          const d = await s.decide(a);
          const declined = s.recordReview(d, fraudDecline, { applicant: a });
          expect(declined.contributions.factors.length).toBeGreaterThan(0);
          expect(declined.reasons.map((r) => r.code)).toEqual(['human_review_decided']);
          expect(s.recordContest(d, { statement: 'I want a review' }, { applicant: a }).reasons.map((r) => r.code)).toEqual(['contest_received']);
        }
      } finally {
        await whenOwed.close();
      }
    });

    it("over generated applicants: a decline, a cut, a contest, its decline and a reduction name a subset of the decision's model factors", async () => {
      const met = { owedNone: 0, owedNoneMaterial: 0, named: 0 };
      await fc.assert(
        fc.asyncProperty(applicantArbitrary(), async (a) => {
          const d = await scorer.decide(a);
          const named = new Set(modelReasons(d).map((r) => r.factor));
          if (d.reasons.length === 0) {
            met.owedNone++;
            if (d.contributions.factors.some((f) => f.value >= MODEL_REASON_MIN_LOG_ODDS)) met.owedNoneMaterial++;
          }
          if (named.size > 0) met.named++;
          const followUps: [string, Decision][] = [
            ['decline', scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 })],
            ['contest', scorer.recordContest(d, { statement: 'I disagree' })],
            ['reduction', scorer.requestReduction(d, scorer.policy.limits.productMin)],
          ];
          const contest = followUps[1]?.[1] as Decision;
          followUps.push(['decline of the contest', scorer.recordReview(contest, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 })]);
          if (d.outcome !== 'decline' && d.maxGrantable >= scorer.policy.limits.productMin && d.review === null)
            followUps.push(['cut', scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: scorer.policy.limits.productMin })]);
          for (const [what, f] of followUps)
            for (const r of modelReasons(f)) expect(named.has(r.factor), `${what} of "${a.id}" names ${r.code}, which its decision did not`).toBe(true);
        }),
        { seed: 21, numRuns: 40 },
      );
      // Both kinds of decision are met, and approvals that owed nothing with a material factor among them.
      expect(met.owedNoneMaterial).toBeGreaterThan(2);
      expect(met.named).toBeGreaterThan(2);
    });
  });
});
