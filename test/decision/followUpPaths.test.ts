// Promises that hold for decide() must hold on the paths after it: reassessments of a referred
// proposal, reductions, reviews and contests, and ledgers. Each case here was found from outside
// (a review above the caps of the policy it names, a proposal taken for the line on file, a
// reduction undone by a contest, reductions without reasons, review fields dropped silently).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(async () => {
  await scorer.close();
});

const graduate = (): ApplicantInput => structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput;
/** A graduate with a 3,000 RMB line who asks for a person: the automated terms are a proposal. */
const pendingGraduate = (): ApplicantInput => {
  const a = graduate() as { controls: Record<string, unknown>; platform: Record<string, unknown> };
  a.controls = { ...a.controls, humanReview: true };
  a.platform = { ...a.platform, currentLimit: 300_000 };
  return a as unknown as ApplicantInput;
};

function errorOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('a review is bounded by the policy it is recorded under', () => {
  it('refuses to approve, on a scorer running another policy, terms priced under the old one', async () => {
    const old = await createScorer({ suggestionsPerDecision: 0, policyOverrides: { pricing: { margin: 0.15 } } });
    const now = await createScorer({ suggestionsPerDecision: 0, policyOverrides: { pricing: { aprCap: 0.2 }, limits: { lenderCapPerBorrower: 800_000 } } });
    try {
      const d = await old.decide(pendingGraduate());
      expect(d.lineAction).toBe('review');
      const e = errorOf(() => now.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: d.limit }));
      expect(e).toBeInstanceOf(CreditliftError);
      expect((e as CreditliftError).code).toBe('review_invalid');
      expect((e as Error).message).toMatch(/policy/);
      // A contest on the new scorer keeps the terms' own policy, so a later approval is refused too.
      const contested = now.recordContest(d, { statement: 'Please look again.' });
      expect(contested.audit.policyHash).toBe(d.audit.policyHash);
      expect(() => now.recordReview(contested, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 100_000 })).toThrow(/policy/);
      // Declining grants nothing, so it may be recorded under any policy.
      expect(now.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 }).outcome).toBe('decline');
      // On the policy it was made under, the approval stands.
      expect(old.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: d.limit }).limit).toBe(d.limit);
    } finally {
      await old.close();
      await now.close();
    }
  });

  it('never opens a line a legal-capacity knock-out refused', async () => {
    const minor = { ...graduate(), id: 'minor-17', birthDate: '2009-12-01' } as ApplicantInput;
    const d = await scorer.decide(minor);
    expect(d.policyReasons).toContain('age_below_minimum');
    const e = errorOf(() => scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 500_000 }));
    expect((e as CreditliftError).code).toBe('review_invalid');
  });
});

describe('a referred proposal is not the line on file', () => {
  it('reassessing a referral starts from the line the customer holds', async () => {
    const a = structuredClone(exampleFor('duplicate_certificate').applicant) as ApplicantInput & { evidence: unknown[] };
    const d = await scorer.decide(a);
    expect(d.lineAction).toBe('review');
    expect(lineOnFileAfter(d)).toBe(a.platform.currentLimit);
    const fixed = { ...a, evidence: a.evidence.slice(0, 1) } as ApplicantInput;
    const r = await scorer.reassess(d, { applicant: fixed, evidence: [] });
    expect(r.previousLimit).toBe(a.platform.currentLimit);
    // Never lowered automatically: kept, raised, or held for a person.
    if (r.limit < r.previousLimit) expect(r.lineAction).toBe('hold');
  });

  it('a referral records no raise in the ledger: nothing was granted', async () => {
    const d = await scorer.decide(pendingGraduate());
    expect(d.limit).toBeGreaterThan(d.previousLimit);
    expect(d.limitHistory).toEqual([]);
  });

  it('a reduction asked while a raise waits for a person never raises the line', async () => {
    const d = await scorer.decide(pendingGraduate());
    const reduced = scorer.requestReduction(d, 1_000_000);
    expect(reduced.previousLimit).toBe(300_000);
    // The raise still waits for a person, bounded by the cap; the line on file stays.
    expect(reduced).toMatchObject({ outcome: 'refer', lineAction: 'review', limit: 1_000_000, review: { status: 'pending', proposed: { limit: 1_000_000 } } });
    expect(lineOnFileAfter(reduced)).toBe(300_000);
    const next = await scorer.reassess(reduced, { applicant: pendingGraduate(), evidence: [] });
    // The line on file stays; what a person may grant later is bounded by the cap the customer asked for.
    expect(lineOnFileAfter(next)).toBeLessThanOrEqual(300_000);
    expect(next.limit).toBeLessThanOrEqual(1_000_000);
  });
});

