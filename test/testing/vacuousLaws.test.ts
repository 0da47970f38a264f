import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { assertCreditLaws, creditLaws } from '../../src/testing/index.js';

// A valid policy that grants no line to anyone the kit draws: an income floor of 10 million RMB a
// month (a unit slip of another kind) fails every applicant's affordability.
const noLines = resolvePolicy({ affordability: { minEffectiveMonthlyIncome: 1_000_000_000 } });
const RUNS = { numRuns: 30, scorerNumRuns: 5, seed: 20261201, shrink: false } as const;

const refusal = async (run: () => Promise<unknown>): Promise<ValidationError> => {
  const e = await run().then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return e as ValidationError;
};

describe('a law about granted lines that met no granted line is refused, never passed having checked nothing', () => {
  it('on the policy part: nothing_to_check, naming the law, the part and what the runs decided', async () => {
    const { numRuns, seed } = RUNS;
    const e = await refusal(() => creditLaws.limits_rounded.check({ policy: noLines }, { numRuns, seed }));
    expect(e.issues.map((i) => `${i.path.join('.')}:${i.code}`)).toEqual(['subject:nothing_to_check']);
    expect(e.issues[0]?.message).toMatch(/limits_rounded \(policy part\) met no decision granting a line in 30 runs/);
    expect(e.issues[0]?.message).toMatch(/decisions: decline \d+\)/);
  });

  it('the same law on a policy that grants lines passes: the refusal is about the lines, not the law', async () => {
    const { numRuns, seed } = RUNS;
    await expect(creditLaws.limits_rounded.check({ policy: defaultPolicy }, { numRuns, seed })).resolves.toBeUndefined();
  });

  it('assertCreditLaws runs every law, then refuses the vacuous ones all at once; a law not about lines still counts as checked', async () => {
    const { numRuns, seed } = RUNS;
    const e = await refusal(() => assertCreditLaws({ policy: noLines, numRuns, seed }));
    const laws = e.issues.map((i) => /^(\w+) \(/.exec(i.message)?.[1]);
    expect(e.issues.every((i) => i.code === 'nothing_to_check')).toBe(true);
    expect(laws).toEqual(expect.arrayContaining(['limits_rounded', 'approved_limits_affordable', 'limit_within_caps', 'apr_within_bounds']));
    // Declines owe reasons and decide the same twice: those laws had something to check.
    expect(laws).not.toContain('reasons_where_owed');
    expect(laws).not.toContain('same_input_same_decision');
  });

  describe('end to end', () => {
    let scorer: Scorer;
    beforeAll(async () => {
      scorer = await createScorer({ suggestionsPerDecision: 0, policy: noLines });
    });
    afterAll(() => scorer.close());

    it('on the scorer part: every decision the scorer gave the law is counted, on every path', async () => {
      const e = await refusal(() =>
        creditLaws.approved_limits_affordable.check({ scorer }, { scorerNumRuns: RUNS.scorerNumRuns, seed: RUNS.seed, shrink: false, part: 'scorer' }),
      );
      expect(e.issues[0]?.code).toBe('nothing_to_check');
      expect(e.issues[0]?.message).toMatch(/approved_limits_affordable \(scorer part\) met no decision granting a line in 5 runs/);
    });
  });
});
