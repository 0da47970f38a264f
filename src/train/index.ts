/**
 * `creditlift/train`: train a gradient-boosted tree credit model from a CSV or typed arrays,
 * measure it, and export it to ONNX with its manifest.
 * @packageDocumentation
 */
export * from './gbdt/index.js';
export * from './dataset/index.js';
export * from './commands/index.js';
export * from './synthetic/index.js';
export {
  trainDefaultModel,
  DEFAULT_MODEL_SETTINGS,
  BASELINE_METADATA_KEY,
  type TrainDefaultModelOptions,
  type DefaultModelBuild,
} from './defaultModel/trainDefaultModel.js';
export { featurizeApplicants } from './defaultModel/featurizeApplicants.js';
export { scoreBaseline, type ScoreBaseline } from './defaultModel/scoreBaseline.js';
export { renderModelCard } from './defaultModel/renderModelCard.js';
// A lender's own model gets its card from its folder; renderModelCard describes the default model only.
export { renderTrainedModelCard } from './modelCard/renderTrainedModelCard.js';
export { readModelFolder } from './modelCard/readModelFolder.js';
export { ModelFolder } from './modelCard/modelFolder.js';
export { encodeTreeEnsembleModel, PROBABILITY_OUTPUT_NAME, LABEL_OUTPUT_NAME, type TreeEnsembleModelSpec } from '../model/onnx/encodeTreeEnsemble.js';
// A model trained elsewhere (XGBoost, LightGBM) becomes a creditlift model here, as a trained one does.
export { importOnnxModel, ImportSpec, type ImportOptions, type ImportedModel } from '../model/import/importOnnxModel.js';
export { featurizeBook, type FeaturizeOptions, type FeaturizedBook } from './featurize/featurizeBook.js';
