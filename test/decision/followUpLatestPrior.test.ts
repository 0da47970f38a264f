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
/** What an account system stores from a decision: the line on file and the customer's cap. */
const onFileOf = (d: Decision) => ({ line: lineOnFileAfter(d, step), selfSetCap: d.controls.selfSetCap });

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
    expect(d1!.limit).toBe(1_730_000);
    const onFile = onFileOf(d4!);
    expect(onFile).toEqual({ line: 1_000_000, selfSetCap: 1_000_000 });
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
    expect(issues[0]!.message).toContain('17,300');
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
    expect(() => scorer.requestReduction(d0, 500_000, { onFile: { line: 1.5, selfSetCap: null } as never })).toThrow(ValidationError);
    expect(() => scorer.requestReduction(d0, 500_000, { onFile: { line: d0.limit } as never })).toThrow(/onFile\.selfSetCap/);
    await expect(scorer.reassess(d0, { applicant: app, evidence: [] }, { onFile: { line: d0.limit, selfSetCap: null, cap: 1 } as never })).rejects.toThrow(
      /onFile\.cap/,
    );
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
