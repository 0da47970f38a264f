// A person reviews a decision on the day they decide, often days after it was made (a review
// queue), and a customer contests on the day they write. Dated at the reviewed decision's date,
// a late review's raise left the step-limit window early: a review raising on day 20 counted from
// day 0, so a reassessment on day 31 could raise again, two raises 11 days apart beyond what the
// window allows. Follow-ups now carry their own date (`asOf`, default the decision's own).
import { addDays, format, parseISO } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';

const day = (iso: string, n: number) => format(addDays(parseISO(iso), n), 'yyyy-MM-dd');

let scorer: Scorer;
beforeAll(async () => {
  // One rise of at most 20,000 RMB per 30 days: a second rise inside the window is the breach.
  scorer = await createScorer({ suggestionsPerDecision: 0, policyOverrides: { stepLimits: { windowMaxCount: 1 } } });
});
afterAll(async () => scorer?.close());

const teacher = exampleFor('salaried_teacher').applicant;
const onLine = { ...teacher, platform: { ...teacher.platform, currentLimit: 100_000 } };

describe('follow-ups carry their own date', () => {
  it('a review on day 20 raising the line is dated day 20: a reassessment on day 31 cannot raise again; on day 50 it may', async () => {
    const pending = await scorer.decide({ ...onLine, controls: { ...onLine.controls, humanReview: true } });
    expect(pending.outcome).toBe('refer');
    expect(pending.review?.proposed.limit).toBeGreaterThan(100_000);
    const reviewDay = day(pending.asOf, 20);
    const reviewed = scorer.recordReview(pending, {
      reviewerRole: 'credit_officer',
      outcome: 'approve',
      limit: pending.review!.proposed.limit,
      asOf: reviewDay,
    });
    expect(reviewed.asOf).toBe(reviewDay);
    expect(reviewed.audit.asOf).toBe(reviewDay);
    expect(reviewed.limitHistory.at(-1)).toEqual({ asOf: reviewDay, from: 100_000, to: reviewed.limit });
    expect(Decision.safeParse(reviewed).success).toBe(true);

    const profile = { ...onLine, platform: { ...onLine.platform, currentLimit: reviewed.limit } };
    const day31 = day(pending.asOf, 31);
    const soon = await scorer.reassess(reviewed, { applicant: { ...profile, asOf: day31 }, evidence: [], asOf: day31 });
    expect(soon.limit).toBe(reviewed.limit);
    expect(soon.bindingConstraint).toBe('step_limit');
    const later = day(reviewDay, 30);
    const after = await scorer.reassess(reviewed, { applicant: { ...profile, asOf: later }, evidence: [], asOf: later });
    expect(after.limit).toBeGreaterThanOrEqual(reviewed.limit);
  });

  it('without asOf a review keeps the decision date and its bytes; a date before the decision is refused naming asOf', async () => {
    const pending = await scorer.decide({ ...onLine, controls: { ...onLine.controls, humanReview: true } });
    const input = { reviewerRole: 'credit_officer', outcome: 'approve' as const, limit: pending.review!.proposed.limit };
    const plain = scorer.recordReview(pending, input);
    expect(scorer.recordReview(pending, { ...input, asOf: pending.asOf })).toEqual(plain);
    expect(plain.asOf).toBe(pending.asOf);
    const early = () => scorer.recordReview(pending, { ...input, asOf: day(pending.asOf, -1) });
    expect(early).toThrow(ValidationError);
    try {
      early();
    } catch (e) {
      expect((e as ValidationError).issues).toEqual([expect.objectContaining({ path: ['asOf'], code: 'out_of_range' })]);
    }
    expect(() => scorer.recordReview(pending, { ...input, asOf: '2026-02-30' })).toThrow(ValidationError);
  });

  it('a contest is dated the day it was written; the review answering it cannot be dated before it', async () => {
    const d = await scorer.decide(onLine);
    const written = day(d.asOf, 3);
    const contested = scorer.recordContest(d, { statement: 'My salary rose in October.', asOf: written });
    expect(contested.asOf).toBe(written);
    expect(() => scorer.recordReview(contested, { reviewerRole: 'credit_officer', outcome: 'approve', limit: d.limit, asOf: day(d.asOf, 1) })).toThrow(
      ValidationError,
    );
    expect(scorer.recordReview(contested, { reviewerRole: 'credit_officer', outcome: 'approve', limit: d.limit }).asOf).toBe(written);
  });
});

