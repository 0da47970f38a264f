import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { applicantArbitrary, creditLaws } from '../../src/testing/index.js';

const SEED = 20_261_128;

function owesReasons(d: Decision): boolean {
  return d.outcome !== 'approve' || (d.requestedLimit !== null && d.limit < d.requestedLimit) || d.limit < d.previousLimit;
}

/** A decision without what the explanation mode may change: its contributions and its audit (the input names the mode). */
function withoutExplanation(d: Decision): Omit<Decision, 'contributions' | 'audit'> {
  const { contributions: _c, audit: _a, ...rest } = d;
  return rest;
}

describe("explanations: 'when_owed'", () => {
  const scorers: Record<string, Scorer> = {};
  beforeAll(async () => {
    for (const space of ['log_odds', 'probability'] as const) {
      scorers[`always ${space}`] = await createScorer({ suggestionsPerDecision: 0, contributionSpace: space });
      scorers[`when_owed ${space}`] = await createScorer({ suggestionsPerDecision: 0, contributionSpace: space, explanations: 'when_owed' });
    }
  });
  afterAll(async () => {
    await Promise.all(Object.values(scorers).map((s) => s.close()));
  });
  const get = (name: string) => scorers[name] as Scorer;

  it('law reasons_where_owed holds with explanations only when owed (decisions and reassessments)', async () => {
    await creditLaws.reasons_where_owed.check({ scorer: get('when_owed log_odds') }, { numRuns: 20, scorerNumRuns: 25, seed: SEED });
  });

  it.each(['log_odds', 'probability'])(
    'in %s space: an owed decision is explained exactly as by default; any other carries the marker, no factors and the same baseline',
    async (space) => {
      const applicants = fc.sample(applicantArbitrary({ maxEvidence: 2 }), { seed: SEED, numRuns: 60 });
      const always = await get(`always ${space}`).decideBatch(applicants);
      const lazy = await get(`when_owed ${space}`).decideBatch(applicants);
      let owed = 0;
      let notOwed = 0;
      lazy.forEach((r, i) => {
        const a = always[i];
        if (!r.ok || !a?.ok) throw new Error(`record ${i} did not decide`);
        const d = r.decision;
        expect(Decision.parse(d)).toEqual(d);
        expect(withoutExplanation(d)).toEqual(withoutExplanation(a.decision));
        expect(a.decision.contributions.omitted).toBeUndefined();
        if (owesReasons(d)) {
          owed++;
          expect(d.contributions).toEqual(a.decision.contributions);
        } else {
          notOwed++;
          expect(d.contributions).toEqual({ space, baseline: a.decision.contributions.baseline, factors: [], omitted: 'not_owed' });
        }
      });
      // The sample exercises both branches.
      expect(owed).toBeGreaterThan(0);
      expect(notOwed).toBeGreaterThan(0);
    },
  );

  it('names the mode in the audit input, so the same applicant gets another decision id than by default', async () => {
    const [applicant] = fc.sample(applicantArbitrary(), { seed: SEED, numRuns: 1 });
    if (applicant === undefined) throw new Error('no sample');
    const a = await get('always log_odds').decide(applicant);
    const b = await get('when_owed log_odds').decide(applicant);
    expect(b.audit.inputHash).not.toBe(a.audit.inputHash);
    expect(b.audit.decisionId).not.toBe(a.audit.decisionId);
  });

  it('refuses an unknown mode with a ValidationError naming the option', async () => {
    const error = await createScorer({ explanations: 'sometimes' as never }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['explanations']);
  });
});
