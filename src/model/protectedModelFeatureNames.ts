import { protectedNameIssues, type ProtectedNameIssue } from '../text/protectedCharacteristic.js';
import type { ModelManifest } from './manifest.js';

/**
 * A `protected_characteristic` issue at `features.<column>.name` for each input of a model's manifest
 * whose name reads as a protected characteristic (`sex_male`, `Personal.Female`, `婚否`), read as
 * `train` reads a column and `model import` an input. Those refuse such an input, but a manifest
 * written by hand, or a model made before they read names, can hold one: `loadModel` refuses it.
 */
export function protectedModelFeatureNameIssues(manifest: Pick<ModelManifest, 'features'>): ProtectedNameIssue[] {
  return protectedNameIssues(
    manifest.features.map((f) => f.name),
    (column) => ['features', column, 'name'],
    'feature',
    ', whatever model made it: retrain it without this input',
  );
}
