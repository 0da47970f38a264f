// Review finding (fix-checks): recordReview threw CreditliftError('review_invalid') at the FIRST
// bound a person's terms broke and carried no issues, so a reviewer who entered 1,234 fen as an
// approval learnt of the rounding step, fixed it, and only then of the product minimum; an HTTP
// service sent a 422 naming no field. House rule: one error names every offending field. The
// review now collects every broken bound into one ReviewInvalidError (`review_invalid`) whose
// `issues` name each (`limit`, `outcome`), its message still opening with the first bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { ReviewInvalidError } from '../../src/decision/reviewInvalidError.js';
import { toErrorData } from '../../src/decision/toErrorData.js';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { toProblemDetails } from '../../src/errors/toProblemDetails.js';
import { resolveCatalog } from '../../src/catalog/resolveCatalog.js';
import { exampleFor } from '../../src/examples/exampleApplicants.js';
import * as root from '../../src/index.js';
import { reviveError } from '../../src/parallel/workerErrorData.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { lenderGigKinds } from '../helpers/lenderGigCatalog.js';
import { thrown } from '../helpers/thrown.js';

let scorer: Scorer;
let pending: Decision;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
  const a = structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput & { controls: Record<string, unknown> };
  pending = await scorer.decide({ ...a, controls: { ...a.controls, humanReview: true } } as ApplicantInput);
});
afterAll(async () => {
  await scorer.close();
});

const ceilingOf = (d: Decision): number => Math.min(d.health.healthyLimit, ...Object.values(d.caps).filter((c): c is number => c !== null));
const review = (outcome: 'approve' | 'refer' | 'decline', limit: number) => ({ reviewerRole: 'credit_officer', outcome, limit }) as const;
const shape = (e: unknown) => (e as ReviewInvalidError).issues.map((i) => [i.path.join('.'), i.code]);