describe("a customer's reduction", () => {
  it('holds through a contest or a review recorded on it', async () => {
    const a = graduate();
    const d = await scorer.decide(a);
    const reduced = scorer.requestReduction(d, 500_000);
    expect(reduced.limit).toBe(500_000);
    const contested = scorer.recordContest(reduced, { statement: 'I want to talk about it.' });
    expect((await scorer.reassess(contested, { applicant: a, evidence: [] })).limit).toBeLessThanOrEqual(500_000);
    const reviewed = scorer.recordReview(reduced, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 500_000 });
    expect((await scorer.reassess(reviewed, { applicant: a, evidence: [] })).limit).toBeLessThanOrEqual(500_000);
  });

  it('gives its reasons, keeping what declined or referred the prior', async () => {
    const lowered = scorer.requestReduction(await scorer.decide(graduate()), 100_000);
    expect(lowered.reasons[0]?.code).toBe('customer_reduction');
    expect(lowered.bindingConstraint).toBe('self_cap');
    const declined = await scorer.decide(structuredClone(exampleFor('delinquent').applicant) as ApplicantInput);
    expect(declined.outcome).toBe('decline');
    const r = scorer.requestReduction(declined, 100_000);
    expect(r.bindingConstraint).toBe(declined.bindingConstraint);
    expect(r.reasons).toEqual(declined.reasons);
    for (const code of declined.policyReasons) expect(r.policyReasons).toContain(code);
    const pending = await scorer.decide(pendingGraduate());
    expect(scorer.requestReduction(pending, 100_000).policyReasons).toContain('human_review_requested');
  });
});

describe('review and contest input is checked by name', () => {
  it('refuses unknown keys and nulls instead of dropping them', async () => {
    const d = await scorer.decide(pendingGraduate());
    const contest = errorOf(() => scorer.recordContest(d, { statement: 'My income rose', newfacts: ['7,800 RMB from October'] } as never));
    expect(contest).toBeInstanceOf(ValidationError);
    expect((contest as ValidationError).issues.map((i) => i.path.join('.'))).toContain('newfacts');
    expect(() => scorer.recordContest(d, { statement: 'x', newFacts: null } as never)).toThrow(ValidationError);
    const review = errorOf(() =>
      scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, notes: 'checked', reviewerName: 'Zhang San' } as never),
    );
    expect((review as ValidationError).issues.map((i) => i.path.join('.')).sort()).toEqual(['notes', 'reviewerName']);
    const nullNote = errorOf(() => scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, note: null } as never));
    expect((nullNote as ValidationError).issues[0]?.code).toBe('invalid_type');
  });
});

