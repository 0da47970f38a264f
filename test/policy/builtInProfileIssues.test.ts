// A policy that names a built-in jurisdiction profile runs under that profile's legal figures, never
// edited ones: a profile that keeps the id "cn-consumer-finance-2024" but bills 36% APR or grants
// 500,000 RMB would still read as the Chinese rules in every audit and report.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import { defaultPolicy } from '../../src/policy/defaultPolicy.js';
import { cnConsumerFinance2024, euCcd2, type JurisdictionProfile, jurisdictionProfiles } from '../../src/policy/jurisdictionProfile.js';
import { PolicyInvalidError } from '../../src/policy/policyInvalidError.js';
import { resolvePolicy, type PolicyOverrides } from '../../src/policy/resolvePolicy.js';
import { validatePolicy } from '../../src/policy/validatePolicy.js';

const SEED = 20261201;

function refusal(run: () => unknown): PolicyInvalidError {
  try {
    run();
  } catch (e) {
    if (e instanceof PolicyInvalidError) return e;
    throw e;
  }
  throw new Error('expected a PolicyInvalidError');
}

const loosenedCn: JurisdictionProfile = { ...cnConsumerFinance2024, aprCap: 0.36, perBorrowerCreditLineCap: 100_000_000 };

describe('resolvePolicy: jurisdiction is a unit', () => {
  it('a partial profile is not merged into the default one: it is refused naming every missing field', () => {
    const err = refusal(() => resolvePolicy({ jurisdiction: { aprCap: 0.36, perBorrowerCreditLineCap: 100_000_000 } } as unknown as PolicyOverrides));
    expect(err.code).toBe('policy_invalid');
    expect(err.fields).toEqual(
      expect.arrayContaining([
        'jurisdiction.id',
        'jurisdiction.name',
        'jurisdiction.bannedDataCategories',
        'jurisdiction.solelyAutomatedDecisionOptOut',
        'jurisdiction.sources',
      ]),
    );
  });

  it('a whole profile replaces the default one', () => {
    expect(resolvePolicy({ jurisdiction: euCcd2 }).jurisdiction).toEqual(euCcd2);
    const own: JurisdictionProfile = { ...cnConsumerFinance2024, id: 'cn-pilot-zone', name: 'A pilot zone with a lower cap', aprCap: 0.2 };
    expect(resolvePolicy({ jurisdiction: own, pricing: { aprCap: 0.2 } }).jurisdiction).toEqual(own);
  });
});

