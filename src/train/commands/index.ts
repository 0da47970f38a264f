/**
 * The `creditlift train` and `creditlift predict` commands, and the pure cores they wrap.
 * @packageDocumentation
 */
export { runTrainCommand, trainFromCsv, TRAIN_USAGE, type CsvTrainingOptions, type CsvTrainingResult } from './trainCommand.js';
export { runPredictCommand, encodingsFromManifest, formatFloat32, PREDICT_USAGE } from './predictCommand.js';
export { buildManifest, type ManifestParts } from './buildManifest.js';
export { TrainingReport } from './trainingReport.js';
export { parseMonotone, type MonotoneDirection } from './parseMonotone.js';
export { processIo, ExitCode, type CommandIo } from '../../commandLine/commandIo.js';
export { runFeaturizeCommand, FEATURIZE_USAGE } from './featurizeCommand.js';
