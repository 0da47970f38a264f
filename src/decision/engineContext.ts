import type { Catalog } from '../catalog/resolveCatalog.js';
import type { FeatureEncoder } from '../features/featureEncoder.js';
import type { FeatureFactor } from '../features/featureDefinitions.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import type { DataCategory } from '../schema/dataCategory.js';
import type { ContributionExplainer, ScoringModel } from './scoringModel.js';

/** Everything loaded once per scorer and shared by every decision. */
export interface EngineContext {
  readonly model: ScoringModel;
  readonly encoder: FeatureEncoder;
  /** Factor of each model column, in column order. */
  readonly factors: readonly FeatureFactor[];
  readonly explainer: ContributionExplainer;
  readonly policy: PolicyConfig;
  readonly policyHash: string;
  readonly catalog: Catalog;
  readonly catalogHash: string;
  readonly minConfidence: number;
  /** Data categories the model's features and the policy use (for notices). */
  readonly dataCategories: readonly DataCategory[];
  readonly contributionSpace: 'log_odds' | 'probability';
  /** How many what-if suggestions each decision carries (0: none, and no what-if rows are scored). */
  readonly suggestionCount: number;
}
