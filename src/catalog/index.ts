export {
  CertificateCategory,
  CertificateKindSpec,
  CertificateScale,
  CertificateValidity,
  LevelledScale,
  LocalizedName,
  NoScale,
  NumericScale,
  AlternateScale,
  ScaleLevel,
  isOnGrid,
  DEFAULT_MIN_USEFUL_VALUE,
  type CertificateKindSpecInput,
} from './certificateKindSpec.js';
export { defaultCertificateKinds } from './defaultCertificateKinds.js';
export { defaultCatalog, resolveCatalog, type Catalog } from './resolveCatalog.js';
export { readScale, type ScaleReading } from './readScale.js';
export { typicalEvidence, type TypicalEvidence } from './typicalEvidence.js';
export { certificateKindSpecJsonSchema } from './certificateKindSpecJsonSchema.js';
