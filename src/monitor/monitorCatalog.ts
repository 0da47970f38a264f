import { z } from 'zod';
import { catalogHash, DEFAULT_CATALOG_HASH, ownKindIds } from '../catalog/catalogHash.js';
import type { CertificateKindSpecInput } from '../catalog/certificateKindSpec.js';
import { catalogOf, defaultCatalog, resolveCatalog, type Catalog } from '../catalog/resolveCatalog.js';
import { ValidationError } from '../errors/validationError.js';

/**
 * The certificate catalog a monitor baseline's evidence was assessed with, when it is not the default
 * catalog: its hash (as decisions record it, `audit.catalogHash`), the ids of the kinds it adds or
 * replaces and of the default kinds it removes (absent when it removes none), for messages. Absent
 * from a baseline built with the default catalog.
 */
export const MonitorCatalog = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256'),
  ownKinds: z.array(z.string()),
  removedKinds: z.array(z.string()).optional(),
});
/** See {@link MonitorCatalog}. */
export type MonitorCatalog = z.infer<typeof MonitorCatalog>;

/** A `catalog` option as `createScorer` takes it (a catalog, or kinds to add or replace), resolved; the default catalog when absent. */
export function catalogOption(catalog: Catalog | readonly CertificateKindSpecInput[] | undefined): Catalog {
  return catalog === undefined ? defaultCatalog : catalog instanceof Map ? catalogOf(catalog) : resolveCatalog(catalog as readonly CertificateKindSpecInput[]);
}

/** What a baseline records of its catalog: undefined for the default catalog. */
export function monitorCatalogOf(catalog: Catalog): MonitorCatalog | undefined {
  const sha256 = catalogHash(catalog);
  if (sha256 === DEFAULT_CATALOG_HASH) return undefined;
  // Written only when some are removed: a baseline of a catalog that removes none reads as before.
  const removedKinds = [...defaultCatalog.keys()].filter((id) => !catalog.has(id));
  return { sha256, ownKinds: ownKindIds(catalog), ...(removedKinds.length === 0 ? {} : { removedKinds }) };
}

/**
 * Refuses a run whose certificate catalog is not the one the baseline was built with: an upload the
 * baseline counted (a lender's own kind) would be rejected `unknown_kind` by the run, or the other
 * way round, and the certificate features and factors would show the two catalogs' difference as
 * the population's drift.
 *
 * @throws ValidationError (subject `MonitorBaseline`) with one `catalog_mismatch` issue at `catalog`
 */
export function checkMonitorCatalog(recorded: MonitorCatalog | undefined, catalog: Catalog): void {
  const run = monitorCatalogOf(catalog);
  if ((recorded?.sha256 ?? DEFAULT_CATALOG_HASH) === (run?.sha256 ?? DEFAULT_CATALOG_HASH)) return;
  throw new ValidationError('MonitorBaseline', [
    {
      path: ['catalog'],
      code: 'catalog_mismatch',
      message: `the baseline was built with ${name(recorded)}; this run assesses evidence with ${name(run)}: run with the catalog the baseline was built with, or build the baseline again from the holdout with this one`,
    },
  ]);
}

/**
 * Why a decision made with the certificate catalog `decisionCatalogHash` (its `audit.catalogHash`)
 * is not measured against a baseline built with `recorded`, or undefined when the two are one
 * catalog: its score and factors would show the two catalogs' difference as drift.
 */
export function otherCatalogMessage(recorded: MonitorCatalog | undefined, decisionCatalogHash: string): string | undefined {
  if (decisionCatalogHash === (recorded?.sha256 ?? DEFAULT_CATALOG_HASH)) return undefined;
  const theirs =
    decisionCatalogHash === DEFAULT_CATALOG_HASH ? 'the default certificate catalog' : `certificate catalog ${decisionCatalogHash.slice(0, 12)}...`;
  return `made with ${theirs} (audit.catalogHash), but the baseline was built with ${name(recorded)}`;
}

function name(c: MonitorCatalog | undefined): string {
  if (c === undefined) return 'the default certificate catalog';
  const listed = (ids: readonly string[]): string => {
    const kinds = ids.slice(0, 10).map((k) => JSON.stringify(k.slice(0, 64)));
    const more = ids.length > kinds.length ? `, and ${ids.length - kinds.length} more` : '';
    return kinds.length === 0 ? 'none' : `${kinds.join(', ')}${more}`;
  };
  // A catalog that only removes default kinds has none of its own: what it removes tells it apart.
  const removed = c.removedKinds ?? [];
  return `certificate catalog ${c.sha256.slice(0, 12)}... (kinds of its own: ${listed(c.ownKinds)}${removed.length === 0 ? '' : `; default kinds it removes: ${listed(removed)}`})`;
}