describe('ledgers and updates', () => {
  it('refuses a ledger entry dated after the decision', async () => {
    const a = graduate();
    await expect(scorer.decide(a, { limitHistory: [{ asOf: '2026-11-02', from: 100_000, to: 200_000 }] })).rejects.toThrow(ValidationError);
    const err = await scorer
      .decide(a, {
        limitHistory: [
          { asOf: '2026-10-02', from: 100_000, to: 200_000 },
          { asOf: '2026-11-02', from: 200_000, to: 300_000 },
        ],
      })
      .catch((x) => x);
    expect((err as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['limitHistory.1.asOf']);
    const batch = await scorer.decideBatch([a, a], { limitHistories: [undefined, [{ asOf: '2026-11-05', from: 100_000, to: 200_000 }]] });
    expect(batch[0]?.ok).toBe(true);
    expect(batch[1]?.ok).toBe(false);
  });

  // Outside tester (dates): a profile dated 2026-12-10 reassessed as of 2026-12-01 was decided as of
  // the 1st with no word: facts stated as of the 10th, the profile's own date dropped.
  it('refuses a profile dated after the reassessment, naming both dates; an earlier profile is decided as of the update', async () => {
    const a = graduate();
    const d = await scorer.decide(a);
    const later = (days: number) => new Date(Date.parse(a.asOf) + days * 86_400_000).toISOString().slice(0, 10);
    const err = await scorer.reassess(d, { applicant: { ...a, asOf: later(9) }, evidence: [], asOf: later(1) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).subject).toBe('reassessment update');
    expect((err as ValidationError).issues.map((i) => `${i.path.join('.')} ${i.code}`)).toEqual(['applicant.asOf out_of_range', 'asOf out_of_range']);
    expect((err as ValidationError).issues[0]?.message).toContain(later(9));
    expect((err as ValidationError).issues[0]?.message).toContain(later(1));
    // Named with the update's other faults, not instead of them.
    const both = await scorer.reassess(d, { applicant: { ...a, asOf: later(9) }, evidence: [{ kind: 42 }], asOf: later(1) } as never).catch((e: unknown) => e);
    const paths = (both as ValidationError).issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['applicant.asOf', 'asOf']));
    expect(paths.some((p) => p.startsWith('evidence.0'))).toBe(true);
    // A profile as of the update's date or before it is decided as of the update.
    for (const profileDate of [later(1), a.asOf]) {
      const r = await scorer.reassess(d, { applicant: { ...a, asOf: profileDate }, evidence: [], asOf: later(1) });
      expect(r.asOf).toBe(later(1));
    }
  });

  it('names every bad field of a reassessment update, and the update, not the prior, for a bad date', async () => {
    const a = graduate();
    const d = await scorer.decide(a);
    const badDate = await scorer.reassess(d, { applicant: a, evidence: [], asOf: '2026-02-30' }).catch((x) => x);
    expect(badDate).toBeInstanceOf(ValidationError);
    expect((badDate as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['asOf']);
    await expect(scorer.reassess(d, { applicant: a, evidence: [], asOf: null } as never)).rejects.toBeInstanceOf(ValidationError);
    const both = await scorer.reassess(d, { applicant: { ...a, birthDate: 'yesterday' } as ApplicantInput, evidence: [{ kind: 42 }] } as never).catch((e) => e);
    const paths = (both as ValidationError).issues.map((i) => i.path.join('.'));
    expect(paths.some((p) => p.startsWith('applicant.birthDate'))).toBe(true);
    expect(paths.some((p) => p.startsWith('evidence.0'))).toBe(true);
    // A profile-only update needs no `evidence` (findings19-adoption: it was refused as 'expected
    // array'); a null is not absent and stays refused at `evidence`.
    expect(await scorer.reassess(d, { applicant: a })).toEqual(await scorer.reassess(d, { applicant: a, evidence: [] }));
    const nullEvidence = await scorer.reassess(d, { applicant: a, evidence: null } as never).catch((e) => e);
    expect((nullEvidence as ValidationError).issues.map((i) => i.path.join('.'))).toContain('evidence');
    // A misspelt key is one more problem of the update, named with the others, not in their place.
    const all = await scorer
      .reassess(d, { applicant: { ...a, birthDate: 'yesterday' } as ApplicantInput, evidence: [{ kind: 42 }], asOf: '2026-02-30', asof: '2026-12-01' } as never)
      .catch((e) => e);
    expect(all).toBeInstanceOf(ValidationError);
    const allPaths = (all as ValidationError).issues.map((i) => i.path.join('.'));
    expect(allPaths).toContain('asof');
    expect(allPaths).toContain('asOf');
    expect(allPaths.some((p) => p.startsWith('applicant.birthDate'))).toBe(true);
    expect(allPaths.some((p) => p.startsWith('evidence.0'))).toBe(true);
  });
});

