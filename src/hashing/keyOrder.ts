/**
 * The sorted key order of one object shape, remembered per distinct key list, for the canonical
 * JSON writer (canonicalJsonWriter).
 *
 * Objects of one shape (a decision's caps, each evidence item, each factor) share their key list,
 * so the order is worked out once per list and kept in a trie walked one key at a time (no joined
 * signature to build, no collisions between keys that contain separators).
 */

/** For one key list: the list, indexes into it in sorted order, and each sorted key JSON-quoted with its colon, as UTF-8. */
export interface KeyOrder {
  /** The key list itself, in `Object.keys` order. */
  readonly keys: readonly string[];
  readonly sorted: readonly number[];
  readonly quotedUtf8: readonly Uint8Array[];
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  order: KeyOrder | null;
  /**
   * The child last walked to, and its key: most nodes have one child (one shape per key prefix), so
   * a walk compares key strings (interned: a pointer compare) instead of hashing each into `next`.
   */
  lastKey: string | null;
  lastChild: TrieNode | null;
}

const utf8 = new TextEncoder();

/** Distinct key lists remembered before the table is dropped and rebuilt (a guard against data-dependent keys). */
const MAX_SHAPES = 2048;
let root: TrieNode = { next: new Map(), order: null, lastKey: null, lastChild: null };
let shapes = 0;

/** The order of one key list (in `Object.keys` order), worked out once per distinct list. */
export function orderOf(keys: readonly string[]): KeyOrder {
  let node = root;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (node.lastKey === k) {
      node = node.lastChild as TrieNode;
      continue;
    }
    let child = node.next.get(k);
    if (child === undefined) {
      child = { next: new Map(), order: null, lastKey: null, lastChild: null };
      node.next.set(k, child);
    }
    node.lastKey = k;
    node.lastChild = child;
    node = child;
  }
  if (node.order !== null) return node.order;
  // The same comparison canonicalJson's Array.prototype.sort uses: UTF-16 code units.
  const sorted = keys
    .map((_, i) => i)
    .sort((a, b) => {
      const x = keys[a] as string;
      const y = keys[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
  const order: KeyOrder = { keys: [...keys], sorted, quotedUtf8: sorted.map((i) => utf8.encode(`${JSON.stringify(keys[i])}:`)) };
  if (shapes >= MAX_SHAPES) {
    root = { next: new Map(), order: null, lastKey: null, lastChild: null };
    shapes = 0;
  } else {
    node.order = order;
    shapes++;
  }
  return order;
}

/**
 * {@link orderOf} for an object, found without building its key array when the object is plain
 * (its prototype Object.prototype or null, and Object.prototype with no enumerable members): then
 * for-in visits exactly `Object.keys`' keys in the same order, straight from V8's enumeration
 * cache. Anything else takes `Object.keys`. The array per object was a tenth of what sealing a
 * decision still allocated.
 */
export function orderOfRecord(record: object): KeyOrder {
  const proto: unknown = Object.getPrototypeOf(record);
  if ((proto !== Object.prototype && proto !== null) || hasEnumerableInherited()) return orderOf(Object.keys(record));
  let node = root;
  for (const k in record) {
    if (node.lastKey === k) node = node.lastChild as TrieNode;
    else {
      const child: TrieNode | undefined = node.next.get(k);
      if (child === undefined) return orderOf(Object.keys(record));
      node.lastKey = k;
      node.lastChild = child;
      node = child;
    }
  }
  return node.order ?? orderOf(Object.keys(record));
}

/** Whether something made a member of Object.prototype enumerable (for-in would then visit it). */
function hasEnumerableInherited(): boolean {
  for (const _ in Object.prototype) return true;
  return false;
}
