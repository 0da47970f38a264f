import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { applyPolicy, type PolicyInput, type PolicyResult } from '../../src/policy/applyPolicy.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { PolicyInvalidError } from '../../src/policy/policyInvalidError.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { assertCreditLaws, creditLaws, CreditLawViolation, type CreditLawName } from '../../src/testing/index.js';

// Deliberately broken policy engines: each wraps applyPolicy the way a lender's own code might
// (a promotion, a shortcut), and each breaks exactly the law it is named for.
const step = defaultPolicy.limits.roundingStep;
const loose = resolvePolicy({ affordability: { dsrBands: [{ incomeUpTo: null, maxDsr: 1 }], residualFloorByCityTier: [0, 0, 0, 0, 0] } });
// Every law but reduction_within_bounds, whose policy part checks applyReduction, not the engine,
// and suggestions_come_true, results_below_useful_level_never_count, banned_data_never_counts and tampered_priors_refused, which have no policy part
// (test/testing/scorerLawViolations.test.ts, mutantScorers.ts).
const broken: Record<
  Exclude<
    CreditLawName,
    'reduction_within_bounds' | 'suggestions_come_true' | 'results_below_useful_level_never_count' | 'banned_data_never_counts' | 'tampered_priors_refused'
  >,
  (i: PolicyInput) => PolicyResult
> = {
  // A 5-point "promotion" priced below the floor.
  apr_within_bounds: (i) => {
    const r = applyPolicy(i);
    const apr = Math.max(0, Math.round((r.apr - 0.05) * 10_000) / 10_000);
    return { ...r, apr, dailyRate: apr / 365 };
  },
  // Riskier applicants get a "loyalty" discount.
  apr_non_decreasing_in_pd: (i) => {
    const r = applyPolicy(i);
    return i.pd > 0.1 ? { ...r, apr: r.apr - 0.01, dailyRate: (r.apr - 0.01) / 365 } : r;
  },
  // The customer's cap is dropped on the way in.
  limit_within_caps: (i) => applyPolicy({ ...i, applicant: { ...i.applicant, controls: {} } }),
  // A "risk bonus" of one step for riskier approvals.
  accepted_evidence_never_lowers_limit: (i) => {
    const r = applyPolicy(i);
    return r.limit > 0 && i.pd > 0.05 ? { ...r, limit: r.limit + step } : r;
  },
  // The existing line is forgotten, so step limits never apply.
  step_limits_hold: (i) => applyPolicy({ ...i, applicant: { ...i.applicant, platform: { ...i.applicant.platform, currentLimit: 0 } } }),
  customer_controls_hold: (i) => applyPolicy({ ...i, applicant: { ...i.applicant, controls: {} } }),
  // Priced and capped under a looser affordability policy than the one under test.
  approved_limits_affordable: (i) => applyPolicy({ ...i, policy: loose }),
  // Limits rounded to the yuan instead of the product step.
  limits_rounded: (i) => {
    const r = applyPolicy(i);
    return r.limit > 0 ? { ...r, limit: r.limit - 100 } : r;
  },
  // The line on file is never lowered, whatever happened to the profile (issue #12's bug).
  reassessment_within_bounds: (i) => {
    const r = applyPolicy(i);
    const line = i.applicant.platform.currentLimit;
    return r.limit < line ? { ...r, outcome: 'approve', limit: line } : r;
  },
  // Declines without saying why.
  reasons_where_owed: (i) => {
    const r = applyPolicy(i);
    return r.outcome === 'decline' ? { ...r, reasons: [] } : r;
  },
  // A call counter leaks into the result.
  same_input_same_decision: (() => {
    let calls = 0;
    return (i: PolicyInput) => ({ ...applyPolicy(i), policyVersion: String(calls++) });
  })(),
  // The 0.1.0 daily rate: APR / 365 rounded UP to 0.001%, so a 24% APR bills 0.066% a day = 24.09%.
  daily_rate_within_cap: (i) => {
    const r = applyPolicy(i);
    const thousandths = Math.ceil((r.apr * 1e5) / 365);
    return { ...r, dailyRate: thousandths / 1e5, dailyRateText: `${(thousandths / 1000).toFixed(3)}%` };
  },
  // Instalment plans disclose the headline fee annualised (2.5% over 3 months -> 10%), not the IRR.
  comprehensive_cost_within_cap: (i) => {
    const r = applyPolicy(i);
    return { ...r, plans: r.plans.map((p) => (p.kind === 'instalment' ? { ...p, comprehensiveApr: (p.feeRate * 12) / (p.months ?? 1) } : p)) };
  },
};

