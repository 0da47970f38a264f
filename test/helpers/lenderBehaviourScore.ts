import { z } from 'zod';
import type { ApplicantInputWith } from '../../src/decision/createScorer.js';
import { builtInFeatures, defineFeatureSet } from '../../src/features/featureSet.js';

/**
 * README "Your own features and attributes": a lender's own attribute and feature, its internal
 * behaviour score of the customer (0-1000, higher is safer), required on every applicant.
 */
export const behaviourScoreFeatures = defineFeatureSet({
  attributes: { internal_behaviour_score: z.number().int().min(0).max(1000) },
  features: [
    ...builtInFeatures,
    {
      name: 'internal_behaviour_score',
      description: "The lender's own behaviour score of the customer",
      unit: 'points 0-1000',
      sources: ['attributes.internal_behaviour_score'],
      monotone: -1,
      factor: 'platform_behaviour',
      kind: 'numeric',
      dataCategory: 'lender_internal',
      reasons: {
        raisesRisk: { en: 'Your behaviour score with us is low', zhHans: '您在本机构的行为评分较低' },
        lowersRisk: { en: 'Your behaviour score with us is good', zhHans: '您在本机构的行为评分良好' },
      },
      compute: (ctx) => ctx.applicant.attributes.internal_behaviour_score,
    },
  ],
});

/** An applicant as a caller writes it for a scorer with {@link behaviourScoreFeatures}. */
export type BehaviourScoreApplicant = ApplicantInputWith<{ internal_behaviour_score: number }>;
