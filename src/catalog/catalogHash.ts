import { canonicalJson } from '../hashing/canonicalJson.js';
import { sha256Hex } from '../hashing/sha256Hex.js';
import { defaultCatalog, type Catalog } from './resolveCatalog.js';

/**
 * SHA-256 of a catalog's kind specs as canonical JSON, in catalog order: what every decision records
 * as `audit.catalogHash`, a run manifest and a monitor baseline record beside the policy hash, and
 * what tells two catalogs apart.
 *
 * @example
 * catalogHash(resolveCatalog(lenderKinds)) === decision.audit.catalogHash; // for a scorer on that catalog
 */
export function catalogHash(catalog: Catalog): string {
  return sha256Hex(canonicalJson([...catalog.values()]));
}

/** {@link catalogHash} of the default catalog. */
export const DEFAULT_CATALOG_HASH = catalogHash(defaultCatalog);

/**
 * The ids of a catalog's kinds that are not the default catalog's as shipped (added, or replacing a
 * default kind), in catalog order: how a message names a lender's catalog to a person.
 */
export function ownKindIds(catalog: Catalog): string[] {
  return [...catalog.values()]
    .filter((k) => {
      const d = defaultCatalog.get(k.id);
      return d === undefined || canonicalJson(d) !== canonicalJson(k);
    })
    .map((k) => k.id);
}
