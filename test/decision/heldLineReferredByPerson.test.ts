// findings28 F4: a person who refers a held line leaves it held. The teacher's held line (17,600 RMB
// on file, nothing grantable) referred by a person proposing nothing was sealed `lineAction: review`,
// `limit` 0, `bindingConstraint: line_on_file` for that 0, though the line stayed on file at 17,600
// RMB, and the contest and reduction after it carried that on. Now it is `hold` at the line on file,
// labelled `line_on_file`, the hold among the four, and the person's proposal is the proposal kept
// for the next reviewer (`review.proposed`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

const HELD = 'line_held_for_review';
const codes = (d: Decision) => d.reasons.map((r) => r.code);

async function heldTeacher(): Promise<Decision> {
  const teacher = exampleFor('salaried_teacher').applicant as ApplicantInput;
  const prior = await scorer.decide(teacher);
  const worse = structuredClone(teacher);
  worse.bureau = { ...worse.bureau, hasFile: true, currentDaysPastDue: 60, delinquencies24m: 10, enquiries6m: 30 };
  const held = await scorer.reassess(prior, { applicant: worse });
  expect([held.outcome, held.lineAction, held.maxGrantable]).toEqual(['refer', 'hold', 0]);
  return held;
}

/** What a held line says of itself: held at the line on file, above what may be granted, labelled so, the hold among the four. */
function expectHeld(d: Decision, line: number): void {
  expect({ outcome: d.outcome, lineAction: d.lineAction, limit: d.limit, bindingConstraint: d.bindingConstraint }).toEqual({
    outcome: 'refer',
    lineAction: 'hold',
    limit: line,
    bindingConstraint: 'line_on_file',
  });
  expect(lineOnFileAfter(d)).toBe(line);
  expect(d.limit).toBeGreaterThan(d.maxGrantable);
  expect(codes(d)).toContain(HELD);
}

describe("a person's referral of a held line leaves it held", () => {
  it('the teacher: referred proposing nothing, held at 17,600 RMB (was review, limit 0, line_on_file)', async () => {
    const held = await heldTeacher();
    const line = lineOnFileAfter(held);
    expect(line).toBe(1_760_000);
    const rv = scorer.recordReview(held, { reviewerRole: 'credit_officer', outcome: 'refer', limit: 0 });
    expectHeld(rv, line);
    expect(rv.previousLimit).toBe(line);
    expect(codes(rv)).toEqual(['human_review_decided', 'current_past_due', 'too_many_delinquencies', HELD]);
    // The person's proposal is what the next reviewer is shown.
    expect(rv.review).toMatchObject({ status: 'reviewed', proposed: { outcome: 'refer', limit: 0 } });
  });

  it('the contest and the reduction after it keep it held (were review at 0)', async () => {
    const held = await heldTeacher();
    const line = lineOnFileAfter(held);
    const rv = scorer.recordReview(held, { reviewerRole: 'credit_officer', outcome: 'refer', limit: 0 });
    const c = scorer.recordContest(rv, { statement: 'My account is paid up now' });
    expectHeld(c, line);
    // The contest shows the reviewer what the person proposed, never the held line.
    expect(c.review?.proposed).toEqual({ outcome: 'refer', limit: 0 });
    const r = scorer.requestReduction(rv, 1_700_000);
    expectHeld(r, 1_700_000);
    expect(codes(r)[0]).toBe('customer_reduction');
    // A person deciding after it may decline it; approving the held line is refused as before.
    const declined = scorer.recordReview(rv, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 });
    expect([declined.lineAction, declined.limit]).toEqual(['close', 0]);
    expect(() => scorer.recordReview(rv, { reviewerRole: 'credit_officer', outcome: 'approve', limit: line })).toThrow();
  });

  it('a referral of a line not held is a proposal as before', async () => {
    const d = await scorer.decide(exampleFor('salaried_teacher').applicant);
    const rv = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'refer', limit: d.limit - 100_000 });
    expect([rv.lineAction, rv.limit]).toEqual(['review', d.limit - 100_000]);
  });
});
