import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ValidationError } from '../errors/validationError.js';
import { fingerprintFeatureModule } from './featureModuleFingerprint.js';
import { featuresModuleIssues } from './featuresModuleIssues.js';
import type { FeatureSet } from './featureSet.js';
import type { FeaturesModuleLoader } from './typeScriptLoaderHint.js';

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
 * @throws ValidationError (subject `features module`, path `option`, default `features`) naming the
 *   module's absolute path and what is wrong: no file, a module that fails to load (its own error,
 *   or each issue `defineFeatureSet` found), no feature set exported (see featuresModuleIssues);
 *   a TypeScript module Node cannot load says how to let it where it is loaded (`loader`).
 */
export async function loadFeatureSetModule(path: string, option = 'features', loader: FeaturesModuleLoader = 'process'): Promise<FeatureSetModule> {
  // Checked first, by name: a missing file was a bare ENOENT from the fingerprint.
  const issues = await featuresModuleIssues(path, option, loader);
  if (issues.length > 0) throw new ValidationError('features module', issues);
  const absolute = resolve(path);
  const { sha256 } = await fingerprintFeatureModule(absolute);
  const mod = (await import(pathToFileURL(absolute).href)) as { default?: unknown; features?: unknown };
  // featuresModuleIssues found the same export (the module is cached) to be a defineFeatureSet(...) result.
  const set = mod.default ?? mod.features;
  return { features: set as FeatureSet, path: absolute, sha256 };
}
