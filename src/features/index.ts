export type { FeatureContext } from './featureContext.js';
export {
  featureDefinitions,
  featureDefinitionsByName,
  type FeatureDefinition,
  type FeatureFactor,
  type FeatureReasons,
  type FeatureText,
} from './featureDefinitions.js';
export {
  createFeatureEncoder,
  defaultFeatureColumns,
  featureMismatches,
  type FeatureEncoder,
  type FeatureInput,
  type UnseenCategory,
} from './featureEncoder.js';
export { builtInFeatures, builtInFeatureSet, defineFeatureSet, type FeatureSet, type FeatureSetSpec } from './featureSet.js';
export { FeatureMismatchError, type FeatureMismatch } from './featureMismatchError.js';
export { parseFeatureApplicant } from './parseFeatureApplicant.js';
