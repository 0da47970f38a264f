/**
 * creditlift/testing: fast-check arbitraries and credit-law checks a lender runs in its own test
 * runner against its own policy and scorer.
 * @packageDocumentation
 */
export { APPLICANT_SEGMENTS, type ApplicantSegment } from './applicantSegment.js';
export { applicantArbitrary, DEFAULT_ARBITRARY_AS_OF, type ApplicantArbitraryOptions } from './applicantArbitrary.js';
export { certificateEvidenceArbitrary, type CertificateEvidenceArbitraryOptions, type EvidenceHolder } from './certificateEvidenceArbitrary.js';
export { profileChangeArbitrary, applyProfileChange, type ProfileChange, type ProfileChangeArbitraryOptions } from './profileChangeArbitrary.js';
export { evidenceRejectionReasons, type EvidenceValidity, type InvalidEvidence } from './evidenceValidity.js';
export { policyConfigArbitrary } from '../policy/policyConfigArbitrary.js';
export {
  CREDIT_LAW_NAMES,
  type CreditLaw,
  type CreditLawName,
  type LawSubject,
  type LawRunOptions,
  type LawReplayOptions,
  type LawPart,
  type LawPool,
  type LawAttributes,
} from './creditLaw.js';
export { CreditLawViolation, type CreditLawViolationDetails } from './creditLawViolation.js';
export { creditLaws } from './creditLaws.js';
export { assertCreditLaws, type AssertCreditLawsOptions, type CreditLawsReport } from './assertCreditLaws.js';
export { mutateScorer, MUTANT_PATHS, type MutantPath, type MutantEditContext, type MutateScorerOptions } from './mutateScorer.js';
export { arbitraryTreeEnsemble, arbitraryRow, type ArbitraryTreeEnsembleOptions } from '../explain/treeShap/arbitraryTreeEnsemble.js';
export { bruteForceShap } from '../explain/treeShap/bruteForceShap.js';
