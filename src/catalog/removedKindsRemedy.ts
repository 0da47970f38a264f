import { defaultCatalog } from './resolveCatalog.js';

/**
 * What follows the count of uploads of kinds a catalog does not know: a default kind among them was
 * removed from the catalog on purpose (a catalog without it, or a `--catalog` file's `remove`), so it is
 * said to be removed as asked, not met with advice to give it; `give` (how to give kinds of one's own)
 * follows when some kinds are not removed defaults. Every command line and `monitorApplicants` says it
 * so, each naming how its catalog was given (`removedBy`).
 *
 * @param kinds the kinds of the uploads the catalog did not know (at most 10 are named)
 * @param removedBy what removes a default kind, as the sentence reads: `--catalog removes ("remove")`
 * @param give how to give one's own kinds
 * @example
 * removedKindsRemedy(['ielts'], '--catalog removes ("remove")', 'give your own kinds with --catalog FILE.json');
 * // '"ielts" is a kind of the default catalog that --catalog removes ("remove"), as asked'
 */
export function removedKindsRemedy(kinds: readonly string[], removedBy: string, give: string): string {
  const removed = kinds.filter((kind) => defaultCatalog.has(kind));
  if (removed.length === 0) return give;
  const named = removed
    .slice(0, 10)
    .map((k) => JSON.stringify(k.slice(0, 64)))
    .join(', ');
  const more = removed.length > 10 ? `, and ${removed.length - 10} more` : '';
  const said = `${named}${more} ${removed.length === 1 ? 'is a kind' : 'are kinds'} of the default catalog that ${removedBy}, as asked`;
  return removed.length === kinds.length ? said : `${said}; ${give}`;
}
