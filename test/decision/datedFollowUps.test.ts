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
