import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { applicantArbitrary, creditLaws } from '../../src/testing/index.js';

const SEED = 20_261_128;

function owesReasons(d: Decision): boolean {
  return d.outcome !== 'approve' || (d.requestedLimit !== null && d.limit < d.requestedLimit) || d.limit < d.previousLimit;
}

/** A decision without what the explanation mode may change: its contributions and its audit (the input names the mode). */
function withoutExplanation(d: Decision): Omit<Decision, 'contributions' | 'audit'> {
  const { contributions: _c, audit: _a, ...rest } = d;
  return rest;
}

describe("explanations: 'when_owed'", () => {
  const scorers: Record<string, Scorer> = {};
  beforeAll(async () => {
    for (const space of ['log_odds', 'probability'] as const) {
      scorers[`always ${space}`] = await createScorer({ suggestionsPerDecision: 0, contributionSpace: space });
      scorers[`when_owed ${space}`] = await createScorer({ suggestionsPerDecision: 0, contributionSpace: space, explanations: 'when_owed' });
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(scorers).map((s) => s.close()));
  });
  const get = (name: string) => scorers[name] as Scorer;

  it('law reasons_where_owed holds with explanations only when owed (decisions and reassessments)', async () => {
    // The scorer part: the policy part (the default policy's, which no explanation mode touches) is
    // test/lawsDefaultPolicy.test.ts's. 12 runs here (25 until 2026-12-02); test/deep/
    // lawsAcrossScorerConfigurations.test.ts runs this law on a 'when_owed' scorer 15 more, on another seed.
    await creditLaws.reasons_where_owed.check({ scorer: get('when_owed log_odds') }, { part: 'scorer', scorerNumRuns: 12, seed: SEED });
  });

  it.each(['log_odds', 'probability'])(
    'in %s space: an owed decision is explained exactly as by default; any other carries the marker, no factors and the same baseline',
    async (space) => {
      const applicants = fc.sample(applicantArbitrary({ maxEvidence: 2 }), { seed: SEED, numRuns: 60 });
      const always = await get(`always ${space}`).decideBatch(applicants);
      const lazy = await get(`when_owed ${space}`).decideBatch(applicants);
      let owed = 0;
      let notOwed = 0;
      lazy.forEach((r, i) => {
        const a = always[i];
        if (!r.ok || !a?.ok) throw new Error(`record ${i} did not decide`);
        const d = r.decision;
        expect(Decision.parse(d)).toEqual(d);
        expect(withoutExplanation(d)).toEqual(withoutExplanation(a.decision));
        expect(a.decision.contributions.omitted).toBeUndefined();
        if (owesReasons(d)) {
          owed++;
          expect(d.contributions).toEqual(a.decision.contributions);
        } else {
          notOwed++;
          expect(d.contributions).toEqual({ space, baseline: a.decision.contributions.baseline, factors: [], omitted: 'not_owed' });
        }
      });
      // The sample exercises both branches.
      expect(owed).toBeGreaterThan(0);
      expect(notOwed).toBeGreaterThan(0);
    },
  );

  it('names the mode in the audit input, so the same applicant gets another decision id than by default', async () => {
    const [applicant] = fc.sample(applicantArbitrary(), { seed: SEED, numRuns: 1 });
    if (applicant === undefined) throw new Error('no sample');
    const a = await get('always log_odds').decide(applicant);
    const b = await get('when_owed log_odds').decide(applicant);
    expect(b.audit.inputHash).not.toBe(a.audit.inputHash);
    expect(b.audit.decisionId).not.toBe(a.audit.decisionId);
  });

  it('refuses an unknown mode with a ValidationError naming the option', async () => {
    const error = await createScorer({ explanations: 'sometimes' as never }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['explanations']);
  });
});

