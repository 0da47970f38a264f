/**
 * From CSV text to a model matrix: RFC 4180 parsing, column typing and the encodings a model
 * manifest stores.
 * @packageDocumentation
 */
export { parseCsv, type CsvTable } from './parseCsv.js';
export { DEFAULT_NA_TOKENS, inferColumnKind, isMissingCell, missingTokenSet, parseNumericCell, type ColumnKind } from './columnKind.js';
export {
  fitTabularEncoding,
  encodeTable,
  featureStats,
  type FeatureEncoding,
  type FitEncodingOptions,
  type EncodedDataset,
  type FeatureStats,
  type TrainingWarning,
} from './tabularEncoding.js';
