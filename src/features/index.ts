export type { FeatureContext } from './featureContext.js';
export { featureDefinitions, featureDefinitionsByName, type FeatureDefinition, type FeatureFactor } from './featureDefinitions.js';
export { createFeatureEncoder, defaultFeatureColumns, type FeatureEncoder } from './featureEncoder.js';
