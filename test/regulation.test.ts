import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDecideCommand } from '../src/cli/decideCommand.js';
import { adverseActionNotice, renderAdverseActionNotice } from '../src/decision/adverseActionNotice.js';
import { createScorer, type Scorer } from '../src/decision/createScorer.js';
import { assertAllowedDataCategories } from '../src/decision/dataCategoryCheck.js';
import { Decision } from '../src/decision/decision.js';
import { PriorInvalidError } from '../src/decision/priorInvalidError.js';
import { CreditliftError } from '../src/errors/creditliftError.js';
import { ValidationError } from '../src/errors/validationError.js';
import { exampleFor } from '../src/examples/exampleApplicants.js';
import { defaultModelPath } from '../src/model/defaultModelPath.js';
import { loadModel } from '../src/model/loadModel.js';
import { defaultPolicy } from '../src/policy/defaultPolicy.js';
import { euCcd2 } from '../src/policy/jurisdictionProfile.js';
import { resolvePolicy } from '../src/policy/resolvePolicy.js';
import type { ApplicantInput } from '../src/schema/applicant.js';
import { stepAllowance } from '../src/testing/_internals/stepAllowance.js';
import { captureIo } from './cli/fakeDecider.js';

let scorer: Scorer;
const work = mkdtempSync(join(tmpdir(), 'creditlift-regulation-'));
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(async () => {
  await scorer.close();
  rmSync(work, { recursive: true, force: true });
});

const graduate = exampleFor('new_graduate').applicant;

/** The issue's case: a 19-year-old student, self-declared 2,500 RMB, no bureau file, no line yet. */
const student: ApplicantInput = {
  ...exampleFor('factory_worker').applicant,
  id: 'student-19',
  birthDate: '2007-03-01',
  employment: { type: 'student', industry: 'education' },
  income: { monthlyNet: 250_000, source: 'self_declared' },
  socialInsuranceMonths: 0,
  platform: { accountAgeMonths: 6, transactions3m: 60, transactionAmount3m: 400_000, currentLimit: 0 },
  household: { monthlyEssentialSpending: 120_000, dependants: 0 },
  evidence: [],
};

describe('students (2021 campus-lending notice)', () => {
  it('a student without a guardian or second repayment source is referred by default, with a bilingual reason', async () => {
    const d = await scorer.decide(student);
    expect(d.outcome).toBe('refer');
    expect(d.policyReasons).toContain('student_without_second_source');
    const reason = d.reasons.find((r) => r.code === 'student_without_second_source');
    expect(reason).toMatchObject({
      source: 'policy',
      factor: 'eligibility',
      en: 'Student applicants need a guardian or a second repayment source on file',
      zhHans: '在校学生申请需登记监护人或第二还款来源',
    });
  });

  it('a declared guardian lifts the rule; a policy can decline instead, or switch the rule off', async () => {
    const guarded = await scorer.decide({ ...student, household: { ...student.household, secondRepaymentSource: 'guardian' } });
    expect(guarded.policyReasons).not.toContain('student_without_second_source');
    const strict = await createScorer({ policyOverrides: { students: { withoutSecondRepaymentSource: 'decline' } } });
    try {
      const d = await strict.decide(student);
      expect(d).toMatchObject({ outcome: 'decline', limit: 0 });
      expect(d.reasons[0]?.code).toBe('student_without_second_source');
    } finally {
      await strict.close();
    }
    const off = resolvePolicy({ students: { withoutSecondRepaymentSource: 'allow' } });
    expect(off.students.withoutSecondRepaymentSource).toBe('allow');
  });

  it("under 'decline' no person approves or refers such a student, on the decline or on the customer's contest of it; under 'refer' a person decides (lawkit F11)", async () => {
    const strict = await createScorer({ policyOverrides: { students: { withoutSecondRepaymentSource: 'decline' } } });
    try {
      const d = await strict.decide(student);
      expect(d.outcome).toBe('decline');
      const contested = strict.recordContest(d, { statement: 'My parents will repay if I cannot.' });
      // A limit every other rule allows, so only the student rule can refuse it.
      const limit = Math.floor(d.health.healthyLimit / defaultPolicy.limits.roundingStep) * defaultPolicy.limits.roundingStep;
      expect(limit).toBeGreaterThanOrEqual(defaultPolicy.limits.productMin);
      for (const prior of [d, contested])
        for (const review of [
          { reviewerRole: 'credit_officer', outcome: 'approve', limit, note: 'looks fine' },
          { reviewerRole: 'credit_officer', outcome: 'refer', limit, note: 'second look' },
        ] as const) {
          const refusal = (() => {
            try {
              strict.recordReview(prior, review);
            } catch (e) {
              return e;
            }
            return undefined;
          })();
          expect(refusal).toBeInstanceOf(CreditliftError);
          expect(refusal).toMatchObject({
            code: 'review_invalid',
            message: expect.stringMatching(/student_without_second_source.*withoutSecondRepaymentSource/),
          });
        }
      // A person may still record the decline, and a profile with a second repayment source is decided afresh.
      expect(strict.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, note: 'agreed' }).outcome).toBe('decline');
      const guarded = await strict.decide({ ...student, household: { ...student.household, secondRepaymentSource: 'guardian' } });
      expect(guarded.policyReasons).not.toContain('student_without_second_source');
    } finally {
      await strict.close();
    }
    // Under the default 'refer', the referral is a person's to decide.
    const referred = await scorer.decide(student);
    expect(referred.outcome).toBe('refer');
    const limit = Math.min(200_000, referred.maxGrantable);
    if (limit >= defaultPolicy.limits.productMin)
      expect(scorer.recordReview(referred, { reviewerRole: 'credit_officer', outcome: 'approve', limit, note: 'guardian confirmed' }).outcome).toBe('approve');
  });
});