async function violationOf(run: () => Promise<unknown>): Promise<CreditLawViolation> {
  try {
    await run();
  } catch (e) {
    if (e instanceof CreditLawViolation) return e;
    throw e;
  }
  throw new Error('expected a CreditLawViolation, but every law held');
}

const zoneBefore = process.env.TZ;

describe('the law checker can fail, and says which law and why', () => {
  it.each(Object.keys(broken) as (keyof typeof broken)[])('a policy engine that breaks %s is caught, and the message names that law', async (name) => {
    const v = await violationOf(() => creditLaws[name].check({ policy: defaultPolicy, applyPolicy: broken[name] }, { numRuns: 300, seed: 20261101 }));
    expect(v.law).toBe(name);
    expect(v.part).toBe('policy');
    expect(v.message).toContain(`Credit law "${name}" failed (policy)`);
    expect(v.message).toContain(creditLaws[name].description);
    expect(v.message).toMatch(/Why: .+/);
    expect(v.message).toContain('Minimal counterexample');
    expect(v.counterexample).toHaveProperty('applicant');
    expect(v.message).toContain(`seed: ${v.seed}`);
  });

  it('same_input_same_decision catches an engine that reads the decision date in local time (the process time zone leaks in)', async () => {
    // new Date('YYYY-MM-DD') is UTC midnight: its local day is the day before west of UTC.
    const localDay = (i: PolicyInput) => ({ ...applyPolicy(i), policyVersion: String(new Date(i.applicant.asOf).getDate()) });
    const v = await violationOf(() =>
      creditLaws.same_input_same_decision.check({ policy: defaultPolicy, applyPolicy: localDay }, { numRuns: 100, seed: 20261128 }),
    );
    expect(v.law).toBe('same_input_same_decision');
    expect(v.why).toMatch(/process time zone set to \S+ and as it was/);
    expect(process.env.TZ).toBe(zoneBefore);
  });

  it('the shrunk counterexample is small: a below-floor promotion shrinks to a plain applicant at a low PD', async () => {
    const v = await violationOf(() =>
      creditLaws.apr_within_bounds.check({ policy: defaultPolicy, applyPolicy: broken.apr_within_bounds }, { numRuns: 300, seed: 7 }),
    );
    const ce = v.counterexample as { pd: number; applicant: { evidence: unknown[] } };
    expect(ce.applicant.evidence).toEqual([]);
    expect(ce.pd).toBe(0);
    expect(v.why).toMatch(/outside the policy's \[7\.30%, 24\.00%\]/);
  });

  it('a failure replays from its seed and path: the same law, the same counterexample', async () => {
    const law = creditLaws.limits_rounded;
    const first = await violationOf(() => law.check({ policy: defaultPolicy, applyPolicy: broken.limits_rounded }, { numRuns: 300, seed: 99 }));
    const again = await violationOf(() =>
      law.check({ policy: defaultPolicy, applyPolicy: broken.limits_rounded }, { numRuns: 300, seed: first.seed, ...(first.path ? { path: first.path } : {}) }),
    );
    expect(again.counterexample).toEqual(first.counterexample);
  });

  it('assertCreditLaws runs every law and reports all that failed, the first thrown with the rest in alsoFailed', async () => {
    const engine = (i: PolicyInput) => broken.limit_within_caps(i);
    // 50 runs find the same three failures as 200 did (limit_within_caps, customer_controls_hold,
    // reassessment_within_bounds), for a sixth of the CPU: every law that holds runs them all.
    const v = await violationOf(() => assertCreditLaws({ policy: defaultPolicy, applyPolicy: engine, numRuns: 50, seed: 3 }));
    const failed = [v.law, ...v.alsoFailed.map((x) => x.law)];
    expect(failed).toEqual(expect.arrayContaining(['limit_within_caps', 'customer_controls_hold']));
    expect(v.message).toContain('Also failed:');
    expect(JSON.parse(JSON.stringify(v))).toMatchObject({ name: 'CreditLawViolation', law: v.law });
  });

  it.each(['limit_within_caps', 'reasons_where_owed'] as const)(
    "an engine that blames the lender's own cap on regulation is caught by %s: a cap named as binding must be the smallest",
    async (name) => {
      // DOMAIN: a lender's stricter cap is the lender's cap, and the customer's reason must not blame regulation.
      const capped = resolvePolicy({ limits: { lenderCapPerBorrower: 1_000_000 } });
      const blaming = (i: PolicyInput): PolicyResult => {
        const r = applyPolicy(i);
        if (r.bindingConstraint !== 'lender_cap') return r;
        return { ...r, bindingConstraint: 'regulatory', reasons: r.reasons.map((c) => (c === 'limit_lender_cap' ? 'limit_regulatory_cap' : c)) };
      };
      const v = await violationOf(() => creditLaws[name].check({ policy: capped, applyPolicy: blaming }, { numRuns: 200, seed: 20261101 }));
      expect(v.law).toBe(name);
      expect(v.why).toMatch(/regulatory/);
      await expect(creditLaws[name].check({ policy: capped }, { numRuns: 200, seed: 20261101 })).resolves.toBeUndefined();
    },
  );

  it('approved_limits_affordable catches the 0.1 engine that tested affordability on the revolving line alone, while the line offered a dearer 12-month plan', async () => {
    // Findings11-money F1: capacity and checks at the revolving APR over the term; the decision still
    // offers every plan. The engine is the sound one under a policy without the plans of the term or
    // longer, with the plans it offers put back.
    const term = defaultPolicy.affordability.termMonths;
    const revolvingOnly = resolvePolicy({ fees: { instalmentPlans: defaultPolicy.fees.instalmentPlans.filter((p) => p.months < term) } });
    const old = (i: PolicyInput): PolicyResult => ({ ...applyPolicy({ ...i, policy: revolvingOnly }), plans: applyPolicy(i).plans });
    const v = await violationOf(() =>
      creditLaws.approved_limits_affordable.check({ policy: defaultPolicy, applyPolicy: old }, { numRuns: 300, seed: 20261101 }),
    );
    expect(v.law).toBe('approved_limits_affordable');
    expect(v.why).toMatch(/repaid on the 12-month instalment plan/);
  });

  it('a valid policy run through a sound engine passes: the laws do not cry wolf', async () => {
    // A modest count: each law's policy part holds on the default policy at 200 runs in test/lawsDefaultPolicy.test.ts.
    await expect(assertCreditLaws({ policy: defaultPolicy, numRuns: 25, seed: 5 })).resolves.toMatchObject({ notChecked: [] });
  });

  it('bad input to the checker is a typed error, never a law verdict', async () => {
    await expect(assertCreditLaws({})).rejects.toThrow(ValidationError);
    await expect(assertCreditLaws({ policy: defaultPolicy, numRuns: 0 })).rejects.toThrow(ValidationError);
    await expect(assertCreditLaws({ policy: defaultPolicy, laws: ['apr_is_nice' as CreditLawName] })).rejects.toThrow(ValidationError);
    const overCap = { ...defaultPolicy, pricing: { ...defaultPolicy.pricing, aprCap: 0.36 } };
    await expect(creditLaws.apr_within_bounds.check({ policy: overCap })).rejects.toThrow(PolicyInvalidError);
  });
});
