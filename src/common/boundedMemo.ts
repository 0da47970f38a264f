/** A memo that keeps the most recently used entries within a count and a size; see {@link createBoundedMemo}. */
export interface BoundedMemo<V> {
  /** The value under `key`, now the most recently used, or undefined. */
  get(key: string): V | undefined;
  /**
   * Keeps `value` under `key` as the most recently used entry, then drops the least recently used
   * entries until at most `maxEntries` remain and their `bytes` sum to at most `maxBytes` (an entry
   * larger than `maxBytes` on its own is not kept). Returns `value`.
   */
  set(key: string, value: V, bytes: number): V;
  /** Entries held. */
  readonly size: number;
  /** Every key and value held, least recently used first, without touching their order. */
  entries(): [string, V][];
  /** Drops every entry. */
  clear(): void;
}

/**
 * A least-recently-used memo bounded by entry count and by the bytes the caller says each entry
 * holds. A Map keeps insertion order, so re-inserting on every hit makes its first key the least
 * recently used one.
 *
 * @example
 * const memo = createBoundedMemo<Compiled>({ maxEntries: 8, maxBytes: 256 * 1024 * 1024 });
 * const compiled = memo.get(key) ?? memo.set(key, compile(model), bytesOf(compiled));
 */
export function createBoundedMemo<V>(limits: { readonly maxEntries: number; readonly maxBytes: number }): BoundedMemo<V> {
  const entries = new Map<string, { readonly value: V; readonly bytes: number }>();
  let total = 0;
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value, bytes) {
      const old = entries.get(key);
      if (old !== undefined) {
        entries.delete(key);
        total -= old.bytes;
      }
      entries.set(key, { value, bytes });
      total += bytes;
      for (const [k, e] of entries) {
        if (entries.size <= limits.maxEntries && total <= limits.maxBytes) break;
        entries.delete(k);
        total -= e.bytes;
      }
      return value;
    },
    get size() {
      return entries.size;
    },
    entries() {
      return [...entries].map(([k, e]): [string, V] => [k, e.value]);
    },
    clear() {
      entries.clear();
      total = 0;
    },
  };
}