describe('human review (PIPL Art. 24, EU CCD2 Art. 18)', () => {
  it('a customer who refuses a solely automated decision gets refer, with the automated terms kept for a reviewer', async () => {
    const automated = await scorer.decide(graduate);
    const d = await scorer.decide({ ...graduate, controls: { ...graduate.controls, humanReview: true } });
    expect(automated.outcome).toBe('approve');
    expect(d.outcome).toBe('refer');
    expect(d.limit).toBe(automated.limit);
    expect(d.review).toEqual({
      status: 'pending',
      proposed: { outcome: 'approve', limit: automated.limit },
      automatedDecisionId: null,
      reviewerRole: null,
      note: null,
      contest: null,
    });
    expect(d.policyReasons).toContain('human_review_requested');
    expect(d.reasons.map((r) => r.code)).toContain('human_review_requested');
    expect(automated.review).toBeNull();
  });

  it('holds on a reassessment and in a batch too', async () => {
    const asked = { ...graduate, controls: { ...graduate.controls, humanReview: true } };
    const prior = await scorer.decide(graduate);
    const reassessed = await scorer.reassess(prior, { applicant: asked, evidence: [] });
    expect(reassessed.outcome).toBe('refer');
    expect(reassessed.review?.status).toBe('pending');
    const [batched] = await scorer.decideBatch([asked]);
    expect(batched?.ok && batched.decision.outcome).toBe('refer');
  });

  it('recordReview yields a new decision linked to the automated one, naming the reviewer role, within every bound', async () => {
    const pending = await scorer.decide({ ...graduate, controls: { ...graduate.controls, humanReview: true } });
    const reviewed = scorer.recordReview(pending, { reviewerRole: 'credit_officer', outcome: 'approve', limit: pending.limit, note: 'payslips checked' });
    expect(reviewed).toMatchObject({ outcome: 'approve', limit: pending.limit, previousLimit: pending.previousLimit });
    expect(reviewed.review).toEqual({
      status: 'reviewed',
      proposed: pending.review?.proposed,
      automatedDecisionId: pending.audit.decisionId,
      reviewerRole: 'credit_officer',
      note: 'payslips checked',
      contest: null,
    });
    expect(reviewed.audit).toMatchObject({ kind: 'review', priorDecisionId: pending.audit.decisionId, applicantId: pending.applicantId });
    expect(reviewed.audit.decisionId).not.toBe(pending.audit.decisionId);
    expect(JSON.stringify(reviewed)).not.toContain('Lin Xiaoyu');

    const ceiling = Math.min(pending.health.healthyLimit, ...Object.values(pending.caps).filter((c): c is number => c !== null));
    expect(() => scorer.recordReview(pending, { reviewerRole: 'credit_officer', outcome: 'approve', limit: ceiling + 10_000 })).toThrow(CreditliftError);
    try {
      scorer.recordReview(pending, { reviewerRole: 'credit_officer', outcome: 'approve', limit: ceiling + 10_000 });
    } catch (e) {
      expect((e as CreditliftError).code).toBe('review_invalid');
      expect((e as CreditliftError).message).toMatch(/above (caps\.\w+|health\.healthyLimit)/);
    }
    expect(() => scorer.recordReview(pending, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 1_234 })).toThrow(/rounding step/);
    expect(() => scorer.recordReview(pending, { reviewerRole: 'Wang Wei', outcome: 'approve', limit: 100_000 })).toThrow(ValidationError);
    const declined = scorer.recordReview(pending, { reviewerRole: 'review_panel', outcome: 'decline', limit: 0, note: 'income not verified' });
    expect(declined).toMatchObject({ outcome: 'decline', limit: 0 });
    expect(declined.reasons[0]?.code).toBe('human_review_decided');
    expect(declined.reasons.length).toBeLessThanOrEqual(4);
  });

  it('law: whatever a reviewer enters, a recorded review never leaves a cap, the affordability ceiling or the step limits', async () => {
    const decided = await Promise.all(
      (['new_graduate', 'factory_worker', 'delinquent', 'salaried_teacher'] as const).map((s) => scorer.decide(exampleFor(s).applicant)),
    );
    // Existing lines too, with and without rises already in the step-limit window.
    const teacher = exampleFor('salaried_teacher').applicant;
    for (const [line, history] of [
      [200_000, []],
      [100_000, [{ asOf: teacher.asOf, from: 50_000, to: 100_000 }]],
      [
        100_000,
        [
          { asOf: teacher.asOf, from: 10_000, to: 40_000 },
          { asOf: teacher.asOf, from: 40_000, to: 70_000 },
          { asOf: teacher.asOf, from: 70_000, to: 100_000 },
        ],
      ],
    ] as const) {
      const onLine = { ...teacher, platform: { ...teacher.platform, currentLimit: line }, controls: { ...teacher.controls, humanReview: true } };
      decided.push(await scorer.decide(onLine, { limitHistory: history }));
    }
    fc.assert(
      fc.property(
        fc.constantFrom(...decided),
        fc.constantFrom('approve' as const, 'refer' as const, 'decline' as const),
        fc.integer({ min: 0, max: 600 }).map((h) => h * 10_000),
        (d, outcome, limit) => {
          let reviewed;
          try {
            reviewed = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome, limit });
          } catch (e) {
            expect((e as CreditliftError).code).toBe('review_invalid');
            return;
          }
          for (const cap of Object.values(d.caps)) if (cap !== null) expect(reviewed.limit).toBeLessThanOrEqual(cap);
          expect(reviewed.limit).toBeLessThanOrEqual(d.health.healthyLimit);
          if (reviewed.outcome === 'approve') expect(reviewed.limit).toBeGreaterThanOrEqual(scorer.policy.limits.productMin);
          if (reviewed.outcome === 'approve' && d.previousLimit > 0) {
            // The step limits as the policy words them, on the ledger before the automated proposal.
            const before = d.limitHistory.filter((c) => !(c.asOf === d.asOf && c.from === d.previousLimit && c.to === d.limit));
            const { allowedIncrease } = stepAllowance(d.previousLimit, before, d.asOf, scorer.policy);
            expect(reviewed.limit - d.previousLimit).toBeLessThanOrEqual(allowedIncrease);
          }
          expect(reviewed.audit.priorDecisionId).toBe(d.audit.decisionId);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a reviewer may not raise an existing line past its step limits (the window has no rises left)', async () => {
    const teacher = exampleFor('salaried_teacher').applicant;
    const asOf = teacher.asOf;
    const onLine = { ...teacher, platform: { ...teacher.platform, currentLimit: 100_000 }, controls: { ...teacher.controls, humanReview: true } };
    // Three rises inside the 30-day window: the default policy allows no fourth.
    const limitHistory = [
      { asOf, from: 10_000, to: 40_000 },
      { asOf, from: 40_000, to: 70_000 },
      { asOf, from: 70_000, to: 100_000 },
    ];
    const pending = await scorer.decide(onLine, { limitHistory });
    expect(pending.outcome).toBe('refer');
    expect(pending.review?.proposed.limit).toBe(100_000);
    const ceiling = Math.min(pending.health.healthyLimit, ...Object.values(pending.caps).filter((c): c is number => c !== null));
    expect(ceiling).toBeGreaterThan(100_000);
    const above = Math.floor(ceiling / 10_000) * 10_000;
    expect(() => scorer.recordReview(pending, { reviewerRole: 'credit_officer', outcome: 'approve', limit: above })).toThrow(/step limit/);
    // Keeping the line as it is stays open to the reviewer.
    expect(scorer.recordReview(pending, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 100_000 }).limit).toBe(100_000);
  });

  it("a customer's contest attaches as a new decision (refer, terms kept, audit linked); a review answers it", async () => {
    const d = await scorer.decide(graduate);
    const contested = scorer.recordContest(d, { statement: 'My salary rose in October.', newFacts: ['monthly net 7,800 RMB from 2026-10'] });
    expect(contested).toMatchObject({ outcome: 'refer', limit: d.limit });
    expect(contested.review).toMatchObject({
      status: 'contested',
      proposed: { outcome: d.outcome, limit: d.limit },
      automatedDecisionId: d.audit.decisionId,
      contest: { statement: 'My salary rose in October.', newFacts: ['monthly net 7,800 RMB from 2026-10'] },
    });
    expect(contested.audit).toMatchObject({ kind: 'contest', priorDecisionId: d.audit.decisionId });
    expect(() => scorer.recordContest(d, { statement: '' })).toThrow(ValidationError);
    const answered = scorer.recordReview(contested, { reviewerRole: 'credit_officer', outcome: 'approve', limit: d.limit });
    expect(answered.review).toMatchObject({ status: 'reviewed', contest: { statement: 'My salary rose in October.' } });
  });
});

