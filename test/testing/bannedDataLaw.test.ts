import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer, type Scorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { euCcd2 } from '../../src/policy/jurisdictionProfile.js';
import { assertCreditLaws, creditLaws, CreditLawViolation, mutateScorer } from '../../src/testing/index.js';
import { lenderHealthKind } from '../helpers/lenderHealthKind.js';

// findings: banned_data_never_counts drew its uploads from the BUILT-IN kinds the jurisdiction bans,
// so under the default cn-consumer-finance-2024 (no built-in kind is in a category it bans) it ran
// 50 runs that each returned at once and passed, having checked nothing; and a lender's own kind of
// a banned category (wearable step counts declared `health`) could never be drawn, since the scorer
// showed the kit only the kinds it offers. The scorer now lists the kinds it refuses
// (`bannedCertificateKinds`), the law draws from them, and a scorer with none is refused
// (`nothing_to_check`), never passed; assertCreditLaws leaves the law out of its default run for such
// a scorer and says so in its report.

const RUNS = { scorerNumRuns: 8, seed: 20_261_201, shrink: false } as const;
const law = creditLaws.banned_data_never_counts;

/** A decision holding a banned upload a step higher: the engine counting banned data. */
const countingBanned = (d: Decision): Decision =>
  d.limit > 0 && d.evidence.some((e) => e.reasons.includes('banned_data_category')) ? { ...d, limit: d.limit + 10_000 } : d;

let cn: Scorer;
let cnLender: Scorer;
let euLender: Scorer;
beforeAll(async () => {
  cn = await createScorer({ suggestionsPerDecision: 0 });
  cnLender = await createScorer({ catalog: [lenderHealthKind], suggestionsPerDecision: 0 });
  euLender = await createScorer({ catalog: [lenderHealthKind], policyOverrides: { jurisdiction: euCcd2 }, suggestionsPerDecision: 0 });
});
afterAll(async () => {
  await cn.close();
  await cnLender.close();
  await euLender.close();
});

describe('the scorer lists the kinds of its catalog it refuses for their data category', () => {
  it('bannedCertificateKinds: none under cn by default; the lender kind under cn; the lender kind and the follower count under eu-ccd2', () => {
    expect(cn.bannedCertificateKinds.map((k) => k.id)).toEqual([]);
    expect(cnLender.bannedCertificateKinds.map((k) => k.id)).toEqual(['wearable_daily_steps']);
    expect(euLender.bannedCertificateKinds.map((k) => k.id).sort()).toEqual(['creator_followers', 'wearable_daily_steps']);
    // Beside certificateKinds, never in it: together they are the scorer's whole catalog.
    expect(cnLender.certificateKinds.some((k) => k.id === 'wearable_daily_steps')).toBe(false);
    expect(Object.isFrozen(cnLender.bannedCertificateKinds)).toBe(true);
  });
});

describe('banned_data_never_counts draws from the kinds the scorer refuses, its lender kinds included', () => {
  it('a scorer whose catalog holds no banned kind is refused (nothing_to_check), never passed having checked nothing', async () => {
    const e = await law.check({ scorer: cn }, RUNS).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ValidationError);
    const issue = (e as ValidationError).issues[0];
    expect(issue?.code).toBe('nothing_to_check');
    expect(issue?.path).toEqual(['subject', 'scorer']);
    expect(issue?.message).toContain('cn-consumer-finance-2024');
    expect(issue?.message).toContain('religion, genetic, biometric, health, protected_characteristic');
  });

  it("holds for a cn scorer with a lender's health kind, and for an eu-ccd2 scorer with it", async () => {
    await expect(law.check({ scorer: cnLender }, RUNS)).resolves.toBeUndefined();
    await expect(law.check({ scorer: euLender }, RUNS)).resolves.toBeUndefined();
  });

  it("holds through a champion/challenger scorer in shadow mode: the shadow's decisionId hashes the upload, as the audit's does, and is not compared", async () => {
    const tight = { affordability: { dsrBands: [{ incomeUpTo: null, maxDsr: 0.3 }] } };
    const shadow = await createScorer({
      catalog: [lenderHealthKind],
      suggestionsPerDecision: 0,
      challengers: [{ name: 'tight', policyOverrides: tight, share: 1 }],
      challengerMode: 'shadow',
    });
    try {
      await expect(law.check({ scorer: shadow }, RUNS)).resolves.toBeUndefined();
    } finally {
      await shadow.close();
    }
  });

  it("catches a scorer counting the lender's banned kind under cn (it passed before: nothing was drawn)", async () => {
    const e = await law.check({ scorer: mutateScorer(cnLender, countingBanned) }, RUNS).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(CreditLawViolation);
    expect((e as CreditLawViolation).message).toMatch(/uploads of a banned data category changed (limit|terms)/);
    expect((e as CreditLawViolation).message).toContain('wearable_daily_steps');
  });

  it('a wrapper that drops bannedCertificateKinds is refused at it, as one dropping certificateKinds is', async () => {
    const { bannedCertificateKinds: _dropped, ...wrapper } = cnLender;
    const e = await law.check({ scorer: wrapper as Scorer }, RUNS).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues.map((i) => [i.code, i.path.join('.')])).toEqual([['invalid_type', 'subject.scorer.bannedCertificateKinds']]);
  });
});

describe('assertCreditLaws reports a law with nothing to check, never passes it silently', () => {
  it('the default run on a cn scorer without banned kinds leaves the law out and says why in its report', async () => {
    const report = await assertCreditLaws({ scorer: cn, scorerNumRuns: 4, seed: 3, part: 'scorer' });
    expect(report.notChecked).toEqual([{ law: 'banned_data_never_counts', why: expect.stringContaining('cn-consumer-finance-2024') }]);
    expect(report.checked).not.toContain('banned_data_never_counts');
    expect(report.checked).toContain('limits_rounded');
  });

  it('named on such a scorer it is refused up front (nothing_to_check at laws)', async () => {
    const e = await assertCreditLaws({ scorer: cn, laws: ['banned_data_never_counts', 'limits_rounded'], ...RUNS }).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues.map((i) => [i.code, i.path.join('.')])).toEqual([['nothing_to_check', 'laws']]);
  });

  it('runs it on a scorer with a banned kind, and reports it checked', async () => {
    const report = await assertCreditLaws({ scorer: cnLender, laws: ['banned_data_never_counts'], ...RUNS });
    expect(report).toEqual({ checked: ['banned_data_never_counts'], notChecked: [] });
  });
});
