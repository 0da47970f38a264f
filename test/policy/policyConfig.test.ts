import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreditliftError } from '../../src/errors/creditliftError.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { PolicyConfig } from '../../src/policy/policyConfig.js';
import { policyConfigArbitrary } from '../../src/policy/policyConfigArbitrary.js';
import { canonicalJson, policyHash } from '../../src/policy/policyHash.js';
import { PolicyInvalidError } from '../../src/policy/policyInvalidError.js';
import { resolvePolicy } from '../../src/policy/resolvePolicy.js';
import { validatePolicy } from '../../src/policy/validatePolicy.js';
import { policyRefusal } from '../helpers/policyRefusal.js';

const policyError = policyRefusal;

describe('PolicyConfig', () => {
  it('accepts the default policy, which is frozen', () => {
    expect(PolicyConfig.safeParse(defaultPolicy).success).toBe(true);
    expect(Object.isFrozen(defaultPolicy.pricing)).toBe(true);
  });

  it('every draw of policyConfigArbitrary is a valid policy', () => {
    fc.assert(
      fc.property(policyConfigArbitrary(), (policy) => {
        const r = PolicyConfig.safeParse(policy);
        if (!r.success) throw new Error(JSON.stringify(r.error.issues));
      }),
      { numRuns: 300 },
    );
  });
});