describe('reviews and contests are sealed by the scorer and are valid priors', () => {
  const graduate = exampleFor('new_graduate').applicant;
  it('a reviewed or contested decision parses as a Decision, keeps its seal, and can be reassessed', async () => {
    const pending = await scorer.decide({ ...graduate, controls: { ...graduate.controls, humanReview: true } });
    const reviewed = scorer.recordReview(pending, { reviewerRole: 'credit_officer', outcome: 'approve', limit: pending.limit });
    expect(Decision.safeParse(JSON.parse(JSON.stringify(reviewed))).success).toBe(true);
    expect(reviewed.audit.subjectHash).toBe(pending.audit.subjectHash);
    expect(reviewed.audit.contentHash).not.toBe(pending.audit.contentHash);
    const again = await scorer.reassess(reviewed, { applicant: graduate, evidence: [] });
    expect(again.audit).toMatchObject({ kind: 'reassess', priorDecisionId: reviewed.audit.decisionId });
    expect(again.previousLimit).toBe(reviewed.limit);
    const contested = scorer.recordContest(reviewed, { statement: 'Please look again.' });
    expect(contested.lineAction).toBe('review');
    await expect(scorer.reassess(contested, { applicant: graduate, evidence: [] })).resolves.toMatchObject({ audit: { kind: 'reassess' } });
  });

  it('a review changed after it was recorded, or signed under another key, is refused as a prior and cannot be reviewed again', async () => {
    const signingKey = 'k'.repeat(32);
    const signed = await createScorer({ signingKey });
    const other = await createScorer({ signingKey: 'o'.repeat(32) });
    try {
      const d = await signed.decide(graduate);
      const reviewed = signed.recordReview(d, {
        reviewerRole: 'credit_officer',
        outcome: d.outcome === 'decline' ? 'decline' : 'refer',
        limit: d.outcome === 'decline' ? 0 : d.limit,
      });
      expect(reviewed.audit.signature).toMatch(/^[0-9a-f]{64}$/);
      await expect(signed.reassess(reviewed, { applicant: graduate, evidence: [] })).resolves.toMatchObject({
        audit: { priorDecisionId: reviewed.audit.decisionId },
      });
      const forged = { ...reviewed, limit: reviewed.limit + 1_000_000 };
      await expect(signed.reassess(forged, { applicant: graduate, evidence: [] })).rejects.toBeInstanceOf(PriorInvalidError);
      expect(() => signed.recordReview(forged, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 })).toThrow(PriorInvalidError);
      expect(() => other.recordContest(reviewed, { statement: 'again' })).toThrow(PriorInvalidError);
      expect(() => scorer.recordReview({ outcome: 'approve' } as never, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 })).toThrow(
        PriorInvalidError,
      );
    } finally {
      await signed.close();
      await other.close();
    }
  });
});

