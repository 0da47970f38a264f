import { z } from 'zod';
import { deepFreeze } from '../common/deepFreeze.js';
import { ReadOnlyMap } from '../common/readOnlyMap.js';
import { ValidationError } from '../errors/validationError.js';
import { readSchemaOptions } from '../schema/readSchemaOptions.js';
import { CertificateKindSpec, type CertificateKindSpecInput } from './certificateKindSpec.js';
import { defaultCertificateKinds } from './defaultCertificateKinds.js';

/** A resolved certificate catalog: validated kind specs by id. Build one with {@link resolveCatalog}. */
export type Catalog = ReadonlyMap<string, CertificateKindSpec>;

// More kinds than this is a mistake in the caller's data, not a catalog.
const MAX_KINDS = 500;

const KindList = z
  .array(CertificateKindSpec)
  .max(MAX_KINDS)
  .superRefine((kinds, ctx) => {
    const seen = new Set<string>();
    kinds.forEach((k, i) => {
      if (seen.has(k.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `kind "${k.id}" is given twice` });
      seen.add(k.id);
    });
  });

function parseKinds(subject: string, input: unknown): CertificateKindSpec[] {
  // Read once as plain data, then parsed: a getter that throws in a kind is `unreadable_input` at
  // its own path, with every other fault; handed to zod directly it threw the caller's own Error.
  const r = readSchemaOptions(input, KindList);
  if (!r.ok) throw new ValidationError(subject, r.issues, 'catalog_invalid');
  return r.data;
}

// Catalogs built here from validated kinds: a scorer takes one as it is. Any other Map is read
// (validated and copied) when a scorer is created; see catalogOf.
const validated = new WeakSet<Catalog>();

function toCatalog(entries: Iterable<readonly [string, CertificateKindSpec]>, refusal: string): Catalog {
  const catalog: Catalog = new ReadOnlyMap(
    [...entries].map(([id, k]) => [id, deepFreeze(k)] as const),
    refusal,
  );
  validated.add(catalog);
  return catalog;
}

/**
 * The default certificate catalog (the kinds in `defaultCertificateKinds`), validated at load.
 * Read-only: `set`, `delete` and `clear` throw a TypeError (every scorer in the process reads it);
 * build a changed catalog with {@link resolveCatalog}.
 */
export const defaultCatalog: Catalog = toCatalog(
  parseKinds('default certificate catalog', defaultCertificateKinds).map((k) => [k.id, k]),
  'defaultCatalog is read-only (every scorer reads it): build a changed catalog with resolveCatalog(kinds)',
);

/**
 * Builds a catalog from the defaults plus a lender's kinds: an override with an existing id
 * replaces that kind whole, a new id adds a kind. Overrides are validated as data.
 *
 * @param overrides kind specs to add or replace (plain data, e.g. read from JSON)
 * @returns a new, read-only catalog (`set`, `delete` and `clear` throw a TypeError); the default
 *   one is never modified
 * @throws CreditliftError with code `catalog_invalid` (its `cause` a ValidationError listing every
 *   problem) when an override is malformed or two overrides share an id
 * @example
 * const catalog = resolveCatalog([{ ...defaultCatalog.get('ielts'), validity: { expiresAfterMonths: 36 } }]);
 */
export function resolveCatalog(overrides: readonly CertificateKindSpecInput[] = []): Catalog {
  const extra = parseKinds('certificate catalog overrides', overrides);
  if (extra.length === 0) return defaultCatalog;
  const merged = new Map(defaultCatalog);
  for (const k of extra) merged.set(k.id, k);
  return toCatalog(merged, CATALOG_REFUSAL);
}

const CATALOG_REFUSAL = 'a catalog is read-only (scorers read it): build a changed one with resolveCatalog(kinds)';

/**
 * The catalog a scorer keeps: one built by {@link resolveCatalog} as it is; any other Map (built
 * by hand, or a structured clone sent to a worker) validated as kinds and copied into a read-only
 * catalog, so a kind it holds is checked as resolveCatalog checks one and a later edit of the
 * caller's Map changes no scorer.
 *
 * @throws CreditliftError with code `catalog_invalid` naming every problem, a key that is not
 *   its kind's id included
 */
export function catalogOf(catalog: Catalog): Catalog {
  if (validated.has(catalog)) return catalog;
  const entries = [...catalog];
  const kinds = parseKinds(
    'certificate catalog',
    entries.map(([, k]) => k),
  );
  const issues = entries.flatMap(([key], i) =>
    key === kinds[i]?.id ? [] : [{ path: [i, 'id'], code: 'custom' as const, message: `catalog key "${String(key)}" is not its kind's id "${kinds[i]?.id}"` }],
  );
  if (issues.length > 0) throw new ValidationError('certificate catalog', issues, 'catalog_invalid');
  return toCatalog(
    kinds.map((k) => [k.id, k]),
    CATALOG_REFUSAL,
  );
}
