import type { CertificateKindSpec, CertificateKindSpecInput } from '../../catalog/certificateKindSpec.js';
import { catalogOf, defaultCatalog, resolveCatalog, type Catalog } from '../../catalog/resolveCatalog.js';
import { ValidationError, type ValidationIssue } from '../../errors/validationError.js';

/**
 * Catalogs the kit built from a scorer's kinds and found valid, whose kinds can change no more (the
 * array and every kind deep-frozen, as a scorer's are). Validating a catalog parses every kind
 * through the catalog schema, its protected-name checks included: 0.1 to 1 s of CPU, and the kit
 * read the same scorer's catalog again for every arbitrary of every law (1.3 s of a 4.8 s law test).
 * Only {@link checkedScorerCatalog} adds here; a Map a caller passes is validated on every read.
 */
const checkedCatalogs = new WeakSet<object>();

const deepFrozen = (value: unknown): boolean =>
  value === null || typeof value !== 'object' || (Object.isFrozen(value) && Object.values(value).every(deepFrozen));

/**
 * `kinds` (a scorer's) as a catalog to draw from: validated here once, and remembered when they can
 * change no more, so every later read of the same kinds is that catalog, unchecked again.
 */
export function checkedScorerCatalog(kinds: readonly CertificateKindSpec[], remembered: WeakMap<object, Catalog>): Catalog {
  const known = remembered.get(kinds);
  if (known !== undefined) return known;
  const catalog: Catalog = new Map(kinds.map((k) => [k.id, k]));
  if (deepFrozen(kinds) && catalogOption(catalog).issues.length === 0) {
    checkedCatalogs.add(catalog);
    remembered.set(kinds, catalog);
  }
  return catalog;
}

/**
 * The `catalog` option of an arbitrary, read as `createScorer({ catalog })` reads it: a catalog (a
 * Map of kinds by id), or the array of kind specs to add or override in the default one. Anything
 * else, or a kind that is not valid, is an issue at `catalog`: a catalog the draws cannot read
 * would otherwise draw no evidence at all, and a property about evidence would pass on none.
 */
export function catalogOption(value: unknown): { readonly catalog: Catalog; readonly issues: readonly ValidationIssue[] } {
  if (value instanceof Map && checkedCatalogs.has(value)) return { catalog: value as Catalog, issues: [] };
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
