import type { ModelManifest } from '../../model/manifest.js';

/** The trainer `creditlift train` records in a manifest's `params.trainer`. */
export const CREDITLIFT_TRAINER = 'creditlift-gbdt';

/** The trainer `creditlift model import` records. */
export const IMPORTED_TRAINER = 'imported';

/**
 * Who made the model, as its manifest records it: `creditlift train`, `model import`, another
 * trainer named in the manifest, or not recorded (`undefined`).
 */
export function trainerOf(manifest: ModelManifest): string | undefined {
  const trainer = manifest.params.trainer;
  return typeof trainer === 'string' && trainer !== '' ? trainer : undefined;
}
