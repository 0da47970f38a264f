// Outside tester findings15-audit F2: the engine is stateless, so a follow-up given an out-of-date
// prior (the decision from before the customer lowered their line) was accepted: d0 decide 16,800 ->
// d1 reassess 17,300 -> d2 the customer lowers it to 10,000 -> d3 contest -> d4 a person approves
// 10,000; then reassess(d1) set the line to 17,300 RMB with the customer's cap gone, and
// requestReduction(d0) forked the chain from its start. Follow-ups now take what the lender's account
// system holds for the line (`onFile`: the line on file and the customer's cap, from the latest
// decision stored) and refuse a prior that disagrees with it (`prior_superseded`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { PriorInvalidError } from '../../src/decision/priorInvalidError.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import type { Applicant } from '../../src/schema/applicant.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ signingKey: 'A'.repeat(40) });
});
afterAll(async () => scorer?.close());

const app = structuredClone(exampleApplicants[0]!.applicant) as Applicant;
const step = 10_000;
/** What an account system stores from a decision: the line on file, the customer's cap and the step-limit ledger. */
const onFileOf = (d: Decision) => ({ line: lineOnFileAfter(d, step), selfSetCap: d.controls.selfSetCap, limitHistory: d.limitHistory });

async function chain(): Promise<Decision[]> {
  const d0 = await scorer.decide(app);
  const d1 = await scorer.reassess(d0, { applicant: { ...app, asOf: '2026-11-10' }, evidence: [] });
  const d2 = scorer.requestReduction(d1, 1_000_000, { asOf: '2026-11-12' });
  const d3 = scorer.recordContest(d2, { statement: 'I want my line back', asOf: '2026-11-13' });
  const d4 = scorer.recordReview(d3, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 1_000_000, note: 'ok', asOf: '2026-11-14' });
  return [d0, d1, d2, d3, d4];
}

function superseded(run: () => unknown): PriorInvalidError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(PriorInvalidError);
    const err = e as PriorInvalidError;
    expect(err.issues.map((i) => i.code)).toContain('prior_superseded');
    return err;
  }
  throw new Error('accepted');
}

describe('a follow-up refuses a prior that is not the line latest decision (findings15-audit F2)', () => {
  it("the tester's chain: reassessing d1 after the customer's reduction is refused; reassessing d4 keeps the cap", async () => {
    const [, d1, , , d4] = await chain();
    expect(d1!.limit).toBe(1_740_000);
    const onFile = onFileOf(d4!);
    expect(onFile).toMatchObject({ line: 1_000_000, selfSetCap: 1_000_000 });
    const update = { applicant: { ...app, asOf: '2026-11-20' }, evidence: [] };
    const err = await scorer.reassess(d1!, update, { onFile }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PriorInvalidError);
    const issues = (err as PriorInvalidError).issues;
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['limit', 'prior_superseded'],
      ['controls.selfSetCap', 'prior_superseded'],
    ]);
    expect(issues[0]!.message).toContain('17,400');
    expect(issues[0]!.message).toContain('10,000');
    const latest = await scorer.reassess(d4!, update, { onFile });
    expect(latest.limit).toBeLessThanOrEqual(1_000_000);
    expect(latest.controls.selfSetCap).toBe(1_000_000);
  });

  it('forks from older decisions are refused on every follow-up: reduction, contest, review', async () => {
    const [d0, d1, d2, d3, d4] = await chain();
    const onFile = onFileOf(d4!);
    for (const old of [d0!, d1!]) {
      superseded(() => scorer.requestReduction(old, 1_500_000, { asOf: '2026-11-20', onFile }));
      superseded(() => scorer.recordContest(old, { statement: 'again', asOf: '2026-11-20' }, { onFile }));
      superseded(() =>
        scorer.recordReview(old, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 1_500_000, note: 'x', asOf: '2026-11-20' }, { onFile }),
      );
    }
    // d2 and d3 carry the same line and cap as d4: what the account holds does not tell them apart,
    // and following them up loses nothing the customer set (the line and the cap are as on file).
    expect(onFileOf(d2!)).toEqual(onFile);
    expect(onFileOf(d3!)).toEqual(onFile);
    // The latest decision is accepted on each.
    expect(scorer.requestReduction(d4!, 800_000, { asOf: '2026-11-20', onFile }).limit).toBe(800_000);
    expect(scorer.recordContest(d4!, { statement: 'again', asOf: '2026-11-20' }, { onFile }).review?.status).toBe('contested');
  });

  it('a cap the customer set without a change of line is on file too: the prior from before it is refused', async () => {
    const d0 = await scorer.decide(app);
    // Asked above the line: the line stays, the cap is the amount asked.
    const capped = scorer.requestReduction(d0, d0.limit + 500_000);
    expect(lineOnFileAfter(capped, step)).toBe(lineOnFileAfter(d0, step));
    const onFile = onFileOf(capped);
    const err = superseded(() => scorer.requestReduction(d0, d0.limit + 2_000_000, { onFile }));
    expect(err.issues.map((i) => i.path.join('.'))).toEqual(['controls.selfSetCap']);
  });

  it('onFile is read strictly: a malformed one is named, never ignored', async () => {
    const d0 = await scorer.decide(app);
    expect(() => scorer.requestReduction(d0, 500_000, { onFile: { line: 1.5, selfSetCap: null, limitHistory: [] } as never })).toThrow(ValidationError);
    expect(() => scorer.requestReduction(d0, 500_000, { onFile: { line: d0.limit } as never })).toThrow(/onFile\.selfSetCap/);
    await expect(
      scorer.reassess(d0, { applicant: app, evidence: [] }, { onFile: { line: d0.limit, selfSetCap: null, limitHistory: d0.limitHistory, cap: 1 } as never }),
    ).rejects.toThrow(/onFile\.cap/);
  });

  it('onFile given as undefined (a lookup that found nothing) is refused on every follow-up, never read as no guard', async () => {
    const d0 = await scorer.decide(app);
    const undef = { onFile: undefined } as never;
    const named = { code: 'validation_failed', issues: [{ path: ['onFile'], received: 'undefined' }] };
    const thrown = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    expect(thrown(() => scorer.requestReduction(d0, 500_000, undef))).toMatchObject(named);
    await expect(scorer.reassess(d0, { applicant: app, evidence: [] }, undef)).rejects.toMatchObject(named);
    expect(thrown(() => scorer.recordContest(d0, { statement: 'I disagree' }, undef))).toMatchObject(named);
    expect(thrown(() => scorer.recordReview(d0, { outcome: 'decline', limit: 0, reviewerRole: 'credit_officer' }, undef))).toMatchObject(named);
  });
});

