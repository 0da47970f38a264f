import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import * as testing from '../../src/testing/index.js';

// findings12-lawkit #10: the README sent lenders to test/testing/mutantScorers.ts to see what the
// kit kills, but test/ is not in the package and the file imports internals (sealDecision). The
// kit now exports mutateScorer: a mutant built from the public API alone.
const { creditLaws, CreditLawViolation, mutateScorer } = testing;

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

const RUNS = { numRuns: 20, scorerNumRuns: 10, seed: 20261128, shrink: false } as const;
const caught = (run: Promise<void>) =>
  run.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('mutateScorer (creditlift/testing): a mutant from the public API', () => {
  it('is exported by creditlift/testing', () => {
    expect(typeof testing.mutateScorer).toBe('function');
    expect(testing.MUTANT_PATHS).toEqual(['decide', 'decideBatch', 'reassess', 'requestReduction', 'recordReview', 'recordContest']);
  });

  it('a contest shown a step above the contested limit is caught by limit_within_caps, not as a refused prior', async () => {
    const step = scorer.policy.limits.roundingStep;
    const mutant = mutateScorer(scorer, (d) => (d.limit > 0 ? { ...d, limit: d.limit + step } : d), { paths: ['recordContest'] });
    const e = await caught(creditLaws.limit_within_caps.check({ scorer: mutant }, RUNS));
    expect(e).toBeInstanceOf(CreditLawViolation);
    expect((e as InstanceType<typeof CreditLawViolation>).why).toMatch(/contest of the decision .*is not the contested limit/);
  });

  it('edits only the paths named, and an edited decision is a prior the follow-ups accept', async () => {
    const seen: string[] = [];
    const mutant = mutateScorer(
      scorer,
      (d, at) => {
        seen.push(`${at.path}${at.prior === undefined ? '' : ' (prior)'}`);
        return { ...d, limit: d.limit + 1 };
      },
      { paths: ['decide', 'reassess'] },
    );
    const applicant = exampleApplicants[0]?.applicant;
    if (applicant === undefined) throw new Error('no example applicant');
    const d: Decision = await mutant.decide(applicant);
    const own = await scorer.decide(applicant);
    expect(d.limit).toBe(own.limit + 1);
    const [batched] = await mutant.decideBatch([applicant]);
    expect(batched?.ok && batched.decision.limit).toBe(own.limit);
    // The edited decision goes back as the sealed original: no PriorInvalidError.
    const next = await mutant.reassess(d, { applicant, evidence: [] });
    expect(next.limit).toBe((await scorer.reassess(own, { applicant, evidence: [] })).limit + 1);
    expect(() => mutant.requestReduction(d, 100_000)).not.toThrow();
    expect(seen).toEqual(['decide', 'reassess (prior)']);
  });

  it('refuses bad options by name', () => {
    const edit = (d: Decision) => d;
    const issues = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).issues.map((i) => [i.path.join('.'), i.code]);
      }
      throw new Error('not refused');
    };
    expect(issues(() => mutateScorer(scorer, edit, { paths: ['decid' as never], minBatch: 0, path: [] } as never))).toEqual([
      ['path', 'unrecognized_key'],
      ['paths.0', 'invalid_value'],
      ['minBatch', 'out_of_range'],
    ]);
    expect(issues(() => mutateScorer({} as never, edit))).toEqual([['scorer', 'invalid_type']]);
    expect(issues(() => mutateScorer(scorer, undefined as never))).toEqual([['edit', 'invalid_type']]);
  });
});
