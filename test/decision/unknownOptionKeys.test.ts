// A misspelled option is refused, not ignored: `limitHistroy` used to be dropped, so the customer's
// recent raises were not counted and the step limits' window let the line rise again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';

const applicant = exampleApplicants[0]!.applicant;
const typo = { limitHistroy: [] } as never;
let scorer: Scorer;
let pool: ScorerPool;
beforeAll(async () => {
  [scorer, pool] = await Promise.all([createScorer({ suggestionsPerDecision: 0 }), createScorerPool({ workers: 1, scorer: { suggestionsPerDecision: 0 } })]);
});
afterAll(async () => Promise.all([scorer?.close(), pool?.close()]));

const refusal = (key: string) => ({ code: 'validation_failed', issues: [{ path: [key], code: 'unrecognized_key' }] });

describe('unknown option keys are refused, naming each', () => {
  it('decide, decideBatch, safeDecide, suggest, reassess (options and update), and the pool alike', async () => {
    await expect(scorer.decide(applicant, typo)).rejects.toMatchObject(refusal('limitHistroy'));
    await expect(scorer.decideBatch([applicant], typo)).rejects.toMatchObject(refusal('limitHistroy'));
    expect(await scorer.safeDecide(applicant, typo)).toMatchObject({ ok: false, error: refusal('limitHistroy') });
    await expect(scorer.suggest(applicant, { tpo: 3 } as never)).rejects.toMatchObject(refusal('tpo'));
    const prior = await scorer.decide(applicant);
    await expect(scorer.reassess(prior, { applicant, evidence: [], asof: '2026-12-01' } as never)).rejects.toMatchObject(refusal('asof'));
    await expect(scorer.reassess(prior, { applicant, evidence: [] }, { sginal: undefined } as never)).rejects.toMatchObject(refusal('sginal'));
    const local = await scorer.decideBatch([applicant], typo).catch((e: unknown) => e);
    expect(await pool.decideBatch([applicant], typo).catch((e: unknown) => e)).toEqual(local);
    // Options that are not an object at all.
    await expect(scorer.decide(applicant, 'fast' as never)).rejects.toMatchObject({ issues: [{ path: [], code: 'invalid_type' }] });
    // Known keys are fine.
    expect((await scorer.decide(applicant, { limitHistory: [], signal: new AbortController().signal })).applicantId).toBe(applicant.id);
  });
});

// A pool takes scorer options under `scorer`; given beside it, a lender's policy (and its caps) or
// signing key was ignored without a word and the pool decided on the defaults.
describe('construction options are read by name too', () => {
  it('createScorer refuses a misspelt or unknown option, naming each', async () => {
    await expect(createScorer({ signingkey: 'k'.repeat(32), sugestionsPerDecision: 0 } as never)).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [
        { path: ['signingkey'], code: 'unrecognized_key' },
        { path: ['sugestionsPerDecision'], code: 'unrecognized_key' },
      ],
    });
    await expect(createScorer('default' as never)).rejects.toMatchObject({ issues: [{ path: [], code: 'invalid_type' }] });
  });

  it('createScorer names a feature set of the wrong type before loading anything (`features: 42` was a TypeError from the encoder)', async () => {
    for (const features of [42, 'builtIn', [], { definitions: 'all' }]) {
      await expect(createScorer({ features } as never)).rejects.toMatchObject({
        code: 'validation_failed',
        issues: [{ path: ['features'], code: 'invalid_type', expected: 'FeatureSet' }],
      });
    }
  });

  it('a null option is named, never read as its default (`assignmentKey: null` fell back to the public default key)', async () => {
    await expect(createScorer({ assignmentKey: null, minConfidence: null, features: null, signingKey: null } as never)).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [
        { path: ['assignmentKey'], code: 'invalid_type', received: 'null' },
        { path: ['minConfidence'], code: 'invalid_type', received: 'null' },
        { path: ['features'], code: 'invalid_type', received: 'null' },
        { path: ['signingKey'], code: 'invalid_type', received: 'null' },
      ],
    });
    const e = await createScorerPool({ workers: null, chunkSize: null, workerExecArgv: null, scorer: { explanations: null } } as never).catch(
      (x: unknown) => x,
    );
    expect(e).toMatchObject({
      code: 'validation_failed',
      issues: [
        { path: ['workers'], received: 'null' },
        { path: ['chunkSize'], received: 'null' },
        { path: ['workerExecArgv'], received: 'null' },
        { path: ['scorer', 'explanations'], received: 'null' },
      ],
    });
  });

  it('createScorerPool names a workerEntry that is not a path or URL, before starting a worker (was a TypeError from node)', async () => {
    for (const workerEntry of [null, 42, {}, true]) {
      const e = await createScorerPool({ workers: 1, workerEntry } as never).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'validation_failed', issues: [{ path: ['workerEntry'], code: 'invalid_type' }] });
    }
  });

  it('createScorerPool refuses scorer options given beside `scorer`, and unknown keys at either level, before starting a worker', async () => {
    const e = await createScorerPool({
      workers: 1,
      policy: scorer.policy,
      signingKey: 'k'.repeat(32),
      chunksize: 10,
      scorer: { signingkey: 'x' },
    } as never).catch((x: unknown) => x);
    expect(e).toMatchObject({
      code: 'validation_failed',
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ['policy'], code: 'unrecognized_key', message: expect.stringMatching(/under `scorer`/) }),
        expect.objectContaining({ path: ['signingKey'], code: 'unrecognized_key' }),
        expect.objectContaining({ path: ['chunksize'], code: 'unrecognized_key' }),
        expect.objectContaining({ path: ['scorer', 'signingkey'], code: 'unrecognized_key' }),
      ]),
    });
  });
});
