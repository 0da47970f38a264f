import type { ValidationIssue } from '../errors/validationError.js';
import type { ProtectedCharacteristic } from '../text/protectedCharacteristic.js';
import { protectedValueIssues, protectedValueOf } from '../text/protectedValue.js';
import type { ModelManifest } from './manifest.js';

/** A category a model's input codes that names a protected group: the feature, its column, the code and the value. */
export interface ProtectedModelCategory {
  readonly feature: string;
  readonly column: number;
  /** The category's code (its place in the manifest's `categories`). */
  readonly code: number;
  readonly category: string;
  readonly characteristic: ProtectedCharacteristic;
  readonly term: string;
}

/**
 * Every category a model's manifest codes (`features[].categories`, its vocabulary) that names a
 * protected group, read as category values are read (src/text/protectedValue.ts). `train` and
 * `model import` refuse such a category, but a model made before they read values (or a manifest
 * written by hand) can hold one: `segment` over `male` / `female`.
 */
export function protectedModelCategories(manifest: Pick<ModelManifest, 'features'>): ProtectedModelCategory[] {
  return manifest.features.flatMap((f, column) =>
    (f.categories ?? []).flatMap((category, code) => {
      const found = protectedValueOf(category);
      return found === null ? [] : [{ feature: f.name, column, code, category, characteristic: found.characteristic, term: found.term }];
    }),
  );
}

/**
 * A `protected_characteristic` issue at `features.<column>.categories.<code>` for each category of
 * {@link protectedModelCategories}: what `loadModel` refuses a model for, since whoever falls in that
 * category would be told apart by it.
 */
export function protectedModelCategoryIssues(manifest: Pick<ModelManifest, 'features'>): ValidationIssue[] {
  return manifest.features.flatMap((f, column) =>
    protectedValueIssues(
      f.categories ?? [],
      (code) => ['features', column, 'categories', code],
      `feature "${f.name}"`,
      ', whatever the feature is called; a model trained before categories were read: retrain it without this category',
    ),
  );
}
