import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../src/decision/createScorer.js';
import type { Decision } from '../src/decision/decision.js';
import { CreditliftError } from '../src/errors/creditliftError.js';
import { exampleFor } from '../src/examples/exampleApplicants.js';

let scorer: Scorer;
let prior: Decision;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 1 });
  prior = await scorer.decide(exampleFor('retail_clerk').applicant);
});
afterAll(() => scorer.close());

/** Runs `fn` and says how it ended: a result, a typed creditlift error, or anything else (a crash). */
async function outcome(fn: () => unknown): Promise<'result' | 'typed_error' | string> {
  try {
    await fn();
    return 'result';
  } catch (e) {
    return e instanceof CreditliftError ? 'typed_error' : `crash: ${e instanceof Error ? e.stack : String(e)}`;
  }
}

// Any JSON value, and a valid applicant with one field replaced by any JSON value.
const valid = exampleFor('gig_driver').applicant as Record<string, unknown>;
const anyInput = fc.oneof(
  fc.jsonValue(),
  fc
    .record({ key: fc.constantFrom(...Object.keys(valid), 'gender', '__proto__'), value: fc.jsonValue() })
    .map(({ key, value }) => ({ ...valid, [key]: value })),
);

describe('law: no JSON value crashes a scorer entry point; each gives a result or a typed CreditliftError', () => {
  it('decide, suggest and decideBatch', async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, async (input) => {
        // The typed entry points are called as a JavaScript caller would, with anything at all.
        expect(await outcome(() => scorer.decide(input as never))).toMatch(/^(result|typed_error)$/);
        expect(await outcome(() => scorer.suggest(input as never, { top: 2 }))).toMatch(/^(result|typed_error)$/);
        expect(await outcome(() => scorer.decideBatch([input, valid] as never))).toBe('result');
        expect(await outcome(() => scorer.safeDecideBatch([input, valid]))).toBe('result');
        const safe = await scorer.safeDecide(input);
        expect(safe.ok || safe.error instanceof CreditliftError).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('reassess and requestReduction, with any prior, update and amount', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.constant(prior as unknown)), anyInput, fc.jsonValue(), async (p, applicant, amount) => {
        expect(
          await outcome(() => scorer.reassess(p as Decision, { applicant: applicant as never, evidence: (Array.isArray(amount) ? amount : []) as never })),
        ).toMatch(/^(result|typed_error)$/);
        expect(await outcome(() => scorer.requestReduction(p as Decision, amount as number))).toMatch(/^(result|typed_error)$/);
      }),
      { numRuns: 60 },
    );
  });
});
