import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { creditLaws, CreditLawViolation, type CreditLawName } from '../../src/testing/index.js';
import { aboveCapMutants, mutants, PRICING_LAWS, type Mutant } from './mutantScorers.js';

// findings9-kit #1 and #3: a promise broken on one path only (a reassessment, a reduction, a batch
// of 2+) passed every credit law, which read decide alone. Each law named must now catch it on its
// own, at the README's settings, naming the path, the applicant, the figure and the cap.
const SETTINGS = { scorerNumRuns: 10, shrink: false, seed: 20261128, part: 'scorer' } as const;

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

async function violation(law: CreditLawName, m: Mutant): Promise<CreditLawViolation> {
  const e = await creditLaws[law].check({ scorer: m.wrap(scorer) }, SETTINGS).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e, `${m.name} passed ${law}`).toBeInstanceOf(CreditLawViolation);
  const v = e as CreditLawViolation;
  expect(v.law).toBe(law);
  expect(v.why).not.toMatch(/prior_invalid/);
  return v;
}

/** The ids of the applicants a counterexample drew (the applicant, and any others batched beside it). */
function drawnIds(counterexample: unknown): string[] {
  const x = counterexample as { applicant: { id: string }; others?: { id: string }[] };
  return [x.applicant.id, ...(x.others ?? []).map((o) => o.id)];
}

describe('a price above the APR cap on one path only is caught by every pricing law, naming the path, the applicant, the figure and the cap', () => {
  for (const m of aboveCapMutants)
    it.each(PRICING_LAWS)(`${m.name}: %s`, async (law) => {
      const v = await violation(law, m);
      expect(v.why).toContain(`(${m.path}`);
      expect(
        drawnIds(v.counterexample).some((id) => v.why.includes(`"${id}"`)),
        v.why,
      ).toBe(true);
      // The billed figure (0.07% a day, 25.55% a year) and the cap it breaks.
      expect(v.why).toMatch(/25\.55%|0\.0700%/);
      expect(v.why).toContain('24.00%');
    });
});

describe('declines and referrals with no reasons in a batch of 2+ are caught by reasons_where_owed', () => {
  it('batch of 2+ declines and refers with no reasons', async () => {
    const m = mutants.find((x) => x.name === 'batch of 2+ declines and refers with no reasons') as Mutant;
    const v = await violation('reasons_where_owed', m);
    expect(v.why).toContain('(decideBatch');
    expect(v.why).toMatch(/0 principal reasons, not 1 to 4/);
    expect(
      drawnIds(v.counterexample).some((id) => v.why.includes(`"${id}"`)),
      v.why,
    ).toBe(true);
  });
});
