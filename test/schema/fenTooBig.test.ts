// An amount in fen above 2^53 - 1 is refused with one issue naming the field, not two saying the same
// thing ("expected int to be <=9007199254740991" and "expected number to be <=9007199254740991"; outside
// tester, findings11-money F6), on the applicant's request and own cap and on a reduction's amount.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { safeParseApplicant } from '../../src/schema/parseApplicant.js';
import { Fen } from '../../src/schema/primitives.js';

const graduate = (): ApplicantInput => structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput;

describe('one issue per field for an amount too big for integer fen', () => {
  it.each([1e20, 2 ** 53, Number.MAX_VALUE])('Fen.safeParse(%d): one too_big issue', (amount) => {
    const r = Fen.safeParse(amount);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.code)).toEqual(['too_big']);
  });

  it.each(['requestedLimit', 'selfSetCap'] as const)('controls.%s of 1e20: one issue at its path', (field) => {
    const r = safeParseApplicant({ ...graduate(), controls: { [field]: 1e20 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.issues.filter((i) => i.path.join('.') === `controls.${field}`)).toHaveLength(1);
    expect(r.error.issues).toHaveLength(1);
  });

  describe('the scorer', () => {
    let scorer: Scorer;
    beforeAll(async () => {
      scorer = await createScorer({ suggestionsPerDecision: 0 });
    });
    afterAll(() => scorer.close());

    it('safeDecide with a request of 1e20: one issue', async () => {
      const r = await scorer.safeDecide({ ...graduate(), controls: { requestedLimit: 1e20 } });
      expect(r.ok).toBe(false);
      expect(r.ok || r.error).toBeInstanceOf(ValidationError);
      if (!r.ok) expect((r.error as ValidationError).issues.map((i) => `${i.path.join('.')}:${i.code}`)).toEqual(['controls.requestedLimit:too_big']);
    });

    it('requestReduction(prior, 2^53): one issue', async () => {
      const d = await scorer.decide(graduate());
      let caught: unknown;
      try {
        scorer.requestReduction(d, 2 ** 53);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      expect((caught as ValidationError).issues.map((i) => i.code)).toEqual(['too_big']);
    });
  });
});
