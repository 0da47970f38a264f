import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import type { Applicant } from '../../src/schema/applicant.js';
import { defineLaw, judgedOnLines, type LawSpec } from '../../src/testing/_internals/defineLaw.js';
import { CREDIT_LAW_NAMES, creditLaws, type CreditLawName } from '../../src/testing/index.js';

// Whether a law's promise is about a granted line cannot be read off its code, so every law is
// classified here by hand: a law added to CREDIT_LAW_NAMES fails the first test until it is placed
// in one list, and the second until its spec's `judgedOnLines` flag agrees. A line law left
// unflagged would pass a policy that grants no line having checked nothing.

/** Promises about a granted line (its size, its caps, its price, its steps): hold of nothing without one. */
const ABOUT_LINES: readonly CreditLawName[] = [
  'apr_within_bounds',
  'apr_non_decreasing_in_pd',
  'limit_within_caps',
  'accepted_evidence_never_lowers_limit',
  'step_limits_hold',
  'customer_controls_hold',
  'approved_limits_affordable',
  'limits_rounded',
  'daily_rate_within_cap',
  'comprehensive_cost_within_cap',
  'reassessment_within_bounds',
  'reduction_within_bounds',
];

/** Promises about every decision, a decline too, or about no decision of the policy's. */
const ABOUT_EVERY_DECISION: readonly CreditLawName[] = [
  'same_input_same_decision',
  'reasons_where_owed',
  'suggestions_come_true',
  'results_below_useful_level_never_count',
  'banned_data_never_counts',
  'tampered_priors_refused',
];

describe('a law about granted lines says so on its own spec (judgedOnLines)', () => {
  it('every credit law is classified, once', () => {
    expect([...ABOUT_LINES, ...ABOUT_EVERY_DECISION].sort()).toEqual([...CREDIT_LAW_NAMES].sort());
  });

  it('the laws flagged judgedOnLines are exactly the laws about granted lines', () => {
    const flagged = CREDIT_LAW_NAMES.filter((name) => judgedOnLines(creditLaws[name]));
    expect([...flagged].sort()).toEqual([...ABOUT_LINES].sort());
  });

  it('the flag, not the name, turns on the check: the same law unflagged passes a policy granting no line', async () => {
    // An income floor of 10 million RMB a month: every applicant the kit draws is declined.
    const noLines = resolvePolicy({ affordability: { minEffectiveMonthlyIncome: 1_000_000_000 } });
    const spec: LawSpec<Applicant, never> = {
      name: 'limits_rounded',
      description: 'decides, checking nothing',
      policyProperty: (ctx) =>
        fc.property(ctx.applicants(0), (applicant) => {
          ctx.decidePolicy({ applicant, pd: 0.02, policy: ctx.policy });
        }),
    };
    const runs = { numRuns: 20, seed: 20261201 };
    const flagged = defineLaw({ ...spec, judgedOnLines: true });
    const e = await flagged.check({ policy: noLines }, runs).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues.map((i) => i.code)).toEqual(['nothing_to_check']);
    await expect(flagged.check({ policy: defaultPolicy }, runs)).resolves.toBeUndefined();
    await expect(defineLaw(spec).check({ policy: noLines }, runs)).resolves.toBeUndefined();
  });
});