// A customer lowers their line on the day they ask, often weeks after the decision it lowers.
// Dated at that decision, the sealed record said the line went down on a day it did not, and the
// review of a pending raise answered after it (dated, by default, at the reduction) counted its
// step-limit window from that earlier day: a reassessment 31 days after the decision raised again.
describe('a reduction carries its own date', () => {
  it('lowered on day 40: dated day 40 (decision and audit); a reassessment dated before it is refused', async () => {
    const d = await scorer.decide(onLine);
    const asked = day(d.asOf, 40);
    const reduced = scorer.requestReduction(d, 60_000, { asOf: asked });
    expect(reduced).toMatchObject({ asOf: asked, limit: 60_000, lineAction: 'lower' });
    expect(reduced.audit.asOf).toBe(asked);
    expect(Decision.safeParse(reduced).success).toBe(true);
    await expect(scorer.reassess(reduced, { applicant: onLine, evidence: [], asOf: day(d.asOf, 20) })).rejects.toThrow(/dated after the reassessment/);
    expect((await scorer.reassess(reduced, { applicant: onLine, evidence: [], asOf: asked })).limit).toBeLessThanOrEqual(60_000);
  });

  it('without asOf a reduction keeps its prior date and its bytes; a date before the prior is refused naming asOf, an unknown option too', async () => {
    const d = await scorer.decide(onLine);
    const plain = scorer.requestReduction(d, 60_000);
    expect(plain.asOf).toBe(d.asOf);
    expect(scorer.requestReduction(d, 60_000, { asOf: d.asOf })).toEqual(plain);
    expect(scorer.requestReduction(d, 60_000, {})).toEqual(plain);
    // A day of its own is a decision of its own.
    expect(scorer.requestReduction(d, 60_000, { asOf: day(d.asOf, 1) }).audit.decisionId).not.toBe(plain.audit.decisionId);
    const issuesOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).issues;
      }
      throw new Error('expected a ValidationError');
    };
    expect(issuesOf(() => scorer.requestReduction(d, 60_000, { asOf: day(d.asOf, -1) }))).toEqual([
      expect.objectContaining({ path: ['asOf'], code: 'out_of_range' }),
    ]);
    expect(issuesOf(() => scorer.requestReduction(d, 60_000, { asOf: '2026-02-30' }))[0]?.path).toEqual(['asOf']);
    expect(issuesOf(() => scorer.requestReduction(d, 60_000, { asof: day(d.asOf, 3) } as never))).toEqual([
      expect.objectContaining({ path: ['asof'], code: 'unrecognized_key' }),
    ]);
    expect(issuesOf(() => scorer.requestReduction(d, 60_000, 'tomorrow' as never))[0]?.code).toBe('invalid_type');
  });

  it('a pending raise reviewed after a reduction on day 25 counts its window from day 25: no second raise on day 31', async () => {
    const pending = await scorer.decide({ ...onLine, controls: { ...onLine.controls, humanReview: true } });
    const proposed = pending.review!.proposed.limit;
    expect(proposed).toBeGreaterThan(100_000);
    // Asked above the line: the line is kept, the amount becomes the cap, and the review stays pending.
    const reduced = scorer.requestReduction(pending, proposed + 5_000_000, { asOf: day(pending.asOf, 25) });
    expect(reduced.review?.status).toBe('pending');
    const reviewed = scorer.recordReview(reduced, { reviewerRole: 'credit_officer', outcome: 'approve', limit: proposed });
    expect(reviewed.asOf).toBe(day(pending.asOf, 25));
    expect(reviewed.limitHistory.at(-1)).toEqual({ asOf: day(pending.asOf, 25), from: 100_000, to: proposed });
    const day31 = day(pending.asOf, 31);
    const profile = { ...onLine, platform: { ...onLine.platform, currentLimit: proposed }, asOf: day31 };
    const soon = await scorer.reassess(reviewed, { applicant: profile, evidence: [], asOf: day31 });
    expect(soon.limit).toBe(proposed);
  });
});