describe('recordReview names every bound a reviewer broke, in one review_invalid error', () => {
  it('an approval of 1,234 fen: off the rounding step AND below the product minimum, both named', () => {
    const e = thrown(() => scorer.recordReview(pending, review('approve', 1_234)));
    expect(e).toBeInstanceOf(ReviewInvalidError);
    expect(e).toBeInstanceOf(CreditliftError);
    expect((e as CreditliftError).code).toBe('review_invalid');
    expect(shape(e)).toEqual([
      ['limit', 'not_multiple_of'],
      ['limit', 'too_small'],
    ]);
    // The message still opens with the first bound, as before; the second is named too.
    expect((e as Error).message).toMatch(/^limit 1234 fen is not a multiple of the rounding step 10000/);
    expect((e as Error).message).toMatch(/product minimum 50000/);
    expect((e as ReviewInvalidError).fields).toEqual(['limit']);
  });

  it('above the ceiling and off the step: both named, the ceiling first with the cap that binds', () => {
    const limit = ceilingOf(pending) + 1_234;
    const e = thrown(() => scorer.recordReview(pending, review('approve', limit)));
    expect(shape(e)).toEqual([
      ['limit', 'too_big'],
      ['limit', 'not_multiple_of'],
    ]);
    expect((e as Error).message).toMatch(/^limit \d+ fen is above (caps\.\w+|health\.healthyLimit)/);
  });

  it("a minor's knock-out under another policy, with a limit off the step: the outcome's bounds at once, the step (the other policy's) not judged", async () => {
    const other = await createScorer({ suggestionsPerDecision: 0, policyOverrides: { pricing: { aprCap: 0.2 } } });
    try {
      const minor = { ...structuredClone(exampleFor('new_graduate').applicant), id: 'minor-17', birthDate: '2009-12-01' } as ApplicantInput;
      const d = await scorer.decide(minor);
      expect(d.policyReasons).toContain('age_below_minimum');
      const e = thrown(() => other.recordReview(d, review('refer', 15_000)));
      expect(e).toBeInstanceOf(ReviewInvalidError);
      const paths = shape(e);
      expect(paths.slice(0, 2)).toEqual([
        ['outcome', 'policy_mismatch'],
        ['outcome', 'not_overridable'],
      ]);
      // The rounding step is the policy's, and the decision's policy is not this scorer's: not judged
      // here (the scorer on the decision's policy judges it), never judged by another policy's step.
      expect(paths).not.toContainEqual(['limit', 'not_multiple_of']);
      expect((e as Error).message).toMatch(/^decision \S+ was priced and capped under policy/);
    } finally {
      await other.close();
    }
  });

  it('a decline with a limit names the limit, with the 0 it must be', () => {
    const e = thrown(() => scorer.recordReview(pending, review('decline', 20_000)));
    expect(shape(e)).toEqual([['limit', 'invalid_value']]);
    expect((e as ReviewInvalidError).issues[0]?.expected).toBe('0');
    expect((e as Error).message).toBe('a declined review must have limit 0, got 20000');
  });

  it('keeps its issues as a 422, as batch data, as JSON and revived on the other side of a pool; a root export', () => {
    const e = thrown(() => scorer.recordReview(pending, review('approve', 1_234))) as ReviewInvalidError;
    expect(root.ReviewInvalidError).toBe(ReviewInvalidError);
    const problem = toProblemDetails(e);
    expect(problem).toMatchObject({ status: 422, code: 'review_invalid' });
    expect(problem.issues).toEqual(e.issues);
    const data = toErrorData(e);
    expect(data).toMatchObject({ code: 'review_invalid', name: 'ReviewInvalidError', issues: e.issues });
    expect(toProblemDetails(JSON.parse(JSON.stringify(data)))).toEqual(problem);
    expect(JSON.parse(JSON.stringify(e))).toEqual({ name: 'ReviewInvalidError', code: 'review_invalid', message: e.message, issues: e.issues });
    const revived = reviveError(structuredClone(data));
    expect(revived).toBeInstanceOf(ReviewInvalidError);
    expect(revived.message).toBe(e.message);
    expect(toProblemDetails(revived)).toEqual(problem);
  });

  it('terms within every bound are still recorded', () => {
    expect(scorer.recordReview(pending, review('approve', pending.limit)).limit).toBe(pending.limit);
  });

  it('a scorer that cannot compute the factors an adverse review owes (another catalog) says so as a review_invalid with its issue at audit.catalogHash', async () => {
    const a = await createScorer({ suggestionsPerDecision: 0, explanations: 'when_owed' });
    const b = await createScorer({ suggestionsPerDecision: 0, explanations: 'when_owed', catalog: resolveCatalog(lenderGigKinds) });
    try {
      const applicant = exampleFor('factory_worker').applicant;
      const d = await a.decide(applicant);
      expect(d.contributions.omitted).toBe('not_owed');
      const e = thrown(() => b.recordReview(d, review('decline', 0), { applicant }));
      expect(e).toBeInstanceOf(ReviewInvalidError);
      expect(shape(e)).toEqual([['audit.catalogHash', 'catalog_mismatch']]);
      expect((e as Error).message).toMatch(/cannot compute that decision's factors/);
      const contest = thrown(() => b.recordContest(d, { statement: 'Please look again.' }, { applicant }));
      expect(shape(contest)).toEqual([['audit.catalogHash', 'catalog_mismatch']]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('a limit far above every cap names every cap it breaks, lowest first, each its own too_big', async () => {
    const a = structuredClone(exampleFor('new_graduate').applicant) as ApplicantInput & { controls: Record<string, unknown> };
    const d = await scorer.decide({ ...a, id: 'far-above', controls: { ...a.controls, humanReview: true, requestedLimit: 10_000_000 } } as ApplicantInput);
    const bounds = [
      ['health.healthyLimit (affordability)', d.health.healthyLimit] as const,
      ...Object.entries(d.caps)
        .filter((c): c is [string, number] => c[1] !== null)
        .map(([name, cap]) => [`caps.${name}`, cap] as const),
    ].sort((x, y) => x[1] - y[1]);
    const limit = 99_990_000;
    expect(bounds.filter(([, c]) => c < limit).length).toBeGreaterThan(2);
    const e = thrown(() => scorer.recordReview(d, review('approve', limit))) as ReviewInvalidError;
    const tooBig = e.issues.filter((i) => i.code === 'too_big' && /\((caps\.|health\.)/.test(i.expected ?? ''));
    expect(tooBig.map((i) => i.expected)).toEqual(bounds.filter(([, c]) => c < limit).map(([name, c]) => `at most ${c} (${name})`));
    expect(e.message).toMatch(new RegExp(`^limit 99990000 fen is above ${bounds[0]![0].replace(/[().]/g, '\\$&')} = ${bounds[0]![1]} fen`));
    expect(e.message).toContain('caps.regulatory');
    // At a limit above only the lowest, only that one.
    const one = thrown(() => scorer.recordReview(d, review('approve', bounds[0]![1] + 10_000))) as ReviewInvalidError;
    expect(one.issues.filter((i) => i.code === 'too_big' && /\((caps\.|health\.)/.test(i.expected ?? '')).map((i) => i.expected)).toEqual(
      bounds.filter(([, c]) => c < bounds[0]![1] + 10_000).map(([name, c]) => `at most ${c} (${name})`),
    );
  });

  it("on a scorer with another rounding step, the review is refused as policy_mismatch, never judged by that scorer's step, minimum or step limits", async () => {
    const other = await createScorer({ suggestionsPerDecision: 0, policyOverrides: { limits: { roundingStep: 5_000 } } });
    try {
      const e = thrown(() => other.recordReview(pending, review('approve', 1_234))) as ReviewInvalidError;
      expect(e).toBeInstanceOf(ReviewInvalidError);
      expect(shape(e)).toEqual([['outcome', 'policy_mismatch']]);
      expect(e.message).not.toMatch(/rounding step 5000/);
      // On the decision's own policy the same terms are judged by its step (10,000) and minimum.
      expect(shape(thrown(() => scorer.recordReview(pending, review('approve', 1_234))))).toEqual([
        ['limit', 'not_multiple_of'],
        ['limit', 'too_small'],
      ]);
    } finally {
      await other.close();
    }
  });
});