describe('a profile carrying a built-in id must be that built-in profile', () => {
  it("refuses the finding's policy: China's id with a 36% APR cap and a 1,000,000 RMB line cap, naming every raised figure", () => {
    const err = refusal(() => resolvePolicy({ jurisdiction: loosenedCn, pricing: { aprCap: 0.36 }, limits: { lenderCapPerBorrower: 50_000_000 } }));
    expect(err.fields.sort()).toEqual(['jurisdiction.aprCap', 'jurisdiction.perBorrowerCreditLineCap', 'limits.lenderCapPerBorrower', 'pricing.aprCap']);
    const apr = err.issues.find((i) => i.path.join('.') === 'jurisdiction.aprCap');
    expect(apr?.message).toMatch(/cn-consumer-finance-2024/);
    expect(apr?.message).toMatch(/24%/);
    expect(apr?.message).toMatch(/pricing\.aprCap/);
    expect(apr?.message).toMatch(/own id/);
    const line = err.issues.find((i) => i.path.join('.') === 'jurisdiction.perBorrowerCreditLineCap');
    expect(line?.message).toMatch(/20,000,000 fen/);
    expect(line?.message).toMatch(/limits\.lenderCapPerBorrower/);
  });

  it('refuses a stricter figure too: the lender puts its own numbers in pricing.aprCap, not in the legal profile', () => {
    const err = refusal(() => validatePolicy({ ...defaultPolicy, jurisdiction: { ...cnConsumerFinance2024, aprCap: 0.2 } }));
    expect(err.fields).toEqual(['jurisdiction.aprCap']);
    expect(err.issues[0]?.message).toMatch(/pricing\.aprCap/);
  });

  it('refuses an edited name, sources, banned categories or opt-out, each at its own path', () => {
    const err = refusal(() =>
      validatePolicy({
        ...defaultPolicy,
        jurisdiction: { ...euCcd2, name: 'EU, edited', sources: [], bannedDataCategories: ['health'], solelyAutomatedDecisionOptOut: false },
      }),
    );
    expect(err.fields.sort()).toEqual([
      'jurisdiction.bannedDataCategories',
      'jurisdiction.name',
      'jurisdiction.solelyAutomatedDecisionOptOut',
      'jurisdiction.sources',
    ]);
  });

  it('every message is whole (under the 256 characters an issue message keeps), for every field of every built-in profile', () => {
    for (const profile of Object.values(jurisdictionProfiles)) {
      const edited = {
        id: profile.id,
        name: 'x',
        aprCap: 0.5,
        perBorrowerCreditLineCap: 1,
        bannedDataCategories: [],
        solelyAutomatedDecisionOptOut: false,
        sources: [],
      };
      const err = refusal(() => validatePolicy({ ...defaultPolicy, jurisdiction: edited }));
      const own = err.issues.filter((i) => i.path[0] === 'jurisdiction');
      expect(own.map((i) => i.path[1]).sort()).toEqual([
        'aprCap',
        'bannedDataCategories',
        'name',
        'perBorrowerCreditLineCap',
        'solelyAutomatedDecisionOptOut',
        'sources',
      ]);
      for (const i of own) expect(i.message).toMatch(/needs a profile with its own id$/);
    }
  });

  it('accepts each built-in profile, the same object or an equal copy', () => {
    for (const profile of Object.values(jurisdictionProfiles)) {
      expect(validatePolicy({ ...defaultPolicy, jurisdiction: profile }).jurisdiction).toEqual(profile);
      expect(validatePolicy({ ...defaultPolicy, jurisdiction: structuredClone(profile) }).jurisdiction).toEqual(profile);
    }
  });

  it('createScorer refuses it, from a complete policy and from overrides', async () => {
    const policy = { ...defaultPolicy, jurisdiction: loosenedCn, pricing: { ...defaultPolicy.pricing, aprCap: 0.36 } };
    await expect(createScorer({ policy })).rejects.toSatisfy(
      (e) => e instanceof PolicyInvalidError && e.fields.includes('jurisdiction.aprCap') && e.fields.includes('jurisdiction.perBorrowerCreditLineCap'),
    );
    await expect(createScorer({ policyOverrides: { jurisdiction: loosenedCn } })).rejects.toSatisfy(
      (e) => e instanceof PolicyInvalidError && e.fields.includes('jurisdiction.aprCap'),
    );
  });

  it('law: loosening any legal figure of any built-in profile is refused at that figure', () => {
    const loosening = fc.constantFrom(...Object.values(jurisdictionProfiles)).chain((profile) => {
      const options: fc.Arbitrary<[keyof JurisdictionProfile, JurisdictionProfile]>[] = [];
      const cap = profile.aprCap;
      if (cap !== null) {
        options.push(
          fc
            .option(fc.integer({ min: Math.round(cap * 10_000) + 1, max: 10_000 }), { nil: null })
            .map((bp) => ['aprCap', { ...profile, aprCap: bp === null ? null : bp / 10_000 }]),
        );
      }
      const line = profile.perBorrowerCreditLineCap;
      if (line !== null) {
        options.push(
          fc
            .option(fc.integer({ min: line + 1, max: line * 100 }), { nil: null })
            .map((fen) => ['perBorrowerCreditLineCap', { ...profile, perBorrowerCreditLineCap: fen }]),
        );
      }
      options.push(
        fc
          .subarray([...profile.bannedDataCategories], { maxLength: profile.bannedDataCategories.length - 1 })
          .map((kept) => ['bannedDataCategories', { ...profile, bannedDataCategories: kept }]),
      );
      if (profile.solelyAutomatedDecisionOptOut)
        options.push(fc.constant(['solelyAutomatedDecisionOptOut', { ...profile, solelyAutomatedDecisionOptOut: false }]));
      return fc.oneof(...options);
    });
    fc.assert(
      fc.property(loosening, ([field, profile]) => {
        const path = `jurisdiction.${field}`;
        expect(refusal(() => validatePolicy({ ...defaultPolicy, jurisdiction: profile })).fields, `validatePolicy: ${path}`).toContain(path);
        expect(refusal(() => resolvePolicy({ jurisdiction: profile })).fields, `resolvePolicy: ${path}`).toContain(path);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