// Outside tester findings17-gaming F2: the guard compared the line and the cap only, so an older prior
// that left the same line and cap brought back its shorter ledger. P1 decide 3,000 -> 18,000 RMB, P2
// reassess -> 23,000 RMB (the window's 20,000 used), P3 the customer lowers it to 18,000 RMB, P4 decide
// with the cap cleared keeps 18,000 RMB (no cap): reassess(P1) with exactly what the account held
// after P4 was accepted and raised the line to 23,000 RMB again, rises of 25,000 RMB in the window.
describe('the guard covers the step-limit ledger (findings17-gaming F2)', () => {
  const graduate = () => {
    const a = structuredClone(exampleApplicants.find((e) => e.id === 'ex-new-graduate')!.applicant) as Applicant;
    return { ...a, controls: { requestedLimit: 5_000_000 }, income: { monthlyNet: 1_500_000, source: 'payroll' as const } };
  };
  async function lowerThenDecide(): Promise<{ a: Applicant; p1: Decision; p4: Decision }> {
    const a = graduate();
    const p1 = await scorer.decide(a);
    const p2 = await scorer.reassess(p1, { applicant: { ...a, asOf: '2026-11-02' }, evidence: [] }, { onFile: onFileOf(p1) });
    const p3 = scorer.requestReduction(p2, lineOnFileAfter(p1, step), { asOf: '2026-11-03', onFile: onFileOf(p2) });
    const p4 = await scorer.decide(
      { ...a, asOf: '2026-11-04', platform: { ...a.platform, currentLimit: lineOnFileAfter(p3, step) } },
      { limitHistory: p3.limitHistory },
    );
    expect([lineOnFileAfter(p4, step), p4.controls.selfSetCap]).toEqual([1_800_000, null]);
    expect([lineOnFileAfter(p1, step), p1.controls.selfSetCap]).toEqual([1_800_000, null]);
    return { a, p1, p4 };
  }

  it("the tester's chain: reassessing P1 with what the account holds after P4 is refused at limitHistory; P4 keeps the line", async () => {
    const { a, p1, p4 } = await lowerThenDecide();
    const update = { applicant: { ...a, asOf: '2026-11-05' }, evidence: [] };
    const err = await scorer.reassess(p1, update, { onFile: onFileOf(p4) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PriorInvalidError);
    const issues = (err as PriorInvalidError).issues;
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([['limitHistory', 'prior_superseded']]);
    expect(issues[0]!.message).toMatch(/1 change.*2 are on file/);
    const latest = await scorer.reassess(p4, update, { onFile: onFileOf(p4) });
    expect([latest.lineAction, lineOnFileAfter(latest, step)]).toEqual(['keep', 1_800_000]);
  });

  it('every follow-up refuses it, a ledger of the same length with another entry too', async () => {
    const { p1, p4 } = await lowerThenDecide();
    const onFile = onFileOf(p4);
    const refusedAt = (f: () => unknown) => superseded(f).issues.map((i) => i.path.join('.'));
    expect(refusedAt(() => scorer.requestReduction(p1, 1_000_000, { asOf: '2026-11-05', onFile }))).toEqual(['limitHistory']);
    expect(refusedAt(() => scorer.recordContest(p1, { statement: 'again', asOf: '2026-11-05' }, { onFile }))).toEqual(['limitHistory']);
    expect(
      refusedAt(() => scorer.recordReview(p1, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 1_800_000, asOf: '2026-11-05' }, { onFile })),
    ).toEqual(['limitHistory']);
    const other = [{ ...p1.limitHistory[0]!, to: p1.limitHistory[0]!.to + 10_000 }];
    const err = superseded(() => scorer.requestReduction(p1, 1_000_000, { asOf: '2026-11-05', onFile: { ...onFileOf(p1), limitHistory: other } }));
    expect(err.issues.map((i) => i.path.join('.'))).toEqual(['limitHistory']);
    expect(err.issues[0]!.message).toMatch(/entry 0/);
  });

  it('onFile without its ledger is named, never read as no guard of it', async () => {
    const { p4 } = await lowerThenDecide();
    const { limitHistory: _, ...noLedger } = onFileOf(p4);
    expect(() => scorer.requestReduction(p4, 1_000_000, { asOf: '2026-11-05', onFile: noLedger as never })).toThrow(/onFile\.limitHistory/);
  });
});
