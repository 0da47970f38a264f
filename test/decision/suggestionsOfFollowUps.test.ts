// A review or a contest is a new sealed decision, and it copied its prior's suggestions: previews of
// uploading a certificate to the PRIOR (its line on file, its ledger, no person awaited). Uploading
// to the follow-up gives something else: after a person's decline the line on file is closed, and
// a contested decision stays with a person (the upload is referred). A follow-up cannot run the
// model, so it suggests nothing and says why (`blockedBy: 'human_review'`); the reassessment after
// it previews again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { uploadOfSuggestion } from './uploadOfSuggestion.js';

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer();
});
afterAll(() => scorer?.close());

const graduate = exampleApplicants[0]!.applicant as ApplicantInput;

/** What uploading each of `d`'s suggestions to `d` gives, beside what it promised. */
async function uploads(d: Decision, a: ApplicantInput) {
  return Promise.all(
    d.suggestions.items.map(async (s) => {
      const next = await scorer.reassess(d, { applicant: a, evidence: [uploadOfSuggestion(scorer, a, s)] });
      return { promised: { kind: s.kind, outcome: s.outcome, limit: s.limit }, got: { kind: s.kind, outcome: next.outcome, limit: next.limit } };
    }),
  );
}

describe("a review's and a contest's suggestions", () => {
  it('the decision itself previews raises (the case below is not empty)', async () => {
    const d = await scorer.decide(graduate);
    expect(d.suggestions.items.length).toBeGreaterThan(0);
  });

  it("a person's decline promises nothing the upload to it cannot give", async () => {
    const d = await scorer.decide(graduate);
    const declined = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 });
    for (const { promised, got } of await uploads(declined, graduate)) expect(got).toEqual(promised);
    expect(declined.suggestions).toMatchObject({ items: [], blockedBy: 'human_review' });
    expect(declined.suggestions.note?.en).toMatch(/person/);
  });

  it('a contested decision promises nothing the upload to it cannot give', async () => {
    const d = await scorer.decide(graduate);
    const contested = scorer.recordContest(d, { statement: 'My income rose last month.' });
    for (const { promised, got } of await uploads(contested, graduate)) expect(got).toEqual(promised);
    expect(contested.suggestions).toMatchObject({ items: [], blockedBy: 'human_review' });
  });

  it('the reassessment after a review previews again', async () => {
    const d = await scorer.decide(graduate);
    const declined = scorer.recordReview(d, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 });
    const again = await scorer.reassess(declined, { applicant: graduate, evidence: [] });
    for (const { promised, got } of await uploads(again, graduate)) expect(got).toEqual(promised);
  });
});
