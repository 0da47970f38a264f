// An options argument holding a getter that throws, or a Proxy whose traps throw, is refused like a
// record holding one: a ValidationError with `unreadable_input` at the option (or at the root of the
// options when its keys cannot be listed), a 422 problem, on every deciding call, in process and
// pooled, and by createScorer and createScorerPool. The caller's own Error escaped raw from decide,
// decideBatch and every pool call; safeDecide turned it into `internal_error` (a 500 naming no
// field); createScorer refused the getter (as an unknown key) but let the Proxy's Error escape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { scorerReassessBatch } from '../../src/decision/reassessBatch.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { toProblemDetails } from '../../src/errors/toProblemDetails.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';

const applicant = exampleApplicants[0]!.applicant;

/** Options whose `key` getter throws the caller's own Error. */
const throwingGetter = (key: string) =>
  Object.defineProperty({}, key, {
    enumerable: true,
    get() {
      throw new Error('getter');
    },
  });
/** Options whose keys cannot even be listed. */
const unlistable = () =>
  new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('x');
      },
      has() {
        throw new Error('x');
      },
      get() {
        throw new Error('x');
      },
    },
  );

let scorer: Scorer;
let pool: ScorerPool;
let prior: Decision;
beforeAll(async () => {
  [scorer, pool] = await Promise.all([createScorer({ suggestionsPerDecision: 0 }), createScorerPool({ workers: 1, scorer: { suggestionsPerDecision: 0 } })]);
  prior = await scorer.decide(applicant);
});
afterAll(async () => Promise.all([scorer?.close(), pool?.close()]));

const settle = (run: () => Promise<unknown>): Promise<unknown> =>
  Promise.resolve()
    .then(run)
    .then(
      (v) => ({ resolved: v }),
      (e: unknown) => e,
    );

/** The refusal every call must give: a ValidationError, `unreadable_input` at `path`, a 4xx problem. */
function expectUnreadableAt(e: unknown, path: string[]): void {
  expect(e).toBeInstanceOf(ValidationError);
  expect((e as ValidationError).issues).toEqual([expect.objectContaining({ path, code: 'unreadable_input' })]);
  expect(toProblemDetails(e).status).toBe(422);
}

const calls: [string, (opts: never) => Promise<unknown>][] = [
  ['decide', (o) => scorer.decide(applicant, o)],
  ['safeDecide (its error)', async (o) => scorer.safeDecide(applicant, o).then((r) => (r.ok ? r : Promise.reject(r.error)))],
  ['decideBatch', (o) => scorer.decideBatch([applicant], o)],
  ['safeDecideBatch', (o) => scorer.safeDecideBatch([applicant], o)],
  ['reassess', (o) => scorer.reassess(prior, { applicant, evidence: [] }, o)],
  ['suggest', (o) => scorer.suggest(applicant, o)],
  ['scorerReassessBatch', (o) => scorerReassessBatch(scorer)([{ prior, update: { applicant, evidence: [] } }], o)],
  ['pool.decideBatch', (o) => pool.decideBatch([applicant], o)],
  ['pool.safeDecideBatch', (o) => pool.safeDecideBatch([applicant], o)],
  ['pool.decideBatchJson', (o) => pool.decideBatchJson([applicant], o)],
  ['pool.safeReassessBatch', (o) => pool.safeReassessBatch([{ prior, update: { applicant, evidence: [] } }], o)],
];

describe('hostile options on every deciding call', () => {
  for (const [name, call] of calls) {
    it(`${name}: a throwing signal getter is unreadable_input at signal; a Proxy that cannot list its keys, at the options' root`, async () => {
      expectUnreadableAt(await settle(() => call(throwingGetter('signal') as never)), ['signal']);
      expectUnreadableAt(await settle(() => call(unlistable() as never)), []);
    });
  }

  it('a getter is read once: a value that changes between reads cannot pass the check as one thing and be used as another', async () => {
    let reads = 0;
    const opts = Object.defineProperty({}, 'signal', {
      enumerable: true,
      get() {
        reads += 1;
        return reads === 1 ? undefined : 'not a signal';
      },
    });
    await scorer.decide(applicant, opts);
    expect(reads).toBe(1);
  });
});

describe('hostile options when creating', () => {
  it('createScorer: a throwing getter of a known option is unreadable_input at it; an unlistable Proxy, at the root', async () => {
    expectUnreadableAt(await settle(() => createScorer(throwingGetter('policyOverrides') as never)), ['policyOverrides']);
    expectUnreadableAt(await settle(() => createScorer(unlistable() as never)), []);
  });

  it('createScorerPool: the same, for its own options and for the scorer options under `scorer`', async () => {
    expectUnreadableAt(await settle(() => createScorerPool(throwingGetter('workers') as never)), ['workers']);
    expectUnreadableAt(await settle(() => createScorerPool({ workers: 1, scorer: throwingGetter('policyOverrides') as never })), ['scorer', 'policyOverrides']);
    expectUnreadableAt(await settle(() => createScorerPool(unlistable() as never)), []);
  });
});