describe('adverse-action notice', () => {
  it('lists the principal reasons, the data categories used and how to ask for review, in English and Chinese', async () => {
    const d = await scorer.decide(exampleFor('delinquent').applicant);
    const notice = adverseActionNotice(d);
    expect(notice).toMatchObject({ adverse: true, outcome: d.outcome, decisionId: d.audit.decisionId, humanInvolvement: 'none' });
    expect(notice.principalReasons.length).toBeGreaterThanOrEqual(1);
    expect(notice.principalReasons.length).toBeLessThanOrEqual(4);
    expect(notice.principalReasons.map((r) => r.code)).toEqual(d.reasons.map((r) => r.code));
    expect(notice.dataCategories.map((c) => c.category)).toEqual([
      'age',
      'certificates',
      'credit_bureau',
      'employment',
      'household',
      'income',
      'platform_behaviour',
      'residence',
    ]);
    const en = renderAdverseActionNotice(notice, 'en');
    const zh = renderAdverseActionNotice(notice, 'zhHans');
    expect(en).toContain('Principal reasons:');
    expect(en).toContain(d.reasons[0]!.en);
    expect(en).toContain('reviewed by a person');
    expect(zh).toContain('主要原因：');
    expect(zh).toContain(d.reasons[0]!.zhHans);
    expect(zh).toContain('人工复核');
  });

  it('the notice tells a cut, a closed line and a referral as what they do to the line on file (outside tester: "approved, limit 1,100 RMB", adverse false, for a 5,000 RMB line cut)', async () => {
    const cut = await scorer.decide(exampleFor('construction_worker').applicant);
    expect(cut.lineAction).toBe('lower');
    const n = adverseActionNotice(cut);
    expect(n.adverse).toBe(true);
    expect(n.previousLimit).toBe(cut.previousLimit);
    expect(renderAdverseActionNotice(n, 'en')).toContain(
      `your line goes from ${(cut.previousLimit / 100).toLocaleString('en-US')} RMB to ${(cut.limit / 100).toLocaleString('en-US')} RMB`,
    );
    expect(renderAdverseActionNotice(n, 'zhHans')).toContain('调整为');

    const closed = await scorer.decide(exampleFor('rural_household').applicant);
    if (closed.lineAction === 'close') {
      expect(renderAdverseActionNotice(adverseActionNotice(closed), 'en')).toMatch(/your line of [\d,]+ RMB is closed/);
      expect(renderAdverseActionNotice(adverseActionNotice(closed), 'zhHans')).toContain('额度将关闭');
    }

    const referred = await scorer.decide({
      ...exampleFor('new_graduate').applicant,
      controls: { ...exampleFor('new_graduate').applicant.controls, humanReview: true },
    });
    expect(referred.lineAction).toBe('review');
    const rn = adverseActionNotice(referred);
    expect(rn.lineOnFile).toBe(referred.previousLimit);
    const text = renderAdverseActionNotice(rn, 'en');
    expect(text).not.toMatch(new RegExp(`, limit ${(referred.limit / 100).toLocaleString('en-US')} RMB`));
    expect(text).toContain(`proposed limit ${(referred.limit / 100).toLocaleString('en-US')} RMB`);
    expect(renderAdverseActionNotice(rn, 'zhHans')).toContain('拟议额度');
  });

  it('creditlift decide --notice prints it (text in both languages, or JSON)', async () => {
    const file = join(work, 'delinquent.json');
    writeFileSync(file, JSON.stringify(exampleFor('delinquent').applicant));
    const text = captureIo();
    expect(await runDecideCommand([file, '--notice'], text.io)).toBe(0);
    expect(text.out()).toContain('Principal reasons:');
    expect(text.out()).toContain('主要原因：');
    const json = captureIo();
    expect(await runDecideCommand([file, '--notice', '--notice-format', 'json'], json.io)).toBe(0);
    expect(JSON.parse(json.out())).toMatchObject({ adverse: true, howToRequestReview: { en: expect.stringContaining('person') } });
    expect(await runDecideCommand([file, '--notice-format', 'json'], captureIo().io)).toBe(2);
  });
});