describe('resolvePolicy', () => {
  it('deep-merges objects key by key and replaces arrays whole', () => {
    const p = resolvePolicy({ pricing: { margin: 0.02 }, affordability: { residualFloorByCityTier: [1, 1, 1, 1, 1] } });
    expect(p.pricing.margin).toBe(0.02);
    expect(p.pricing.costOfFunds).toBe(defaultPolicy.pricing.costOfFunds);
    expect(p.affordability.residualFloorByCityTier).toEqual([1, 1, 1, 1, 1]);
    expect(p.affordability.dsrBands).toEqual(defaultPolicy.affordability.dsrBands);
  });

  it('with no overrides equals the default policy and hashes the same', () => {
    expect(resolvePolicy()).toEqual(defaultPolicy);
    expect(policyHash(resolvePolicy({}))).toBe(policyHash(defaultPolicy));
  });

  it('names every offending field at once, with code policy_invalid', () => {
    const err = policyError({
      pricing: { aprCap: 0.36, aprFloor: 0.05 },
      limits: { productMin: 0 },
      age: { min: 16 },
      grades: [{ grade: 'A', maxPd: 0.5, incomeMultiple: 1 }],
      bogus: 1,
    });
    expect(err).toBeInstanceOf(CreditliftError);
    expect(err.code).toBe('policy_invalid');
    expect(err.cause).toBeInstanceOf(ValidationError);
    expect(err.fields).toEqual(expect.arrayContaining(['pricing.aprCap', 'limits.productMin', 'age.min', 'grades.0.maxPd', 'bogus']));
    expect(err.toJSON().issues.length).toBe(err.issues.length);
  });

  it('rejects an APR cap above 24% and a floor above the cap', () => {
    expect(policyError({ pricing: { aprCap: 0.2401 } }).fields).toContain('pricing.aprCap');
    expect(policyError({ pricing: { aprFloor: 0.2, aprCap: 0.15 } }).fields).toContain('pricing.aprFloor');
    expect(policyError({ pricing: { aprFloor: 0.07305 } }).fields).toContain('pricing.aprFloor');
  });

  it('names pricing.aprFloor, not fees, when the floor alone (no fees) has no daily rate under the cap', () => {
    // 24% / 365 rounds up to 0.0658% a day on the 0.0001% grid: 24.017% a year, above the 24% cap.
    const err = policyError({ pricing: { aprFloor: 0.24 } });
    expect(err.fields).toEqual(['pricing.aprFloor']);
    expect(err.issues[0]?.message).toMatch(/0\.0658%/);
    expect(err.issues[0]?.message).toMatch(/24% cap/);
  });

  it('names the fee, not pricing.aprFloor, when the floor fits alone and the fees push it over', () => {
    // A 20% floor bills 0.0548% a day (20.002%); a 0.5% monthly fee adds 6 points, above 24%.
    const err = policyError({ pricing: { aprFloor: 0.2 }, fees: { monthlyRate: 0.005, instalmentPlans: [] } });
    expect(err.fields).toEqual(['fees.monthlyRate']);
    expect(resolvePolicy({ pricing: { aprFloor: 0.2 } }).pricing.aprFloor).toBe(0.2);
  });

  it('law: without fees, a floor is refused at pricing.aprFloor exactly when its daily rate on the grid bills above the cap, never at fees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2400 }), (bp) => {
        const aprFloor = bp / 10_000;
        // Whole millionths of a day (the default 0.0001% grid), first step at or above floor / 365.
        const billed = (Math.ceil((bp * 100) / 365 - 1e-9) * 365) / 1_000_000;
        let fields: string[] = [];
        try {
          resolvePolicy({ pricing: { aprFloor }, fees: { oneOffRate: 0, monthlyRate: 0, instalmentPlans: [] } });
        } catch (e) {
          if (!(e instanceof PolicyInvalidError)) throw e;
          fields = e.fields;
        }
        expect(fields).toEqual(billed > 0.24 + 1e-12 ? ['pricing.aprFloor'] : []);
      }),
      { seed: 20_261_201, numRuns: 300 },
    );
  });

  it('rejects grade bands that are not ascending, multiples that rise, and duplicate names', () => {
    const err = policyError({
      grades: [
        { grade: 'A', maxPd: 0.05, incomeMultiple: 2 },
        { grade: 'A', maxPd: 0.03, incomeMultiple: 3 },
        { grade: 'C', maxPd: 1, incomeMultiple: 1 },
      ],
    });
    expect(err.fields).toEqual(expect.arrayContaining(['grades.1.maxPd', 'grades.1.incomeMultiple', 'grades.1.grade']));
  });

  it('rejects DSR bands whose maximum falls as income rises, or whose last band is bounded', () => {
    const err = policyError({
      affordability: {
        dsrBands: [
          { incomeUpTo: 300_000, maxDsr: 0.5 },
          { incomeUpTo: 900_000, maxDsr: 0.4 },
        ],
      },
    });
    expect(err.fields).toEqual(expect.arrayContaining(['affordability.dsrBands.1.maxDsr', 'affordability.dsrBands.1.incomeUpTo']));
  });

  it('rejects a refer band above the decline cut-off, rising tier floors, a regulatory cap above 200,000 RMB', () => {
    const err = policyError({
      refer: { pdAbove: 0.3 },
      affordability: { residualFloorByCityTier: [1, 2, 1, 1, 1] },
      limits: { regulatoryCapPerBorrower: 20_000_001, productMin: 55_000 },
      age: { min: 40, max: 30 },
    });
    expect(err.fields).toEqual(
      expect.arrayContaining(['refer.pdAbove', 'affordability.residualFloorByCityTier.1', 'limits.regulatoryCapPerBorrower', 'limits.productMin', 'age.max']),
    );
  });

  it('rejects a non-object without crashing', () => {
    expect(() => validatePolicy(42)).toThrow(PolicyInvalidError);
    expect(() => validatePolicy(null)).toThrow(PolicyInvalidError);
    expect(policyError([1, 2]).code).toBe('policy_invalid');
  });
});

describe('policyHash', () => {
  it('is a SHA-256 hex digest, independent of key order at every level', () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const h = policyHash(defaultPolicy);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(policyHash(reverseKeys(defaultPolicy) as PolicyConfig)).toBe(h);
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });

  it('changes when any number changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (k) => {
        const changed = resolvePolicy({ pricing: { margin: defaultPolicy.pricing.margin + k / 10_000 } });
        return policyHash(changed) !== policyHash(defaultPolicy);
      }),
      { numRuns: 20 },
    );
  });
});
