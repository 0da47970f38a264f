import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { ageInYears } from '../../src/policy/ageInYears.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { evaluateRules } from '../../src/policy/evaluateRules.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { buildApplicant } from './applicantBuilder.js';

const noFlags = { duplicateEvidence: false };
const codes = (hits: readonly { code: string }[]): string[] => hits.map((h) => h.code);

describe('ageInYears', () => {
  it('counts completed years to asOf, birthdays included, leap days handled', () => {
    expect(ageInYears('2006-03-15', '2024-03-15')).toBe(18);
    expect(ageInYears('2006-03-15', '2024-03-14')).toBe(17);
    expect(ageInYears('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageInYears('2004-02-29', '2022-03-01')).toBe(18);
  });

  it('rejects an unparseable date with a ValidationError naming it', () => {
    expect(() => ageInYears('2024-02-30x', '2024-03-01')).toThrow(ValidationError);
  });
});

describe('evaluateRules', () => {
  it('a clean applicant hits nothing', () => {
    expect(evaluateRules(buildApplicant(), 0.03, noFlags, defaultPolicy)).toEqual({ knockouts: [], refers: [] });
  });

  it('age bounds are inclusive: 18 and 60 pass, 17 and 61 decline', () => {
    const at = (birthDate: string): string[] => codes(evaluateRules(buildApplicant({ birthDate }), 0.03, noFlags, defaultPolicy).knockouts);
    expect(at('2006-06-30')).toEqual([]);
    expect(at('2006-07-01')).toEqual(['age_below_minimum']);
    expect(at('1963-07-01')).toEqual([]);
    expect(at('1963-06-30')).toEqual(['age_above_maximum']);
  });

  it('knocks out past due today, many delinquencies, many enquiries and PD above the cut-off, with value and threshold', () => {
    const a = buildApplicant({
      bureau: { hasFile: true, currentDaysPastDue: 3, delinquencies24m: 3, enquiries6m: 9 },
    });
    const hits = evaluateRules(a, 0.2001, noFlags, defaultPolicy).knockouts;
    expect(codes(hits)).toEqual(['current_past_due', 'too_many_delinquencies', 'too_many_enquiries', 'pd_above_cutoff']);
    expect(hits[0]).toEqual({ code: 'current_past_due', value: 3, threshold: 0 });
  });

  it('a thin file (no bureau counts) is not knocked out', () => {
    const thin = buildApplicant({ bureau: { hasFile: false } });
    expect(evaluateRules(thin, 0.03, noFlags, defaultPolicy).knockouts).toEqual([]);
  });

  it('refers PD in the refer band, high self-declared income and duplicate evidence', () => {
    const a = buildApplicant({ income: { monthlyNet: 2_500_000, source: 'self_declared' } });
    const r = evaluateRules(a, 0.15, { duplicateEvidence: true }, defaultPolicy);
    expect(r.knockouts).toEqual([]);
    expect(codes(r.refers)).toEqual(['pd_in_refer_band', 'duplicate_evidence', 'self_declared_income_high']);
    const verified = buildApplicant({ income: { monthlyNet: 2_500_000, source: 'payroll' } });
    expect(evaluateRules(verified, 0.03, noFlags, defaultPolicy).refers).toEqual([]);
  });

  it('duplicate evidence declines when the policy says so', () => {
    const strict = resolvePolicy({ refer: { duplicateEvidence: 'decline' } });
    expect(codes(evaluateRules(buildApplicant(), 0.03, { duplicateEvidence: true }, strict).knockouts)).toEqual(['duplicate_evidence']);
  });

  it('PD knocks out exactly above the cut-off and refers exactly inside the band', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (pd) => {
        const r = evaluateRules(buildApplicant(), pd, noFlags, defaultPolicy);
        expect(codes(r.knockouts).includes('pd_above_cutoff')).toBe(pd > 0.2);
        expect(codes(r.refers).includes('pd_in_refer_band')).toBe(pd > 0.12 && pd <= 0.2);
      }),
      { numRuns: 200 },
    );
  });
});
