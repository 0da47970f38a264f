import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ValidationError } from '../errors/validationError.js';
import { fingerprintFeatureModule } from './featureModuleFingerprint.js';
import type { FeatureSet } from './featureSet.js';

/** A lender's feature set loaded from its module, and which file it came from. */
export interface FeatureSetModule {
  readonly features: FeatureSet;
  /** Absolute path of the module. */
  readonly path: string;
  /**
   * Hex SHA-256 of the module file and the local files it imports (see fingerprintFeatureModule).
   * Feature sets hold functions, which cannot be compared: a run's manifest and a distributed job
   * compare this instead, so a changed module, or a changed helper it imports, is never mixed in.
   */
  readonly sha256: string;
}

/**
 * Loads a lender's feature set from an ES module whose default export (or `features` export) is a
 * `defineFeatureSet(...)` result: how the command line (`--features MODULE`) and the scorer pool's
 * worker processes, which cannot receive functions, get the lender's features.
 *
 * @throws ValidationError (path `features`) when the module does not export a feature set; the
 *   module's own error when it cannot be read or fails to load.
 */
export async function loadFeatureSetModule(path: string): Promise<FeatureSetModule> {
  const absolute = resolve(path);
  const { sha256 } = await fingerprintFeatureModule(absolute);
  const mod = (await import(pathToFileURL(absolute).href)) as { default?: unknown; features?: unknown };
  const set = mod.default ?? mod.features;
  if (typeof set !== 'object' || set === null || !('byName' in set) || !('definitions' in set)) {
    throw new ValidationError('features module', [
      {
        path: ['features'],
        code: 'invalid_type',
        message: `${path} must export a defineFeatureSet(...) result as its default export or as "features"`,
      },
    ]);
  }
  return { features: set as FeatureSet, path: absolute, sha256 };
}
