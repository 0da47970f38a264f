import type { Catalog } from '../catalog/resolveCatalog.js';

/**
 * Counts certificate uploads whose kind a catalog does not know, by kind: each is assessed
 * `unknown_kind` and gives no credit, which a bulk run must say rather than leave to be found in
 * its figures (a lender's own kinds met without its catalog).
 */
export interface UnknownKindTally {
  /** Counts the `unknown_kind` items of one assessment (`assessEvidence(...).items`, or a decision's `evidence`). */
  addAssessed(items: readonly { readonly kind: string; readonly reasons: readonly string[] }[]): void;
  /**
   * Counts the uploads of one applicant as given (a record not yet validated: anything that is not an
   * evidence list of objects with a string `kind` counts nothing), by the catalog's kinds.
   */
  addApplicant(applicant: unknown, catalog: Catalog): void;
  /** Uploads counted so far. */
  readonly total: number;
  /** Each unknown kind and its uploads, most first (then by id). */
  kinds(): readonly (readonly [kind: string, uploads: number])[];
  /**
   * One sentence naming the count and every kind (at most 10 by name), or undefined when there were
   * none. `remedy` is appended (how to give the kinds: `--catalog`, or `catalog`).
   */
  message(remedy: string): string | undefined;
}

/** A new, empty {@link UnknownKindTally}. */
export function createUnknownKindTally(): UnknownKindTally {
  const counts = new Map<string, number>();
  let total = 0;
  const add = (kind: string) => {
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    total++;
  };
  const kinds = () => [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    addAssessed(items) {
      for (const item of items) if (item.reasons.includes('unknown_kind')) add(item.kind);
    },
    addApplicant(applicant, catalog) {
      const evidence = (applicant as { evidence?: unknown } | null | undefined)?.evidence;
      if (!Array.isArray(evidence)) return;
      for (const e of evidence) {
        const kind = (e as { kind?: unknown } | null | undefined)?.kind;
        if (typeof kind === 'string' && !catalog.has(kind)) add(kind);
      }
    },
    get total() {
      return total;
    },
    kinds,
    message(remedy) {
      if (total === 0) return undefined;
      const all = kinds();
      const shown = all.slice(0, 10).map(([k, n]) => `${JSON.stringify(k.slice(0, 64))} (${n.toLocaleString('en-US')})`);
      const more = all.length > shown.length ? `, and ${all.length - shown.length} more kind(s)` : '';
      return `${total.toLocaleString('en-US')} certificate upload(s) are of kinds the certificate catalog does not know, so each was rejected unknown_kind and gave no credit: ${shown.join(', ')}${more}; ${remedy}`;
    },
  };
}
