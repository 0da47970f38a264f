// A customer who asked that no decision about them be made solely by automated means (PIPL Art.
// 24: `controls.humanReview: true`, or a contest) keeps that request until a person decides
// (recordReview) or the customer withdraws it (`controls.humanReview: false` in the update). Found
// from outside: the next upload went through `reassess` with a profile that did not repeat the
// flag, and the line was raised automatically with `review: null`, the request dropped silently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(async () => {
  await scorer.close();
});

/** The new graduate (a 3,000 RMB line the policy would raise to 16,500), as her stored profile: no humanReview key. */
const graduate = (): ApplicantInput => structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput;
const asking = (a: ApplicantInput, humanReview: boolean): ApplicantInput => ({ ...a, controls: { ...a.controls, humanReview } });

describe("a customer's request for a person holds until a person decides or the customer withdraws it", () => {
  it('a pending review stays pending through reassessments whose profile does not repeat the request', async () => {
    const pending = await scorer.decide(asking(graduate(), true));
    expect(pending.review?.status).toBe('pending');
    expect(pending.lineAction).toBe('review');
    const next = await scorer.reassess(pending, { applicant: graduate(), evidence: [] });
    expect(next.outcome).toBe('refer');
    expect(next.lineAction).toBe('review');
    expect(next.review?.status).toBe('pending');
    expect(next.review?.proposed).toEqual({ outcome: 'approve', limit: pending.limit });
    expect(next.policyReasons).toContain('human_review_requested');
    expect(next.reasons.map((r) => r.code)).toContain('human_review_requested');
    // The line stays the one on file: the proposal granted nothing.
    expect(next.previousLimit).toBe(pending.previousLimit);
    // And on the reassessment after that one.
    const later = await scorer.reassess(next, { applicant: graduate(), evidence: [] });
    expect(later.review?.status).toBe('pending');
    expect(later.outcome).toBe('refer');
  });

  it('a reduction asked while the review waits keeps it pending, and so does the reassessment after it', async () => {
    const pending = await scorer.decide(asking(graduate(), true));
    const reduced = scorer.requestReduction(pending, 200_000);
    expect(reduced.review?.status).toBe('pending');
    const next = await scorer.reassess(reduced, { applicant: graduate(), evidence: [] });
    expect(next.review?.status).toBe('pending');
    expect(next.outcome).toBe('refer');
    expect(next.limit).toBeLessThanOrEqual(200_000);
  });

  it('the customer withdraws it by giving controls.humanReview: false in the update', async () => {
    const pending = await scorer.decide(asking(graduate(), true));
    const withdrawn = await scorer.reassess(pending, { applicant: asking(graduate(), false), evidence: [] });
    expect(withdrawn.review).toBeNull();
    expect(withdrawn.outcome).toBe('approve');
    expect(withdrawn.lineAction).toBe('raise');
    // Withdrawn, it stays withdrawn: the next reassessment has nothing to carry.
    const after = await scorer.reassess(withdrawn, { applicant: graduate(), evidence: [] });
    expect(after.review).toBeNull();
  });

  it('a person who decided ends it: a reassessment of the reviewed decision is automated again', async () => {
    const pending = await scorer.decide(asking(graduate(), true));
    // Approving the proposal: a person's cut below it would stay with a person (see personCut.test.ts).
    const reviewed = scorer.recordReview(pending, { reviewerRole: 'credit_officer', outcome: 'approve', limit: pending.maxGrantable });
    const next = await scorer.reassess(reviewed, { applicant: graduate(), evidence: [] });
    expect(next.review).toBeNull();
    expect(next.outcome).toBe('approve');
  });

  it("a contest is carried too, with the customer's own words for the reviewer", async () => {
    const decided = await scorer.decide(graduate());
    const contested = scorer.recordContest(decided, { statement: 'My income rose in October', newFacts: ['payslip for October'] });
    const next = await scorer.reassess(contested, { applicant: graduate(), evidence: [] });
    expect(next.outcome).toBe('refer');
    expect(next.lineAction).toBe('review');
    expect(next.review?.status).toBe('contested');
    expect(next.review?.contest).toEqual({ statement: 'My income rose in October', newFacts: ['payslip for October'] });
    expect(next.review?.automatedDecisionId).toBeNull();
    expect(next.policyReasons).toContain('contest_received');
    expect(next.policyReasons).not.toContain('human_review_requested');
    // A person answers it; the reassessment after is automated.
    const answered = scorer.recordReview(next, { reviewerRole: 'credit_officer', outcome: 'approve', limit: next.limit });
    expect(answered.review?.contest?.statement).toBe('My income rose in October');
    expect((await scorer.reassess(answered, { applicant: graduate(), evidence: [] })).review).toBeNull();
    // Or the customer withdraws it.
    expect((await scorer.reassess(contested, { applicant: asking(graduate(), false), evidence: [] })).review).toBeNull();
  });

  it('a request carried or withdrawn changes the decision id: the audit input says which', async () => {
    const pending = await scorer.decide(asking(graduate(), true));
    const carried = await scorer.reassess(pending, { applicant: graduate(), evidence: [] });
    const repeated = await scorer.reassess(pending, { applicant: asking(graduate(), true), evidence: [] });
    const withdrawn = await scorer.reassess(pending, { applicant: asking(graduate(), false), evidence: [] });
    // Carried or repeated, the request is the same: the same decision.
    expect(carried.audit.decisionId).toBe(repeated.audit.decisionId);
    expect(withdrawn.audit.decisionId).not.toBe(carried.audit.decisionId);
  });
});
