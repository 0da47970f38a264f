import type { CertificateKindSpecInput } from '../../catalog/certificateKindSpec.js';
import { catalogOf, defaultCatalog, resolveCatalog, type Catalog } from '../../catalog/resolveCatalog.js';
import { ValidationError, type ValidationIssue } from '../../errors/validationError.js';

/**
 * The `catalog` option of an arbitrary, read as `createScorer({ catalog })` reads it: a catalog (a
 * Map of kinds by id), or the array of kind specs to add or override in the default one. Anything
 * else, or a kind that is not valid, is an issue at `catalog`: a catalog the draws cannot read
 * would otherwise draw no evidence at all, and a property about evidence would pass on none.
 */
export function catalogOption(value: unknown): { readonly catalog: Catalog; readonly issues: readonly ValidationIssue[] } {
  if (value === undefined) return { catalog: defaultCatalog, issues: [] };
  const isMap = value instanceof Map;
  if (!isMap && !Array.isArray(value))
    return {
      catalog: defaultCatalog,
      issues: [
        {
          path: ['catalog'],
          code: 'invalid_type',
          message: 'catalog must be a catalog (a Map of kinds by id, from resolveCatalog) or an array of kind specs, as createScorer({ catalog }) takes',
        },
      ],
    };
  try {
    // A Map is validated but drawn from as given: its kinds' identity with the default catalog's is
    // what tells a lender's own kinds from the built-in ones (drawn as often as all of those together).
    if (isMap) {
      catalogOf(value as Catalog);
      return { catalog: value as Catalog, issues: [] };
    }
    return { catalog: resolveCatalog(value as CertificateKindSpecInput[]), issues: [] };
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    return { catalog: defaultCatalog, issues: e.issues.map((i) => ({ ...i, path: ['catalog', ...i.path] })) };
  }
}
