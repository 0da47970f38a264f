/**
 * The gradient-boosted tree trainer and scorecard metrics.
 * @packageDocumentation
 */
export { trainGbdt, type TrainedModel, type RoundLog, type TrainGbdtOptions } from './trainGbdt.js';
export type { GbdtWarning } from './gbdtWarnings.js';
export { GbdtParams, resolveGbdtParams, type GbdtParamsInput } from './gbdtParams.js';
export { validateGbdtData, type GbdtData, type GbdtRowMajorData, type GbdtColumnData } from './gbdtData.js';
export { holdoutSplit, type HoldoutSplit } from './holdoutSplit.js';
export { auc, ks, brier, logLoss, calibrationTable, psi, type CalibrationBin } from './metrics.js';
