/**
 * creditlift: explainable credit-limit decisions for people classic credit data barely sees.
 *
 * The flow of a decision, and where each step lives: input schemas (`schema`) -> evidence
 * assessment (`catalog`, `evidence`) -> features (`features`) -> model: load, score, explain
 * (`model`, `explain`) -> policy: limits, affordability, pricing (`policy`) -> the decision
 * (`decision`). Training lives in `creditlift/train`, the budget assistant in
 * `creditlift/health`, property-testing tools in `creditlift/testing`.
 * @packageDocumentation
 */
export * from './errors/index.js';
export * from './schema/index.js';
export * from './catalog/index.js';
export * from './evidence/index.js';
export * from './features/index.js';
export * from './model/manifest.js';
export { NodeMode, sigmoid, allocateTree, type Tree, type TreeEnsemble, type PostTransform, type NodeModeCode } from './model/treeEnsemble.js';
export { loadModel, type LoadedModel, type LoadModelOptions } from './model/loadModel.js';
export { defaultModelPath } from './model/defaultModelPath.js';
export { importOnnxModel, ImportSpec, type ImportOptions, type ImportedModel } from './model/import/importOnnxModel.js';
export { checkMonotone, MonotoneViolationError, type MonotoneCheck, type MonotoneClaim, type MonotoneViolation } from './model/verifyMonotone.js';
export { evaluateEnsemble, evaluateEnsembleBatch, type EnsembleEvaluation } from './model/evaluateEnsemble.js';
export { decodeTreeEnsembleModel, type DecodedTreeModel } from './model/onnx/decodeTreeEnsemble.js';
export * from './policy/index.js';
export { createTreeExplainer, type TreeExplainer, type TreeExplainerOptions } from './explain/createTreeExplainer.js';
export { coversFromBackground, type BackgroundSample } from './explain/coversFromBackground.js';
export { toProbabilitySpace } from './explain/treeShap/toProbabilitySpace.js';
export { factorCatalog, type BilingualText, type FactorEntry } from './explain/factorCatalog.js';
export { groupContributions, type FactorContribution } from './explain/factorContributions.js';
export { principalReasons, MAX_PRINCIPAL_REASONS, type PrincipalReason } from './explain/principalReasons.js';
export * from './decision/index.js';
export { createScorerPool, type ScorerPool, type ScorerPoolOptions } from './parallel/createScorerPool.js';
export type { BatchResultJson } from './parallel/batchResultJson.js';
export * from './simulate/index.js';
export * from './monitor/index.js';
export { ENGINE_VERSION } from './version.js';
