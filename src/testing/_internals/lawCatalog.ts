import { AsyncLocalStorage } from 'node:async_hooks';
import type { Catalog } from '../../catalog/resolveCatalog.js';

// The catalog of the scorer a law's scorer part is checking, for the evidence its properties draw.
// Scoped to that run (and the promises it starts), so laws checked at once on two scorers each
// draw from their own.
const scope = new AsyncLocalStorage<Catalog>();

/** Runs `fn` with `catalog` as the catalog evidence is drawn from by default (see {@link lawCatalog}). */
export function withLawCatalog<T>(catalog: Catalog, fn: () => T): T {
  return scope.run(catalog, fn);
}

/** The catalog of the scorer a credit law is checking right now, if any. */
export function lawCatalog(): Catalog | undefined {
  return scope.getStore();
}
