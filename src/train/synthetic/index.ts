/**
 * The synthetic applicant population the default model is trained on. Every figure is an
 * assumption documented in models/default/POPULATION.md; none of it is real customer data.
 * @packageDocumentation
 */
export {
  generatePopulation,
  iteratePopulation,
  PopulationOptions,
  type SyntheticApplicantRow,
} from './generatePopulation.js';
export {
  describePopulation,
  type PopulationSummary,
  type SegmentStats,
  type GroupStats,
} from './describePopulation.js';
export { formatPopulationSummary } from './formatPopulationSummary.js';
export {
  LATENT_RISK,
  LATENT_EFFECTS,
  latentRiskEffects,
  sumEffects,
  isCountableEvidence,
  type LatentEffect,
  type LatentEffects,
  type LatentTruth,
} from './latentRisk.js';
export { SEGMENT_IDS, SEGMENT_PROFILES, type SegmentId, type SegmentProfile, type GigWork } from './segments.js';
export { SYNTHETIC_CERTIFICATE_KINDS, SYNTHETIC_KIND_INFO, type SyntheticCertificateKind } from './certificateKinds.js';
export { createPrng, Prng } from './prng.js';
