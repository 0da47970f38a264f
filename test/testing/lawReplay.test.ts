import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { applyPolicy, type PolicyInput } from '../../src/policy/applyPolicy.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { creditLaws, CreditLawViolation, type LawRunOptions } from '../../src/testing/index.js';
import { editing } from './mutantScorers.js';

// A failure is only useful if the line it prints replays it: the same law, the same part, the same
// counterexample, from exactly the options printed.

async function violationOf(run: () => Promise<void>): Promise<CreditLawViolation> {
  const e = await run().then(
    () => undefined,
    (x: unknown) => x,
  );
  if (e instanceof CreditLawViolation) return e;
  throw e ?? new Error('expected a CreditLawViolation, but the law held');
}

/** The options of the message's `Reproduce:` line, read back as a caller would copy them. */
function printedOptions(v: CreditLawViolation): LawRunOptions {
  const line = v.message.split('\n').find((l) => l.startsWith('Reproduce: '));
  const m = /^Reproduce: creditLaws\.(\w+)\.check\(subject, (\{.*\})\)$/.exec(line ?? '');
  expect(m?.[1], `no Reproduce line for ${v.law} in:\n${v.message}`).toBe(v.law);
  // The options are printed as a JavaScript object literal: quote its keys to read it as JSON.
  return JSON.parse((m?.[2] ?? '').replace(/([{,]\s*)(\w+):/g, '$1"$2":')) as LawRunOptions;
}

let scorer: Scorer;
beforeAll(async () => {
  scorer = await createScorer({ suggestionsPerDecision: 0 });
});
afterAll(() => scorer.close());

describe('a violation replays from the options it prints', () => {
  // Each breaks its law on the scorer side only: the policy half passes, as it runs the sound engine.
  it.each([
    ['limits_rounded', 1],
    ['apr_within_bounds', 13],
  ] as const)('a scorer-half violation of %s replays to the same counterexample, in the scorer part', async (name, seed) => {
    const broken =
      name === 'limits_rounded'
        ? editing(scorer, (d) => (d.limit > 0 ? { ...d, limit: d.limit + 100 } : d))
        : editing(scorer, (d) => (d.outcome === 'approve' ? { ...d, apr: 0.25, dailyRate: 0.25 / 365 } : d));
    const first = await violationOf(() => creditLaws[name].check({ scorer: broken }, { numRuns: 30, scorerNumRuns: 15, seed }));
    expect(first.part).toBe('scorer');
    const printed = printedOptions(first);
    expect(printed).toEqual({ seed: first.seed, path: first.path, part: 'scorer' });
    expect(first.replay).toEqual(printed);
    const again = await violationOf(() => creditLaws[name].check({ scorer: broken }, printed));
    expect(again.part).toBe('scorer');
    expect(again.counterexample).toEqual(first.counterexample);
    expect(again.why).toBe(first.why);
  });

  it('a failure found with segment and asOf prints them, and the printed line replays it', async () => {
    // A 5% promotion on approved limits: above the caps wherever a cap binds.
    const promotion = (i: PolicyInput) => {
      const r = applyPolicy(i);
      return r.outcome === 'approve' ? { ...r, limit: Math.round(r.limit * 1.05) } : r;
    };
    const subject = { policy: defaultPolicy, applyPolicy: promotion };
    const run = { numRuns: 100, seed: 42, segment: 'gig_worker', asOf: '2025-01-15' } as const;
    const first = await violationOf(() => creditLaws.limit_within_caps.check(subject, run));
    const printed = printedOptions(first);
    expect(printed).toEqual({ seed: 42, path: first.path, part: 'policy', segment: 'gig_worker', asOf: '2025-01-15' });
    const again = await violationOf(() => creditLaws.limit_within_caps.check(subject, printed));
    expect(again.counterexample).toEqual(first.counterexample);
    // A list of segments is printed as a list.
    const several = await violationOf(() => creditLaws.limit_within_caps.check(subject, { ...run, segment: ['gig_worker', 'new_graduate'] }));
    expect(printedOptions(several).segment).toEqual(['gig_worker', 'new_graduate']);
  });

  it('a path that does not replay is a typed error naming the path option, never a bare fast-check Error', async () => {
    // Limits off the 100 RMB grid; the path of a real failure, then shrinks that do not exist.
    const subject = { policy: defaultPolicy, applyPolicy: (i: PolicyInput) => ({ ...applyPolicy(i), limit: 123 }) };
    const first = await violationOf(() => creditLaws.limits_rounded.check(subject, { numRuns: 50, seed: 1 }));
    const e = await creditLaws.limits_rounded.check(subject, { seed: 1, path: `${first.path}:999:999:999`, part: 'policy' }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ValidationError);
    const issue = (e as ValidationError).issues[0];
    expect(issue?.path).toEqual(['path']);
    expect(issue?.code).toBe('replay_mismatch');
    expect(issue?.message).toMatch(/part, segment, asOf/);
  });

  it('a part is policy or scorer, and the scorer part needs a scorer', async () => {
    await expect(creditLaws.limits_rounded.check({ policy: defaultPolicy }, { part: 'model' as 'policy' })).rejects.toThrow(ValidationError);
    await expect(creditLaws.limits_rounded.check({ policy: defaultPolicy }, { part: 'scorer' })).rejects.toThrow(ValidationError);
  });
});
