// A lender feature whose `sources` named an attribute its set does not declare (a typo:
// `attributes.internal_behavior_score` beside the declared `internal_behaviour_score`) was accepted:
// no applicant can carry an undeclared attribute (the attributes are a strict object), so the
// feature read undefined on every row, featurize wrote the column empty for the whole book, train
// learned nothing from it, and the scorer scored it missing, all without a word. Now defineFeatureSet
// refuses it at the source, naming the attribute and the ones declared.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtInFeatures, defineFeatureSet } from '../../src/features/featureSet.js';
import { lenderScoreFeature } from '../helpers/lenderScoreFeature.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

const feature = lenderScoreFeature;

const issuesOf = (f: () => unknown) => validationErrorOf(f).issues.map((i) => [i.path.join('.'), i.code, i.message]);

describe('a feature source names an attribute the set declares', () => {
  const attributes = { internal_behaviour_score: z.number(), business: z.object({ summary: z.string() }).optional() };

  it('a misspelt attribute is refused at its source, naming the declared ones', () => {
    expect(
      issuesOf(() =>
        defineFeatureSet({
          attributes,
          features: [...builtInFeatures, feature(['attributes.internal_behaviour_score', 'attributes.internal_behavior_score'])],
        }),
      ),
    ).toEqual([
      [
        'features.28.sources.1',
        'undeclared_attribute',
        'feature "lender_score" source "attributes.internal_behavior_score" names attribute "internal_behavior_score", which the set does not declare (declared: internal_behaviour_score, business): it would be missing on every row',
      ],
    ]);
  });

  it('a set declaring no attributes refuses any attribute source', () => {
    expect(issuesOf(() => defineFeatureSet({ features: [feature(['attributes.score[0].x'])] }))).toEqual([
      [
        'features.0.sources.0',
        'undeclared_attribute',
        'feature "lender_score" source "attributes.score[0].x" names attribute "score", which the set does not declare (it declares no attributes): it would be missing on every row',
      ],
    ]);
  });

  it('declared attributes, nested paths, indexes, wildcards and all attributes pass', () => {
    const sources = [
      'attributes.internal_behaviour_score',
      'attributes.business.summary',
      'attributes.business[0]',
      'attributes.*.summary',
      'attributes',
      'income.monthlyNet',
    ];
    expect(defineFeatureSet({ attributes, features: [feature(sources)] }).definitions).toHaveLength(1);
  });
});
