/**
 * A lender's own numeric feature that passes every rule of `defineFeatureSet` when its set declares
 * the attribute its sources name (`score` by default), for tests to break one field at a time.
 */
export function lenderScoreFeature(sources: string[] = ['attributes.score']) {
  return {
    name: 'lender_score',
    description: 'Our score',
    unit: 'points',
    sources,
    monotone: 0 as const,
    factor: 'platform_behaviour' as const,
    kind: 'numeric' as const,
    dataCategory: 'lender_internal' as const,
    reasons: { raisesRisk: { en: 'Low score', zhHans: '评分较低' }, lowersRisk: { en: 'Good score', zhHans: '评分良好' } },
    compute: () => 1,
  };
}
