// The playground and `creditlift decide --summary` decided with the scorer's 3 upload previews and
// then asked `suggest` for the previews they show: the what-ifs ran twice per request. A call can now
// set its own count (`suggestions`); it must keep every promise the scorer-level setting keeps: the
// decision is the one a scorer built with `suggestionsPerDecision` set to it makes, byte for byte,
// seal and signature included, on every deciding call that takes it.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { lineOnFileAfter } from '../../src/decision/lineOnFile.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { defaultModelPath } from '../../src/model/defaultModelPath.js';
import { loadModel, type LoadedModel } from '../../src/model/loadModel.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import type { ApplicantInput } from '../../src/schema/applicant.js';
import { applicantArbitrary, certificateEvidenceArbitrary } from '../../src/testing/index.js';
import { tighterDsrOverrides } from '../helpers/tighterDsrOverrides.js';

const signingKey = 'per-call-suggestions-test-signing-key-0123456789';
let model: LoadedModel;
const scorers = new Map<string, Promise<Scorer>>();
/** A scorer built with `suggestionsPerDecision: n` (and `explanations`), on the one loaded model. */
const scorerWith = (n: number, explanations: 'always' | 'when_owed' = 'always'): Promise<Scorer> => {
  const key = `${n}/${explanations}`;
  let s = scorers.get(key);
  if (s === undefined) {
    s = createScorer({ model, suggestionsPerDecision: n, explanations, signingKey });
    scorers.set(key, s);
  }
  return s;
};

beforeAll(async () => {
  model = await loadModel(defaultModelPath());
});
afterAll(async () => {
  await Promise.all([...scorers.values()].map(async (s) => (await s).close()));
  await model?.close();
});

const json = (v: unknown) => JSON.stringify(v);
const examples = exampleApplicants.map((e) => e.applicant as ApplicantInput);

