import type { ScorerArgs } from '../cli/openScorer.js';
import { policyHash } from '../policy/policyHash.js';
import { ENGINE_VERSION } from '../version.js';
import { keyFingerprints } from '../cli/keyFingerprints.js';
import { fingerprintFeatureModule } from '../features/featureModuleFingerprint.js';
import type { ScoringFingerprint } from './chunkJob.js';

/**
 * The model SHA-256, policy hash, engine version and key fingerprints a command line gives, computed by
 * loading them exactly as a scorer does (so a bad model or policy fails here, with its own error).
 */
export async function scoringFingerprint(values: ScorerArgs): Promise<Omit<ScoringFingerprint, 'suggestions'>> {
  const { openScorer } = await import('../cli/openScorer.js');
  const scorer = await openScorer(values, { suggestionsPerDecision: 0 });
  try {
    return {
      modelSha256: scorer.model.sha256,
      policyHash: policyHash(scorer.policy),
      engineVersion: ENGINE_VERSION,
      featuresSha256: values.features === undefined ? null : (await fingerprintFeatureModule(values.features)).sha256,
      keys: await keyFingerprints(values),
    };
  } finally {
    await scorer.close();
  }
}
