import { z } from 'zod';
import { deepFreeze } from '../common/deepFreeze.js';
import { ValidationError } from '../errors/validationError.js';
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
  const r = KindList.safeParse(input);
  if (!r.success) {
    throw ValidationError.fromZod(subject, r.error, 'catalog_invalid');
  }
  return r.data;
}

function toCatalog(kinds: readonly CertificateKindSpec[]): Catalog {
  return new Map(kinds.map((k) => [k.id, deepFreeze(k)]));
}

/** The default certificate catalog (the kinds in `defaultCertificateKinds`), validated at load. */
export const defaultCatalog: Catalog = toCatalog(parseKinds('default certificate catalog', defaultCertificateKinds));

/**
 * Builds a catalog from the defaults plus a lender's kinds: an override with an existing id
 * replaces that kind whole, a new id adds a kind. Overrides are validated as data.
 *
 * @param overrides kind specs to add or replace (plain data, e.g. read from JSON)
 * @returns a new catalog; the default one is never modified
 * @throws CreditliftError with code `catalog_invalid` (its `cause` a ValidationError listing every
 *   problem) when an override is malformed or two overrides share an id
 * @example
 * const catalog = resolveCatalog([{ ...defaultCatalog.get('ielts'), validity: { expiresAfterMonths: 36 } }]);
 */
export function resolveCatalog(overrides: readonly CertificateKindSpecInput[] = []): Catalog {
  const extra = parseKinds('certificate catalog overrides', overrides);
  if (extra.length === 0) return defaultCatalog;
  const merged = new Map(defaultCatalog);
  for (const k of extra) merged.set(k.id, deepFreeze(k));
  return merged;
}