describe('banned data categories', () => {
  it('a model whose features use a banned category is refused, naming each feature and its category', () => {
    const features = [{ name: 'income_rmb' }, { name: 'hospital_visits', dataCategory: 'health' as const }, { name: 'mystery_score' }];
    let err: unknown;
    try {
      assertAllowedDataCategories(features, euCcd2);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CreditliftError);
    expect((err as CreditliftError).code).toBe('banned_data_category');
    expect((err as CreditliftError).message).toContain('hospital_visits (health), mystery_score (no data category declared)');
    expect(() => assertAllowedDataCategories([{ name: 'income_rmb' }, { name: 'cert_gig' }], euCcd2)).not.toThrow();
  });

  it('under eu-ccd2 the default model runs, and creator-follower evidence (social media) is rejected before it reaches a feature', async () => {
    const model = await loadModel(defaultModelPath());
    const eu = await createScorer({ model, policy: { ...defaultPolicy, jurisdiction: euCcd2 } });
    try {
      const driver = exampleFor('gig_driver').applicant;
      const followers = {
        kind: 'creator_followers',
        issuer: 'Douyin',
        credentialId: 'DY-8817',
        holder: { idHash: driver.identity.idHash },
        issueDate: '2026-10-20',
        score: 120_000,
        verification: { method: 'platform_api' as const, confidence: 0.99 },
        documentHash: 'f'.repeat(64),
      };
      const withFollowers = { ...driver, evidence: [...(driver.evidence ?? []), followers] };
      const inEu = await eu.decide(withFollowers);
      const item = inEu.evidence.at(-1);
      expect(item).toMatchObject({ kind: 'creator_followers', status: 'rejected', reasons: ['banned_data_category'] });
      expect(inEu.dataCategories).not.toContain('social_media');
      const inCn = await scorer.decide(withFollowers);
      expect(inCn.evidence.at(-1)?.status).toBe('accepted');
      expect(inCn.dataCategories).toContain('social_media');
    } finally {
      await eu.close();
      await model.close();
    }
  });
});

describe('offered plans on every decision', () => {
  it('carry the revolving daily rate and each instalment plan with its comprehensive cost, none above 24%', async () => {
    const d = await scorer.decide(graduate);
    expect(d.plans.map((p) => p.months)).toEqual([null, 3, 6, 9, 12]);
    expect(d.plans[0]).toMatchObject({ kind: 'revolving', dailyRate: d.dailyRate, comprehensiveApr: d.apr });
    for (const p of d.plans) expect(p.comprehensiveApr).toBeLessThanOrEqual(0.24);
    expect(d.apr).toBe((Math.round(d.dailyRate * 1e9) * 365) / 1e9);
  });
});
