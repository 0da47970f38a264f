import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/resolveCatalog.js';
import { catalogOption, checkedScorerCatalog } from '../../src/testing/_internals/catalogOption.js';

// The kit checks a scorer's catalog once and draws from that one catalog for every law after it;
// only kinds that can change no more are remembered, and a catalog that fails the check never is.
describe("a scorer's catalog, as the kit draws from it", () => {
  const kinds = Object.freeze([...defaultCatalog.values()]);

  it('is checked once: the same kinds give the same catalog, which reads as valid without a second check', () => {
    const remembered = new WeakMap<object, ReturnType<typeof checkedScorerCatalog>>();
    const first = checkedScorerCatalog(kinds, remembered);
    expect(checkedScorerCatalog(kinds, remembered)).toBe(first);
    expect([...first.keys()]).toEqual([...defaultCatalog.keys()]);
    expect(catalogOption(first)).toEqual({ catalog: first, issues: [] });
  });

  it('kinds that can still change (an unfrozen array or kind) are checked on every read', () => {
    const remembered = new WeakMap<object, ReturnType<typeof checkedScorerCatalog>>();
    const open = [...defaultCatalog.values()];
    expect(checkedScorerCatalog(open, remembered)).not.toBe(checkedScorerCatalog(open, remembered));
    const thawed = Object.freeze([{ ...kinds[0]! }, ...kinds.slice(1)]);
    expect(checkedScorerCatalog(thawed, remembered)).not.toBe(checkedScorerCatalog(thawed, remembered));
  });

  it('kinds that fail the check are never remembered: every read names the fault at catalog', () => {
    const remembered = new WeakMap<object, ReturnType<typeof checkedScorerCatalog>>();
    const bad = Object.freeze([Object.freeze({ ...kinds[0]!, id: '' }), ...kinds.slice(1)]);
    const catalog = checkedScorerCatalog(bad, remembered);
    expect(checkedScorerCatalog(bad, remembered)).not.toBe(catalog);
    expect(catalogOption(catalog).issues[0]?.path[0]).toBe('catalog');
  });
});
