import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { baseApplicant } from '../helpers/baseApplicant.js';
import { thrown } from '../helpers/thrown.js';

// findings14-docs #8: "A ValidationError lists every problem at once" (README). A review of a
// when_owed approval missing both `limit` and the `applicant` its reasons need named only `limit`;
// with `limit: 0` added, a second error named `applicant`. The review's (or contest's) own fields,
// its date and its options are read together, so one error names them all.
describe('a review or contest names every fault of its input and its options at once', () => {
  let scorer: Scorer;
  let approved: Decision;
  beforeAll(async () => {
    scorer = await createScorer({ explanations: 'when_owed', suggestionsPerDecision: 0 });
    approved = await scorer.decide(baseApplicant());
  });
  afterAll(async () => {
    await scorer.close();
  });

  const faults = (f: () => unknown) => {
    const e = thrown(f);
    expect(e).toBeInstanceOf(ValidationError);
    const v = e as ValidationError;
    return { subject: v.subject, fields: v.fields };
  };
  const dayBefore = (d: Decision) => new Date(Date.parse(`${d.asOf}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

  it('the approval owes no reasons, so it carries no factors (the case needs the applicant for an adverse review)', () => {
    expect(approved.outcome).toBe('approve');
    expect(approved.contributions.omitted).toBe('not_owed');
  });

  it('review: a missing limit and the missing applicant an adverse review owes, in one error', () => {
    expect(faults(() => scorer.recordReview(approved, { reviewerRole: 'credit_officer', outcome: 'decline', note: 'no' } as never))).toEqual({
      subject: 'ReviewInput and review options',
      fields: ['limit', 'applicant'],
    });
  });

  it('review: a bad role, a date before the decision and an unknown option, in one error', () => {
    const review = { reviewerRole: 'Ms Li', outcome: 'refer', limit: 100_000, asOf: dayBefore(approved) } as const;
    expect(faults(() => scorer.recordReview(approved, review, { aplicant: {} } as never))).toEqual({
      subject: 'ReviewInput and review options',
      fields: ['reviewerRole', 'asOf', 'aplicant'],
    });
  });

  it('review: a date before the decision (the fields otherwise sound) and the missing applicant, in one error', () => {
    const review = { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, asOf: dayBefore(approved) } as const;
    expect(faults(() => scorer.recordReview(approved, review))).toEqual({ subject: 'ReviewInput and review options', fields: ['asOf', 'applicant'] });
  });

  it('review: an approval with its limit missing cannot tell whether reasons are owed, and names only the limit', () => {
    expect(faults(() => scorer.recordReview(approved, { reviewerRole: 'credit_officer', outcome: 'approve' } as never))).toEqual({
      subject: 'ReviewInput',
      fields: ['limit'],
    });
  });

  it('contest: an empty statement and the missing applicant (a referral owes reasons), in one error', () => {
    expect(faults(() => scorer.recordContest(approved, { statement: ' ' }))).toEqual({
      subject: 'ContestInput and contest options',
      fields: ['statement', 'applicant'],
    });
  });

  it('contest: a date before the decision and the missing applicant, in one error', () => {
    expect(faults(() => scorer.recordContest(approved, { statement: 'I disagree', asOf: dayBefore(approved) }))).toEqual({
      subject: 'ContestInput and contest options',
      fields: ['asOf', 'applicant'],
    });
  });

  it('a sound review or contest with only an options fault still names it alone, as before', () => {
    expect(faults(() => scorer.recordReview(approved, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0 }))).toEqual({
      subject: 'review options',
      fields: ['applicant'],
    });
    expect(faults(() => scorer.recordContest(approved, { statement: 'I disagree' }))).toEqual({ subject: 'contest options', fields: ['applicant'] });
  });
});
