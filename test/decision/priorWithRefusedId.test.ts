// findings22-text F1, the decisions already on file: before `id` refused control characters, lone
// surrogates and invisible-only ids, decide sealed "x\u0000y" or "a\uD800" into decisions. Such a
// decision keeps verifying (its seal is the audit's evidence), but no follow-up seals the id again:
// reassess refuses the applicant at `id`, and a reduction, a review and a contest (which never see the
// applicant and copy the prior's id) refuse the prior at `applicantId` (prior_invalid), saying how to
// go on (decide the customer afresh under a well-formed id).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_AUDIT_KEYS, sealDecision, type UnsealedDecision } from '../../src/decision/audit.js';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { PriorInvalidError } from '../../src/decision/priorInvalidError.js';
import { verifyDecision } from '../../src/decision/verifyDecision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { thrown } from '../helpers/thrown.js';

let scorer: Scorer;
let pending: Decision;
const applicant = () => {
  const a = structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput & { controls: Record<string, unknown> };
  return { ...a, controls: { ...a.controls, humanReview: true } } as ApplicantInput;
};
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
  pending = await scorer.decide(applicant());
});
afterAll(async () => {
  await scorer.close();
});

/** `d` as an earlier build sealed it for `id` (the id in both places, the keyless seal recomputed). */
function sealedWithId(d: Decision, id: string): Decision {
  const { contentHash: _c, signature: _s, ...audit } = d.audit;
  return sealDecision({ ...d, applicantId: id, audit: { ...audit, applicantId: id } } as UnsealedDecision, NO_AUDIT_KEYS);
}

const priorIssues = (e: unknown) => (e as PriorInvalidError).issues.map((i) => `${i.path.join('.')}:${i.code}`);

describe('a decision sealed with an id decide now refuses', () => {
  for (const id of ['x\u0000y', 'a\ud800', '\u200b']) {
    const label = JSON.stringify(id);
    it(`${label}: still verifies, and every follow-up refuses to seal it again`, async () => {
      const prior = sealedWithId(pending, id);
      expect(verifyDecision(prior).ok).toBe(true);

      for (const [path, follow] of Object.entries({
        reduction: () => scorer.requestReduction(prior, 100_000),
        review: () => scorer.recordReview(prior, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, note: 'checked' }),
        contest: () => scorer.recordContest(prior, { statement: 'please look again' }),
      })) {
        const e = thrown(follow);
        expect(e, path).toBeInstanceOf(PriorInvalidError);
        expect(priorIssues(e), path).toEqual(['applicantId:prior_invalid']);
        expect((e as PriorInvalidError).issues[0]?.message, path).toMatch(/decide the customer afresh under a well-formed id/);
      }

      const r = await scorer.reassess(prior, { applicant: { ...applicant(), id }, evidence: [] }).catch((e: unknown) => e);
      expect(r).toBeInstanceOf(ValidationError);
      expect((r as ValidationError).issues.map((i) => `${i.path.at(-1)}:${i.code}`)).toContain('id:invalid_format');
    });
  }

  it('the same decision under a well-formed id follows up as before (the check is the id, nothing else)', () => {
    const prior = sealedWithId(pending, 'app-7');
    expect(scorer.recordReview(prior, { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, note: 'checked' }).applicantId).toBe('app-7');
  });
});