// Outside tester, round 5: chains of follow-ups that broke a step limit, the customer's cap or the line on file.
describe('follow-up chains keep the line on file, the ledger and the cap', () => {
  it("a person's review of a granted raise starts from the line it left: the raise stays in the ledger and the step limits keep counting it", async () => {
    const a = graduate();
    let d = await scorer.decide(a);
    expect(d.lineAction).toBe('raise');
    const rises: { from: number; to: number }[] = [{ from: d.previousLimit, to: d.limit }];
    for (const day of ['2026-11-02', '2026-11-03', '2026-11-05']) {
      const reviewed = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 300_000 });
      expect(reviewed.previousLimit).toBe(lineOnFileAfter(d));
      if (d.limit > 300_000) expect(reviewed.lineAction).toBe('lower');
      // The raise that was granted happened: it stays counted.
      expect(reviewed.limitHistory.length).toBeGreaterThanOrEqual(d.limitHistory.length);
      d = await scorer.reassess(reviewed, { applicant: a, evidence: [], asOf: day });
      // The person's cut is raised by a person only: where the policy grants more, the reassessment
      // proposes it and a person approves it; never raised by the reassessment itself.
      expect(lineOnFileAfter(d)).toBe(300_000);
      if (d.lineAction === 'review') {
        expect(d.reasons[0]?.code).toBe('line_cut_by_person');
        d = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: d.limit, asOf: day });
      }
      if (d.limit > d.previousLimit) rises.push({ from: d.previousLimit, to: d.limit });
    }
    const policy = scorer.policy.stepLimits;
    const total = rises.reduce((s, r) => s + r.to - r.from, 0);
    expect(rises.length).toBeLessThanOrEqual(policy.windowMaxCount);
    expect(total).toBeLessThanOrEqual(policy.windowMaxIncrease);
  });

  it("a reviewer's referral of a decline grants nothing: the closed line stays closed", async () => {
    const declined = await scorer.decide(structuredClone(exampleFor('delinquent').applicant) as ApplicantInput);
    expect(declined.outcome).toBe('decline');
    expect(lineOnFileAfter(declined)).toBe(0);
    const referred = scorer.recordReview(declined, { reviewerRole: 'credit_officer', outcome: 'refer', limit: 0 });
    expect(lineOnFileAfter(referred)).toBe(0);
    const next = await scorer.reassess(referred, { applicant: structuredClone(exampleFor('delinquent').applicant) as ApplicantInput, evidence: [] });
    expect(lineOnFileAfter(next)).toBeLessThanOrEqual(Math.max(0, next.maxGrantable));
  });

  it('the cap in force on a prior holds on every later reassessment, not only the next', async () => {
    const a = graduate();
    const reduced = scorer.requestReduction(await scorer.decide(a), 500_000);
    let d = reduced;
    for (const day of ['2026-11-02', '2026-11-03', '2026-11-04']) {
      d = await scorer.reassess(d, { applicant: a, evidence: [], asOf: day });
      expect(d.limit, day).toBeLessThanOrEqual(500_000);
      expect(d.controls.selfSetCap, day).toBe(500_000);
    }
    const contested = scorer.recordContest(d, { statement: 'keep it low please' });
    const reviewed = scorer.recordReview(contested, { reviewerRole: 'credit_officer', outcome: 'approve', limit: d.limit });
    for (const day of ['2026-11-05', '2026-11-06']) {
      d = await scorer.reassess(d === reviewed ? d : reviewed, { applicant: a, evidence: [], asOf: day });
      expect(d.limit, day).toBeLessThanOrEqual(500_000);
    }
  });

  it('a second reduction that lowers nothing more keeps the reasons owed', async () => {
    const a = { ...graduate(), controls: { requestedLimit: 1_000_000 } } as ApplicantInput;
    const first = scorer.requestReduction(await scorer.decide(a), 500_000);
    expect(first.reasons.map((r) => r.code)).toContain('customer_reduction');
    const again = scorer.requestReduction(first, 500_000);
    expect(again.limit).toBe(500_000);
    expect(again.reasons.map((r) => r.code)).toContain('customer_reduction');
  });

  it('a reduction keeps the lower-limit offer on the line it leaves, for a customer still over budget', async () => {
    const over = { ...graduate(), financialHealth: { overBudgetMonths: 3 } } as ApplicantInput;
    const d = await scorer.decide(over);
    const reduced = scorer.requestReduction(d, lineOnFileAfter(d) - 100_000);
    expect(reduced.health.lowerLimitOffer?.currentLimit).toBe(reduced.limit);
  });
});

describe("a decision's affordability figures are those of its own limit", () => {
  it('a reduction and a review seal the payment and checks of the line they set, as a decision capped there computes them', async () => {
    const a = graduate();
    const d = await scorer.decide(a);
    const reduced = scorer.requestReduction(d, 500_000);
    const capped = await scorer.decide({ ...a, controls: { ...a.controls, selfSetCap: 500_000 } } as ApplicantInput);
    expect(capped.limit).toBe(500_000);
    expect(reduced.affordability.monthlyPayment).toBe(capped.affordability.monthlyPayment);
    expect(reduced.affordability.checks).toEqual(capped.affordability.checks);
    const reviewed = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 500_000 });
    expect(reviewed.affordability.monthlyPayment).toBe(capped.affordability.monthlyPayment);
  });

  it('a held line shows what the held line costs, not what the policy would grant (outside tester: "a fully used 2,000 RMB line costs 136.01 a month")', async () => {
    const a = structuredClone(exampleFor('duplicate_certificate').applicant) as ApplicantInput;
    const d = await scorer.decide(a);
    const held = await scorer.reassess(d, { applicant: a, evidence: [] });
    expect(held.lineAction).toBe('hold');
    expect(held.limit).toBeGreaterThan(held.maxGrantable);
    const atMax = scorer.requestReduction(held, held.maxGrantable);
    expect(atMax.limit).toBe(held.maxGrantable);
    expect(held.affordability.monthlyPayment).toBeGreaterThan(atMax.affordability.monthlyPayment);
    const delta = held.affordability.monthlyPayment - atMax.affordability.monthlyPayment;
    const debt = (x: typeof held) => x.affordability.checks.find((c) => c.id === 'debt_service')?.value ?? Number.NaN;
    expect(debt(held) - debt(atMax)).toBe(delta);
  });
});
