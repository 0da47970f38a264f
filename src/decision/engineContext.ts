import type { Catalog } from '../catalog/resolveCatalog.js';
import type { FeatureEncoder } from '../features/featureEncoder.js';
import type { FeatureFactor, FeatureReasons } from '../features/featureDefinitions.js';
import type { PolicyConfig } from '../policy/policyConfig.js';
import type { AuditKeys } from './audit.js';
import type { ContributionExplainer, ScoringModel } from './scoringModel.js';

/** Everything loaded once per scorer and shared by every decision. */
export interface EngineContext {
  readonly model: ScoringModel;
  readonly encoder: FeatureEncoder;
  /** Factor of each model column, in column order. */
  readonly factors: readonly FeatureFactor[];
  /** Reason texts of the features that declare their own, by name. */
  readonly featureReasons: ReadonlyMap<string, FeatureReasons>;
  readonly explainer: ContributionExplainer;
  readonly policy: PolicyConfig;
  readonly policyHash: string;
  readonly catalog: Catalog;
  readonly catalogHash: string;
  readonly minConfidence: number;
  /** Data categories the model's features and the policy use (for notices). */
  readonly dataCategories: readonly string[];
  readonly contributionSpace: 'log_odds' | 'probability';
  /** `always`: every decision carries its factors; `when_owed`: only decisions that owe reasons (see ScorerOptions.explanations). */
  readonly explanations: 'always' | 'when_owed';
  /** How many what-if suggestions each decision carries (0: none, and no what-if rows are scored). */
  readonly suggestionCount: number;
  /** The lender's signing and personal-data keys, when given. */
  readonly keys: AuditKeys;
}