describe("a person overturning an unexplained approval (explanations: 'when_owed')", () => {
  let always: Scorer;
  let lazy: Scorer;
  // Applicants whose when_owed decision owes no reasons, with their decisions under both modes.
  const cases: { applicant: unknown; lazy: Decision; always: Decision }[] = [];
  beforeAll(async () => {
    always = await createScorer({ suggestionsPerDecision: 0 });
    lazy = await createScorer({ suggestionsPerDecision: 0, explanations: 'when_owed' });
    const applicants = fc.sample(applicantArbitrary({ maxEvidence: 2 }), { seed: SEED, numRuns: 80 });
    const a = await always.decideBatch(applicants);
    const l = await lazy.decideBatch(applicants);
    l.forEach((r, i) => {
      const b = a[i];
      if (r.ok && b?.ok && r.decision.contributions.omitted === 'not_owed') cases.push({ applicant: applicants[i], lazy: r.decision, always: b.decision });
    });
  });
  afterAll(async () => {
    await always.close();
    await lazy.close();
  });
  const decline = { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 } as const;
  const pathsOf = (f: () => unknown): string[] => {
    try {
      f();
    } catch (e) {
      if (e instanceof ValidationError) return e.issues.map((i) => i.path.join('.'));
      throw e;
    }
    throw new Error('expected a ValidationError');
  };

  it('refuses an adverse review or a contest without the applicant, naming options.applicant, instead of giving reasons without factors', () => {
    expect(cases.length).toBeGreaterThan(3);
    const c = cases[0] as (typeof cases)[number];
    expect(pathsOf(() => lazy.recordReview(c.lazy, decline))).toEqual(['applicant']);
    expect(pathsOf(() => lazy.recordContest(c.lazy, { statement: 'I disagree' }))).toEqual(['applicant']);
    // Nothing adverse: nothing owed, no applicant needed, and the marker stays true.
    const kept = lazy.recordReview(c.lazy, { reviewerRole: 'credit_officer', outcome: 'approve', limit: c.lazy.limit });
    expect(kept.contributions.omitted).toBe('not_owed');
    expect(kept.reasons).toEqual([]);
  });

  it('with the applicant, explains the overturned decision exactly as the default mode does (every case, lines raised included)', () => {
    for (const c of cases) {
      const reviewed = lazy.recordReview(c.lazy, decline, { applicant: c.applicant as never });
      const byDefault = always.recordReview(c.always, decline);
      expect(reviewed.contributions).toEqual(c.always.contributions);
      expect(reviewed.contributions.omitted).toBeUndefined();
      expect(reviewed.reasons).toEqual(byDefault.reasons);
      expect(Decision.parse(reviewed)).toEqual(reviewed);
      const contested = lazy.recordContest(c.lazy, { statement: 'I disagree' }, { applicant: c.applicant as never });
      expect(contested.contributions).toEqual(c.always.contributions);
      expect(contested.reasons).toEqual(always.recordContest(c.always, { statement: 'I disagree' }).reasons);
    }
    expect(cases.some((c) => c.lazy.limitHistory.length > 0)).toBe(true);
  });

  it('explains a chain of follow-ups (a reduction, an approving review, a contest of either) exactly as the default mode does', () => {
    for (const c of cases.slice(0, 20)) {
      const options = { applicant: c.applicant as never };
      const statement = { statement: 'I disagree' };
      const approve = { reviewerRole: 'credit_officer', outcome: 'approve', limit: c.lazy.limit } as const;
      // An approving review owes nothing: it stays unexplained, and records where its factors come from.
      const kept = lazy.recordReview(c.lazy, approve);
      expect(kept.contributions.omitted).toBe('not_owed');
      expect(kept.audit.originInputHash).toBe(c.lazy.audit.inputHash);
      expect(pathsOf(() => lazy.recordContest(kept, statement))).toEqual(['applicant']);
      const contestedReview = lazy.recordContest(kept, statement, options);
      expect(contestedReview.contributions).toEqual(c.always.contributions);
      expect(contestedReview.reasons).toEqual(always.recordContest(always.recordReview(c.always, approve), statement).reasons);
      // The customer lowers their line, then contests: the contest's reasons come with factors.
      const reduced = lazy.requestReduction(c.lazy, lazy.policy.limits.productMin);
      const contestedReduction = lazy.recordContest(reduced, statement, options);
      expect(contestedReduction.contributions).toEqual(c.always.contributions);
      expect(contestedReduction.audit.originInputHash).toBe(c.lazy.audit.inputHash);
      // A person declining the contest keeps them.
      expect(lazy.recordReview(contestedReduction, decline).contributions).toEqual(c.always.contributions);
      // Another applicant is not the origin's.
      const other = cases.find((o) => o !== c) as (typeof cases)[number];
      expect(pathsOf(() => lazy.recordContest(reduced, statement, { applicant: other.applicant as never }))).toEqual(['applicant']);
    }
  });

  it('a reduction held for a balance no income repays carries the factors, as by default, and without the applicant is refused', () => {
    const least = lazy.policy.limits.productMin;
    let held = 0;
    for (const c of cases.slice(0, 20)) {
      const a = c.applicant as { income: { monthlyNet: number } };
      const currentBalance = Math.max(a.income.monthlyNet * 60, least * 100);
      const byDefault = always.requestReduction(c.always, least, { currentBalance });
      if (byDefault.lineAction !== 'hold') continue;
      held++;
      // Sealed before as `omitted: 'not_owed'` beside three reasons owed (the hold, the balance).
      expect(pathsOf(() => lazy.requestReduction(c.lazy, least, { currentBalance }))).toEqual(['applicant']);
      const reduced = lazy.requestReduction(c.lazy, least, { currentBalance, applicant: c.applicant as never });
      expect(reduced.contributions).toEqual(c.always.contributions);
      expect(reduced.reasons).toEqual(byDefault.reasons);
      // A plain reduction owes only the customer's own request: no applicant needed, still unexplained.
      expect(lazy.requestReduction(c.lazy, least).contributions.omitted).toBe('not_owed');
    }
    expect(held).toBeGreaterThan(3);
  });

  it('refuses an applicant the decision was not made for, and a ledger it was not made with', () => {
    const [c, other] = cases as [(typeof cases)[number], (typeof cases)[number]];
    expect(pathsOf(() => lazy.recordReview(c.lazy, decline, { applicant: other.applicant as never }))).toEqual(['applicant']);
    const ledger = [{ asOf: '2020-01-01', from: 100_000, to: 200_000 }];
    expect(pathsOf(() => lazy.recordReview(c.lazy, decline, { applicant: c.applicant as never, limitHistory: ledger }))).toEqual(['applicant']);
    expect(pathsOf(() => lazy.recordReview(c.lazy, decline, { applicant: c.applicant as never, extra: 1 } as never))).toEqual(['extra']);
    // A given applicant is checked even where no factors are owed: a wrong one is never carried quietly.
    expect(pathsOf(() => always.recordReview(c.always, decline, { applicant: other.applicant as never }))).toEqual(['applicant']);
  });

  it('for a reassessment, takes the applicant as reassessed (the line on file and the new evidence merged in)', async () => {
    let checked = 0;
    for (const c of cases.slice(0, 12)) {
      const base = c.applicant as { platform: Record<string, unknown>; evidence?: unknown[] };
      const next = await lazy.reassess(c.lazy, { applicant: base as never, evidence: [] });
      if (next.contributions.omitted === undefined) continue;
      const asReassessed = { ...base, platform: { ...base.platform, currentLimit: c.lazy.limit } };
      const reviewed = lazy.recordReview(next, decline, { applicant: asReassessed as never });
      expect(reviewed.contributions.omitted).toBeUndefined();
      expect(reviewed.contributions.factors.length).toBeGreaterThan(0);
      if (base.platform.currentLimit !== c.lazy.limit)
        expect(pathsOf(() => lazy.recordReview(next, decline, { applicant: base as never }))).toEqual(['applicant']);
      // A follow-up of a follow-up checks the applicant against the origin's input hash it recorded.
      const reduced = lazy.requestReduction(next, lazy.policy.limits.productMin);
      expect(reduced.audit.originInputHash).toBe(next.audit.inputHash);
      expect(lazy.recordReview(reduced, decline, { applicant: asReassessed as never }).contributions).toEqual(reviewed.contributions);
      expect(pathsOf(() => lazy.recordReview(reduced, decline, { applicant: base as never }))).toEqual(
        base.platform.currentLimit !== c.lazy.limit ? ['applicant'] : [],
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