describe('decide(x, { suggestions: n }) is the decision of a scorer built with suggestionsPerDecision n', () => {
  it('on decide and safeDecide, byte for byte (sealed and signed), whatever the scorer’s own count', async () => {
    await fc.assert(
      fc.asyncProperty(
        applicantArbitrary(),
        fc.constantFrom(0, 3, 7),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom<'always' | 'when_owed'>('always', 'when_owed'),
        async (applicant, own, n, explanations) => {
          const [base, built] = await Promise.all([scorerWith(own, explanations), scorerWith(n, explanations)]);
          const expected = json(await built.decide(applicant));
          expect(json(await base.decide(applicant, { suggestions: n }))).toBe(expected);
          const safe = await base.safeDecide(applicant, { suggestions: n });
          expect(safe.ok && json(safe.decision)).toBe(expected);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('on decideBatch and safeDecideBatch, every record (and a bad one’s error) as the built scorer gives it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(applicantArbitrary(), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 100 }), async (applicants, n) => {
        const [base, built] = await Promise.all([scorerWith(3), scorerWith(n)]);
        const batch = [...applicants, { id: 'not-an-applicant' }] as ApplicantInput[];
        const expected = json(await built.decideBatch(batch));
        expect(json(await base.decideBatch(batch, { suggestions: n }))).toBe(expected);
        expect(json(await base.safeDecideBatch(batch, { suggestions: n }))).toBe(expected);
      }),
      { numRuns: 10 },
    );
  });

  it('the examples: no what-if is scored with suggestions 0 (no previews, no constraint named), and 5 gives five where five exist', async () => {
    const base = await scorerWith(3);
    for (const a of examples) {
      const none = await base.decide(a, { suggestions: 0 });
      expect(none.suggestions).toEqual({ items: [], blockedBy: null, note: null });
      expect(json(none)).toBe(json(await (await scorerWith(0)).decide(a)));
      const three = await base.decide(a);
      // Another count is another decision: its id says so.
      expect(none.audit.decisionId).not.toBe(three.audit.decisionId);
      expect((await base.decide(a, { suggestions: 3 })).audit.decisionId).toBe(three.audit.decisionId);
    }
    const five = await base.decide(examples[0] as ApplicantInput, { suggestions: 5 });
    expect(five.suggestions.items.length).toBe(5);
  });

  it('a decision made with a per-call count is a prior its scorer reassesses and reviews as the built scorer does', async () => {
    const base = await scorerWith(3, 'when_owed');
    const built = await scorerWith(0, 'when_owed');
    for (const a of examples) {
      const d = await base.decide(a, { suggestions: 0 });
      // The same prior: reassessed by this scorer with its own count.
      expect(json(await base.reassess(d, { applicant: a }))).toBe(json(await base.reassess(await built.decide(a), { applicant: a })));
      // A person turning it adverse owes reasons: with the applicant, a when_owed decision's factors are
      // computed again; the applicant is checked against its input hash, which holds the call's count.
      const review = { reviewerRole: 'credit_officer', outcome: 'decline', limit: 0, note: 'checked' } as const;
      const opts = { applicant: a };
      expect(json(base.recordReview(d, review, opts))).toBe(json(built.recordReview(d, review, opts)));
      expect(json(base.recordContest(d, { statement: 'my income is higher' }, opts))).toBe(
        json(built.recordContest(d, { statement: 'my income is higher' }, opts)),
      );
    }
  });
});

describe('reassess(prior, x, { suggestions: n }) is the reassessment of a scorer built with suggestionsPerDecision n', () => {
  // A decision made with { suggestions: 0 } and then reassessed took the scorer's own count: the
  // caller who shows suggest's previews scored the what-ifs twice again on every upload.
  it('byte for byte (sealed and signed), with or without new evidence, whatever the scorer’s own count and the prior’s', async () => {
    await fc.assert(
      fc.asyncProperty(
        applicantArbitrary().chain((a) => fc.tuple(fc.constant(a), fc.array(certificateEvidenceArbitrary({ applicant: a }), { maxLength: 2 }))),
        fc.constantFrom(0, 3, 7),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom<'always' | 'when_owed'>('always', 'when_owed'),
        async ([applicant, evidence], own, n, explanations) => {
          const [base, built] = await Promise.all([scorerWith(own, explanations), scorerWith(n, explanations)]);
          // The prior made with another per-call count, as a page deciding with { suggestions: 0 } does.
          const prior = await base.decide(applicant, { suggestions: (n + 1) % 4 });
          const update = { applicant, evidence };
          const expected = json(await built.reassess(prior, update));
          expect(json(await base.reassess(prior, update, { suggestions: n }))).toBe(expected);
          // With the line on file given, as an account system does: the same reassessment.
          const onFile = {
            line: lineOnFileAfter(prior, base.policy.limits.roundingStep),
            selfSetCap: prior.controls.selfSetCap,
            limitHistory: prior.limitHistory,
          };
          expect(json(await base.reassess(prior, update, { suggestions: n, onFile }))).toBe(expected);
        },
      ),
      { numRuns: 20, seed: 20261201 },
    );
  });

  it('the examples: 0 previews nothing and names no constraint; the count is sealed, so another count is another decision', async () => {
    const base = await scorerWith(3);
    for (const a of examples) {
      const prior = await base.decide(a, { suggestions: 0 });
      const none = await base.reassess(prior, { applicant: a }, { suggestions: 0 });
      expect(none.suggestions).toEqual({ items: [], blockedBy: null, note: null });
      const own = await base.reassess(prior, { applicant: a });
      expect(json(await base.reassess(prior, { applicant: a }, { suggestions: 3 }))).toBe(json(own));
      expect(none.audit.decisionId).not.toBe(own.audit.decisionId);
    }
  });
});

describe('a champion-challenger scorer passes the count to every arm', () => {
  it('shadow and live: decide, decideBatch and reassess as the same scorer built with that count', async () => {
    const challengers = [{ name: 'tight', policyOverrides: tighterDsrOverrides, share: 0.5 }];
    const made: Scorer[] = [];
    try {
      for (const challengerMode of ['shadow', 'live'] as const) {
        const [base, built] = await Promise.all([3, 1].map((n) => createScorer({ model, suggestionsPerDecision: n, challengers, challengerMode, signingKey })));
        made.push(base as Scorer, built as Scorer);
        for (const a of examples) expect(json(await base!.decide(a, { suggestions: 1 }))).toBe(json(await built!.decide(a)));
        expect(json(await base!.decideBatch(examples, { suggestions: 1 }))).toBe(json(await built!.decideBatch(examples)));
        for (const a of examples) {
          const prior = await base!.decide(a);
          expect(json(await base!.reassess(prior, { applicant: a }, { suggestions: 1 }))).toBe(json(await built!.reassess(prior, { applicant: a })));
        }
      }
    } finally {
      await Promise.all(made.map((s) => s.close()));
    }
  });
});

describe('a bad per-call count is refused, naming the field, as the scorer-level one is', () => {
  const bad = [-1, 1.5, 101, Number.NaN, '3', null, true];
  it('decide, safeDecide, decideBatch and safeDecideBatch', async () => {
    const base = await scorerWith(3);
    const a = examples[0] as ApplicantInput;
    for (const suggestions of bad) {
      const refusal = { code: 'validation_failed', issues: [{ path: ['suggestions'], code: 'out_of_range' }] };
      await expect(base.decide(a, { suggestions } as never)).rejects.toMatchObject({ ...refusal, message: expect.stringContaining('decide options') });
      expect(await base.safeDecide(a, { suggestions } as never)).toMatchObject({ ok: false, error: refusal });
      await expect(base.decideBatch([a], { suggestions } as never)).rejects.toMatchObject(refusal);
      await expect(base.safeDecideBatch([a], { suggestions } as never)).rejects.toMatchObject(refusal);
    }
    await expect(createScorer({ model, suggestionsPerDecision: 101 })).rejects.toMatchObject({
      issues: [{ path: ['suggestionsPerDecision'], code: 'out_of_range' }],
    });
  });

  it('reassess: a bad count refused out_of_range at suggestions, the subject reassess options, before the prior is read', async () => {
    const base = await scorerWith(3);
    const a = examples[0] as ApplicantInput;
    const d = await base.decide(a);
    for (const suggestions of bad) {
      await expect(base.reassess(d, { applicant: a }, { suggestions } as never)).rejects.toMatchObject({
        code: 'validation_failed',
        message: expect.stringContaining('reassess options'),
        issues: [{ path: ['suggestions'], code: 'out_of_range' }],
      });
      // Checked with the options, before the prior: a forged prior with a bad count is refused for the count.
      await expect(base.reassess({} as never, { applicant: a }, { suggestions } as never)).rejects.toMatchObject({
        issues: [{ path: ['suggestions'], code: 'out_of_range' }],
      });
    }
  });

  it('suggest takes no per-call count (its previews are its result, counted by top): refused by name, never ignored', async () => {
    const base = await scorerWith(3);
    const a = examples[0] as ApplicantInput;
    await expect(base.suggest(a, { suggestions: 0 } as never)).rejects.toMatchObject({ issues: [{ path: ['suggestions'], code: 'unrecognized_key' }] });
  });
});

describe('the pool takes the per-call count too: its records are the built scorer’s, byte for byte', () => {
  it('decideBatch, decideBatchJson and the safe variants; a bad count refused as in process', { timeout: 120_000 }, async () => {
    const pool = await createScorerPool({ workers: 1, chunkSize: 2, scorer: { signingKey } });
    try {
      const base = await scorerWith(3);
      const batch = [...examples.slice(0, 5), { id: 'not-an-applicant' }] as ApplicantInput[];
      for (const n of [0, 1, 5]) {
        const expected = await (await scorerWith(n)).decideBatch(batch);
        expect(json(await pool.decideBatch(batch, { suggestions: n }))).toBe(json(expected));
        expect(json(await pool.safeDecideBatch(batch, { suggestions: n }))).toBe(json(expected));
        const texts = await pool.decideBatchJson(batch, { suggestions: n });
        expect(texts.map((r) => (r.ok ? r.decisionJson : r.error.code))).toEqual(expected.map((r) => (r.ok ? json(r.decision) : r.error.code)));
      }
      for (const suggestions of [-1, 101, 2.5, '0', null]) {
        const local = await base.decideBatch(batch, { suggestions } as never).catch((e: unknown) => e);
        expect(local).toMatchObject({ issues: [{ path: ['suggestions'], code: 'out_of_range' }] });
        expect(await pool.decideBatch(batch, { suggestions } as never).catch((e: unknown) => e)).toEqual(local);
        expect(await pool.decideBatchJson(batch, { suggestions } as never).catch((e: unknown) => e)).toEqual(local);
      }
    } finally {
      await pool.close();
    }
  });
});
