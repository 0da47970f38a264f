import type { ScorerArgs } from '../cli/openScorer.js';
import { policyHashOf } from '../policy/policyHash.js';
import { ENGINE_VERSION } from '../version.js';
import { keyFingerprints } from '../cli/keyFingerprints.js';
import { fingerprintFeatureModule, type FeatureModuleFingerprint } from '../features/featureModuleFingerprint.js';
import type { ScoringFingerprint } from './chunkJob.js';

/** What a command line scores with: the fingerprint a chunk carries, and what a run manifest records beside it. */
export interface ScoringIdentity {
  readonly fingerprint: Omit<ScoringFingerprint, 'suggestions'>;
  readonly model: { readonly id: string; readonly sha256: string };
  /** The `--features` module, or null for the built-in features. */
  readonly features: FeatureModuleFingerprint | null;
}

/**
 * The model, policy hash, catalog hash, engine version, features and key fingerprints a command line gives,
 * computed by loading them exactly as a scorer does (so a bad model or policy fails here, with its
 * own error).
 */
export async function scoringIdentity(values: ScorerArgs): Promise<ScoringIdentity> {
  const { openScorer } = await import('../cli/openScorer.js');
  const scorer = await openScorer(values, { suggestionsPerDecision: 0 });
  try {
    const features = values.features === undefined ? null : await fingerprintFeatureModule(values.features);
    return {
      fingerprint: {
        modelSha256: scorer.model.sha256,
        policyHash: policyHashOf(scorer.policy),
        catalogHash: scorer.catalogHash,
        engineVersion: ENGINE_VERSION,
        featuresSha256: features === null ? null : features.sha256,
        keys: await keyFingerprints(values),
      },
      model: { id: scorer.model.id, sha256: scorer.model.sha256 },
      features,
    };
  } finally {
    await scorer.close();
  }
}

/** The fingerprint of {@link scoringIdentity}: what a worker compares a chunk's against. */
export async function scoringFingerprint(values: ScorerArgs): Promise<Omit<ScoringFingerprint, 'suggestions'>> {
  return (await scoringIdentity(values)).fingerprint;
}
