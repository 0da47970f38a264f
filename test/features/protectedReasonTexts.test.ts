import { describe, expect, it } from 'vitest';
import { createFeatureEncoder } from '../../src/features/featureEncoder.js';
import type { FeatureDefinition } from '../../src/features/featureDefinitions.js';
import { builtInFeatures, builtInFeatureSet, defineFeatureSet, type FeatureSet } from '../../src/features/featureSet.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

// findings: a lender feature's reason texts (what an applicant is told when the feature drove a
// factor) were never read for protected groups, though category values and catalog level names
// were: reasons { raisesRisk: { en: 'Applicants who are married', zhHans: '已婚申请人' } } registered,
// and a decision could tell a customer their marital status raised the risk. Each of the four texts
// is now read at registration, as category values are, and refused at its own path.

const N = builtInFeatures.length;
type Reasons = NonNullable<FeatureDefinition['reasons']>;
const ordinary: Reasons = {
  raisesRisk: { en: 'Low score with us', zhHans: '本机构评分较低' },
  lowersRisk: { en: 'Good score with us', zhHans: '本机构评分良好' },
};
const withReasons = (reasons: Reasons): FeatureDefinition =>
  ({
    name: 'tenure_score',
    description: 'Our own score',
    unit: 'points',
    sources: [],
    monotone: 0,
    factor: 'platform_behaviour',
    kind: 'numeric',
    dataCategory: 'lender_internal',
    reasons,
    compute: () => 1,
  }) as FeatureDefinition;
const issuesOf = (reasons: Reasons) =>
  validationErrorOf(() => defineFeatureSet({ features: [...builtInFeatures, withReasons(reasons)] })).issues.map((i) => [i.code, i.path.join('.'), i.message]);

describe("a lender feature's reason texts are read for protected groups when it is registered", () => {
  it('each text naming one is refused at its path, naming the feature, the text and the term', () => {
    const issues = issuesOf({
      raisesRisk: { en: 'Applicants who are married', zhHans: '已婚申请人' },
      lowersRisk: { en: 'Good score with us', zhHans: '女性客户' },
    });
    expect(issues.map(([code, path]) => [code, path])).toEqual([
      ['protected_characteristic', `features.${N}.reasons.raisesRisk.en`],
      ['protected_characteristic', `features.${N}.reasons.raisesRisk.zhHans`],
      ['protected_characteristic', `features.${N}.reasons.lowersRisk.zhHans`],
    ]);
    expect(issues[0]?.[2]).toContain('feature "tenure_score"');
    expect(issues[0]?.[2]).toContain('"Applicants who are married"');
    expect(issues[0]?.[2]).toContain('(marital_status: "married")');
    expect(issues[2]?.[2]).toContain('(sex: "女性")');
  });

  it.each([
    ['Pregnant applicants', 'pregnancy'],
    ['Muslim-owned business', 'religion'],
    ['少数民族地区', 'ethnicity'],
  ])('%j is refused (%s)', (text, characteristic) => {
    const issues = issuesOf({ ...ordinary, lowersRisk: { en: 'ok', zhHans: text } });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.[2]).toContain(`(${characteristic}: `);
  });

  it('ordinary texts pass, the built-in features and words holding a term (womenswear, 子女, maternity insurance) among them', () => {
    expect(() =>
      defineFeatureSet({
        features: [
          ...builtInFeatures,
          withReasons({
            raisesRisk: { en: 'Few months of maternity insurance paid', zhHans: '子女教育支出较高' },
            lowersRisk: { en: 'Steady womenswear sales', zhHans: '女装店经营稳定' },
          }),
        ],
      }),
    ).not.toThrow();
    expect(builtInFeatureSet.definitions.length).toBe(N);
  });

  it('a feature set built by hand is held to it when a scorer is built', () => {
    const bad = withReasons({ ...ordinary, raisesRisk: { en: 'Divorced applicants', zhHans: '本机构评分较低' } });
    const byHand: FeatureSet = { ...builtInFeatureSet, definitions: [bad], byName: new Map([[bad.name, bad]]) };
    const err = validationErrorOf(() => createFeatureEncoder({ features: [{ name: 'tenure_score', kind: 'numeric', monotone: 0 }] }, byHand));
    expect(err.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['protected_characteristic', 'features.0.reasons.raisesRisk.en']]);
  });
});
