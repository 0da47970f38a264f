// A reduction sets the customer's own cap, and every figure on the decision it returns says what
// may be granted under that cap: `maxGrantable` ("the most the policy grants today under every
// cap") and, on a review still waiting for a person, the proposal the reviewer is shown (README:
// "a pending review stays pending, bounded by the new cap"). Found from outside (findings10-chains
// F5): lowered to 10,000 RMB while a review waited, the reviewer was shown a 16,800 RMB proposal that
// recordReview then refused ("above caps.self_cap"), and a line lowered to 8,000 RMB said
// `maxGrantable: 1680000`.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import { roundDownToStep } from '../../src/policy/limit.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { applicantArbitrary } from '../../src/testing/index.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

const graduate = (): ApplicantInput => structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput;
const asking = (a: ApplicantInput): ApplicantInput => ({ ...a, controls: { ...a.controls, humanReview: true } });

/** How many waiting proposals and maxGrantables the drawn reductions brought down (so the property is not vacuous). */
const met = { proposals: 0, maxGrantable: 0, approved: 0 };

/** What a reduction of `prior` to `amount` must say: every figure within the new cap, rounded down to the step. */
function expectBoundedByCap(prior: Decision, reduced: Decision, amount: number): void {
  const step = scorer.policy.limits.roundingStep;
  const cap = Math.min(roundDownToStep(amount, step), prior.controls.selfSetCap ?? Number.POSITIVE_INFINITY);
  const who = `${prior.outcome} (${prior.lineAction}, review ${prior.review?.status ?? 'none'}) lowered to ${amount}`;
  expect(reduced.controls.selfSetCap, who).toBe(cap);
  expect(reduced.maxGrantable, `${who}: maxGrantable`).toBe(Math.min(prior.maxGrantable, cap));
  if (prior.maxGrantable > cap) met.maxGrantable++;
  const proposed = reduced.review?.proposed;
  if (proposed === undefined) return;
  if (reduced.review?.status === 'reviewed') {
    // A person decided: what the automated policy proposed then is the record, not an offer.
    expect(proposed, who).toEqual(prior.review?.proposed);
    return;
  }
  const before = prior.review?.proposed ?? { outcome: prior.outcome, limit: prior.limit };
  if (before.limit > cap) met.proposals++;
  expect(proposed, `${who}: the proposal waiting for a person`).toEqual({ ...before, limit: roundDownToStep(Math.min(before.limit, cap), step) });
}

describe("a reduction bounds maxGrantable and a waiting proposal by the customer's new cap", () => {
  it("the tester's case: a pending review lowered to 10,000 RMB proposes 10,000 RMB, and a person may approve what is shown", async () => {
    const pending = await scorer.decide(asking(graduate()));
    expect(pending.review).toMatchObject({ status: 'pending', proposed: { outcome: 'approve' } });
    expect(pending.review?.proposed.limit).toBeGreaterThan(1_000_000);
    const reduced = scorer.requestReduction(pending, 1_000_000, { asOf: '2026-11-03' });
    expect(reduced.review).toMatchObject({ status: 'pending', proposed: { outcome: 'approve', limit: 1_000_000 } });
    expect(reduced.maxGrantable).toBe(1_000_000);
    const approved = scorer.recordReview(reduced, { reviewerRole: 'credit_officer', outcome: 'approve', limit: 1_000_000, asOf: '2026-11-04' });
    expect(approved.limit).toBe(1_000_000);
    // The reassessment after it proposes the same.
    const again = await scorer.reassess(reduced, { applicant: graduate(), evidence: [], asOf: '2026-11-05' });
    expect(again.review?.proposed).toEqual(reduced.review?.proposed);
  });

  it('an approval lowered to 8,000 RMB: maxGrantable 8,000 RMB, not the 16,800 the policy would grant without the cap', async () => {
    const d = await scorer.decide(graduate());
    expect(d.maxGrantable).toBeGreaterThan(800_000);
    const reduced = scorer.requestReduction(d, 800_050, { asOf: '2026-11-05' });
    expect(reduced).toMatchObject({ limit: 800_000, maxGrantable: 800_000, caps: { self_cap: 800_000 } });
  });

  it('any applicant, on every path a reduction takes: a decision, a reassessment, a pending review and a contest', async () => {
    const step = scorer.policy.limits.roundingStep;
    await fc.assert(
      fc.asyncProperty(
        applicantArbitrary({ maxEvidence: 1 }),
        fc.boolean(),
        fc.integer({ min: scorer.policy.limits.productMin, max: 2_000_000 }),
        async (a, humanReview, amount) => {
          const applicant = humanReview ? { ...a, controls: { ...a.controls, humanReview: true } } : a;
          const decided = await scorer.decide(applicant);
          const reassessed = await scorer.reassess(decided, { applicant, evidence: [] });
          const contested = scorer.recordContest(decided, { statement: 'Please look at my line again.' });
          const reduced = scorer.requestReduction(decided, amount);
          // A reduction of a reduction: the cap already in force bounds too.
          const priors = [decided, reassessed, contested, reduced];
          for (const prior of priors) expectBoundedByCap(prior, scorer.requestReduction(prior, amount), amount);
          // A waiting proposal shown is one a person may approve.
          const lowered = scorer.requestReduction(decided, amount);
          const shown = lowered.review?.status === 'pending' ? lowered.review.proposed : undefined;
          if (shown?.outcome === 'approve') {
            const approved = scorer.recordReview(lowered, { reviewerRole: 'credit_officer', outcome: 'approve', limit: shown.limit });
            expect(approved.limit).toBe(shown.limit);
            expect(approved.limit).toBeLessThanOrEqual(roundDownToStep(amount, step));
            met.approved++;
          }
        },
      ),
      { seed: 11, numRuns: 60 },
    );
    expect(met.proposals, 'waiting proposals brought down to the cap').toBeGreaterThan(3);
    expect(met.maxGrantable, 'maxGrantables brought down to the cap').toBeGreaterThan(3);
    expect(met.approved, 'proposals shown that a person approved').toBeGreaterThan(3);
  });
});
