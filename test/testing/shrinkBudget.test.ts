import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreditLawViolation } from '../../src/testing/index.js';
import { requireLaw, runLaw, type RunParams } from '../../src/testing/_internals/runLaw.js';
import { SCORER_SHRINK_BUDGET_MS } from '../../src/testing/_internals/shrinkBudget.js';

// findings21-docs F1: end to end a caught seed took 12 to 84 s to shrink (100 to 470 shrinks, each
// run a dozen real decisions), past the README example's 60 s test timeout: the lender saw a
// timeout, not the violation. Shrinking end to end stops after a budget of time, and says so.
const law = { name: 'limits_rounded', description: 'a law for the test' } as const;
/** A clock each run of the property moves on by a second, as a run of real decisions takes time. */
let clock = 0;
const params: RunParams = { numRuns: 50, seed: 42, path: undefined, shrink: true, draw: {}, clock: () => clock };
/** Shrink runs the budget allows at a second a run. */
const BUDGET_RUNS = SCORER_SHRINK_BUDGET_MS / 1000;

/** A property needing hundreds of shrink runs (eight numbers, each shrinking towards 1,000), counting its runs. */
function slowToShrink(): { readonly property: fc.IAsyncProperty<[number[]]>; readonly runs: () => { before: number; after: number } } {
  let before = 0;
  let after = 0;
  let failed = false;
  const property = fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 8, maxLength: 8 }), async (xs) => {
    clock += 1000;
    if (failed) after++;
    else before++;
    const broken = xs.every((x) => x >= 1_000);
    if (broken) failed = true;
    requireLaw(!broken, () => `every number is at least 1,000: ${xs.join(', ')}`);
  });
  return { property, runs: () => ({ before, after }) };
}

async function violationOf(run: Promise<void>): Promise<CreditLawViolation> {
  const e = await run.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(CreditLawViolation);
  return e as CreditLawViolation;
}

describe('shrinking end to end stops at the kit budget, and the violation says so', () => {
  it(`the scorer part shrinks for ${SCORER_SHRINK_BUDGET_MS / 1000} s from the first failure, and the counterexample still breaks the law`, async () => {
    const { property, runs } = slowToShrink();
    const v = await violationOf(runLaw(law, 'scorer', property, params));
    expect(runs().after).toBe(BUDGET_RUNS);
    expect(v.shrinkCutShort).toBe(true);
    expect(v.toJSON().shrinkCutShort).toBe(true);
    expect(v.message).toContain(
      `stopped at the kit's budget of ${SCORER_SHRINK_BUDGET_MS / 1000} s of shrinking end to end: it may shrink further; Reproduce replays this one`,
    );
    expect(v.message).not.toContain('Minimal counterexample');
    expect((v.counterexample as number[]).every((x) => x >= 1_000)).toBe(true);
    expect(v.numShrinks).toBeGreaterThan(0);
  });

  it('the same on the pool part', async () => {
    const { property, runs } = slowToShrink();
    const v = await violationOf(runLaw(law, 'pool', property, params));
    expect(runs().after).toBe(BUDGET_RUNS);
    expect(v.shrinkCutShort).toBe(true);
  });

  it('the policy part (microseconds a run) shrinks fully, to the minimal counterexample', async () => {
    const { property, runs } = slowToShrink();
    const v = await violationOf(runLaw(law, 'policy', property, params));
    expect(runs().after).toBeGreaterThan(BUDGET_RUNS);
    expect(v.shrinkCutShort).toBe(false);
    expect(v.counterexample).toEqual([1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000]);
    expect(v.message).toContain('Minimal counterexample');
  });

  it('a failure that shrinks within the budget is minimal and says so', async () => {
    const property = fc.asyncProperty(fc.integer({ min: 0, max: 1_000_000 }), async (x) => {
      clock += 100;
      requireLaw(x < 1_000, () => `${x} is at least 1,000`);
    });
    const v = await violationOf(runLaw(law, 'scorer', property, params));
    expect(v.counterexample).toBe(1_000);
    expect(v.shrinkCutShort).toBe(false);
    expect(v.message).toContain('Minimal counterexample');
  });

  it('the replay of a cut-short failure gives its counterexample exactly, shrunk no further', async () => {
    const v = await violationOf(runLaw(law, 'scorer', slowToShrink().property, params));
    const replayed = await violationOf(runLaw(law, 'scorer', slowToShrink().property, { ...params, path: v.path ?? undefined }));
    expect(replayed.counterexample).toEqual(v.counterexample);
    expect(replayed.shrinkCutShort).toBe(false);
  });
});
