/**
 * Records as the in-process scorer would read them, carried across the pool's structured cloning.
 *
 * Cloning does not keep everything validation looks at: a class instance arrives as a plain
 * object (so a record refused in process as "expected a plain object, received Boxed" was
 * accepted by the pool), and a function, a symbol or a getter that throws makes the whole message
 * fail to clone (such records used to be parsed in the calling process, with the built-in schema
 * even when the pool has a lender's feature set). The
 * parent therefore scans each record once, and for each such value sends a patch: where it was
 * and what it was. The worker puts a stand-in of the same kind back at that path before parsing,
 * so `readPlainData` and the schema refuse the record with the same issues, paths and messages as
 * in process, lender feature sets included (the parent never parses on the worker's behalf).
 */

import { errorName, isPlainObject, kindOf } from '../schema/readPlainData.js';

/** One value the clone cannot carry faithfully, by record (index within its task) and path. */
export interface RecordPatch {
  readonly index: number;
  readonly path: readonly (string | number)[];
  /**
   * `instance`: an object that is neither a plain object nor an array (readPlainData refuses it by
   * its constructor's name, which is all it reads of it); `function` and `symbol`: values cloning
   * refuses; `unreadable`: a property whose getter throws, or an object that cannot be inspected (a
   * revoked proxy), which readPlainData reports by the name of what was thrown.
   */
  readonly kind: 'instance' | 'function' | 'symbol' | 'unreadable';
  /** What readPlainData names the value in its issue: the instance's kind, or what a read threw. */
  readonly name?: string;
}

/** Records ready to post, and the patches the worker applies before deciding. */
export interface PatchedRecords {
  readonly applicants: readonly unknown[];
  readonly patches: readonly RecordPatch[];
}

// Deeper than readPlainData walks (it refuses beyond 32 levels), so nothing it would read is missed.
const MAX_DEPTH = 33;

/**
 * Scans `applicants` (one task's records) for values cloning would change or refuse. A record
 * with none is posted as it is, without a copy; one with some is posted as its
 * {@link materializeRecord} copy (null at those paths, or null for a root that cannot be read).
 */
export function patchRecords(applicants: readonly unknown[]): PatchedRecords {
  let out: unknown[] | undefined;
  let patches: RecordPatch[] | undefined;
  for (let index = 0; index < applicants.length; index++) {
    const record = applicants[index];
    let faithful: boolean;
    try {
      faithful = isFaithful(record, 0);
    } catch {
      // Something threw on reading (a getter, a proxy): the scan says where.
      faithful = false;
    }
    if (faithful) continue;
    const m = materializeRecord(record, index);
    // Doubted but nothing to patch (an inherited enumerable key, a live Proxy): posted as it is;
    // a Proxy, which cloning refuses, is copied on the clone-failure path (cloneableRecords).
    if (m.patches.length === 0) continue;
    out ??= [...applicants];
    out[index] = m.value;
    patches = patches === undefined ? [...m.patches] : [...patches, ...m.patches];
  }
  return { applicants: out ?? applicants, patches: patches ?? [] };
}

/** Puts a stand-in of each patched value back into the worker's copy of the records (in place). */
export function applyRecordPatches(applicants: unknown[], patches: readonly RecordPatch[]): void {
  for (const p of patches) {
    if (p.path.length === 0) {
      applicants[p.index] = standIn(p);
      continue;
    }
    let parent = applicants[p.index] as Record<string | number, unknown>;
    for (let i = 0; i < p.path.length - 1; i++) parent = parent[p.path[i] as string | number] as Record<string | number, unknown>;
    const key = p.path[p.path.length - 1] as string | number;
    if (p.kind === 'unreadable') {
      // An Error named as readPlainData named the original: its issue reads the same.
      const thrown = Object.assign(new Error('could not be read'), { name: p.name ?? 'Error' });
      Object.defineProperty(parent, key, {
        get() {
          throw thrown;
        },
        enumerable: true,
        configurable: true,
      });
    } else Object.defineProperty(parent, key, { value: standIn(p), enumerable: true, writable: true, configurable: true });
  }
}

/** The patches of one record of a task, renumbered for a task of that record alone (a retry). */
export function patchesOfRecord(patches: readonly RecordPatch[] | undefined, index: number): RecordPatch[] {
  return (patches ?? []).filter((p) => p.index === index).map((p) => ({ ...p, index: 0 }));
}

/**
 * True when cloning carries `v` as it is, as far as validation can tell. The parent runs this on
 * every record, so it builds no paths and allocates nothing; a record it doubts is scanned again
 * with paths. It may doubt a faithful record (an inherited enumerable key), never the reverse.
 */
function isFaithful(v: unknown, depth: number): boolean {
  if (typeof v === 'function' || typeof v === 'symbol') return false;
  if (typeof v !== 'object' || v === null || depth > MAX_DEPTH) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'object' ? x !== null && !isFaithful(x, depth + 1) : typeof x === 'function' || typeof x === 'symbol') return false;
    }
    return true;
  }
  if (!isPlainObject(v)) return false;
  for (const key in v) {
    const x: unknown = (v as Record<string, unknown>)[key];
    if (typeof x === 'object' ? x !== null && !isFaithful(x, depth + 1) : typeof x === 'function' || typeof x === 'symbol') return false;
  }
  return true;
}

function scan(record: unknown, index: number): RecordPatch[] {
  const found: RecordPatch[] = [];
  const path: (string | number)[] = [];
  const unreadable = (at: readonly (string | number)[], e: unknown): void => {
    found.push({ index, path: [...at], kind: 'unreadable', name: errorName(e) });
  };
  const child = (x: unknown, key: string | number, depth: number): void => {
    // Primitives clone as themselves; only objects, functions and symbols need a look.
    if (typeof x !== 'object' && typeof x !== 'function' && typeof x !== 'symbol') return;
    path.push(key);
    walk(x, depth + 1);
    path.pop();
  };
  const walk = (v: unknown, depth: number): void => {
    if (typeof v === 'function') {
      found.push({ index, path: [...path], kind: 'function' });
      return;
    }
    if (typeof v === 'symbol') {
      found.push({ index, path: [...path], kind: 'symbol' });
      return;
    }
    if (typeof v !== 'object' || v === null || depth > MAX_DEPTH) return;
    let isArray: boolean;
    let plain: boolean;
    let keys: string[];
    try {
      isArray = Array.isArray(v);
      plain = isArray || isPlainObject(v);
      keys = isArray || !plain ? [] : Object.keys(v);
    } catch (e) {
      // readPlainData refuses the whole object at its path, by the name of what was thrown.
      unreadable(path, e);
      return;
    }
    if (isArray) {
      const a = v as unknown[];
      for (let i = 0; i < a.length; i++) {
        let x: unknown;
        try {
          x = a[i];
        } catch (e) {
          unreadable([...path, i], e);
          continue;
        }
        child(x, i, depth);
      }
      return;
    }
    if (!plain) {
      found.push({ index, path: [...path], kind: 'instance', name: kindOf(v) });
      return;
    }
    for (const key of keys) {
      let x: unknown;
      try {
        x = (v as Record<string, unknown>)[key];
      } catch (e) {
        unreadable([...path, key], e);
        continue;
      }
      child(x, key, depth);
    }
  };
  walk(record, 0);
  return found;
}

/**
 * A copy of `record` with null at every patched path (the patches are the record's own, found by
 * scan, none at its root), read through any Proxy into plain objects. A patched value is never read again: a getter
 * that threw is not called twice here. An object met twice is copied once, so a cycle stays a
 * cycle (readPlainData refuses it at the same path) and the copy always ends; an object deeper
 * than readPlainData reads is refused by it unread, so an empty one stands in for it.
 */
function copyWithout(record: unknown, patches: readonly RecordPatch[]): unknown {
  const patched = (at: readonly (string | number)[]) => patches.some((p) => p.path.length === at.length && p.path.every((s, i) => s === at[i]));
  const copies = new Map<object, unknown>();
  const copy = (v: unknown, at: readonly (string | number)[]): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (at.length > MAX_DEPTH) return {};
    const seen = copies.get(v);
    if (seen !== undefined) return seen;
    if (Array.isArray(v)) {
      const out: unknown[] = new Array<unknown>(v.length);
      copies.set(v, out);
      for (let i = 0; i < v.length; i++) {
        const here = [...at, i];
        if (patched(here)) out[i] = null;
        else if (i in v) out[i] = copy(v[i], here);
      }
      return out;
    }
    const out: Record<string, unknown> = {};
    copies.set(v, out);
    for (const key of Object.keys(v)) {
      const here = [...at, key];
      // An own data property whatever the key, as readPlainData copies (`__proto__` stays a key).
      const value = patched(here) ? null : copy((v as Record<string, unknown>)[key], here);
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return copy(record, []);
}

/**
 * A record as cloning can carry it, and its patches: read through (a live Proxy included) into a
 * plain copy with null where cloning cannot carry a value; a root that cannot be read (a revoked
 * proxy) becomes null and a root patch, which the worker turns into an object that throws the same
 * on reading. So the worker decides or refuses it as in process, with the pool's feature set, and
 * the parent never parses. Like the scan, this reads each property once more than in process.
 */
export function materializeRecord(record: unknown, index: number): { readonly value: unknown; readonly patches: readonly RecordPatch[] } {
  let found: RecordPatch[];
  try {
    found = scan(record, index);
    const root = found.find((p) => p.path.length === 0);
    if (root !== undefined) return { value: null, patches: [root] };
    return { value: copyWithout(record, found), patches: found };
  } catch (e) {
    // A trap that threw on the second reading only: the record is unreadable as a whole.
    return { value: null, patches: [{ index, path: [], kind: 'unreadable', name: errorName(e) }] };
  }
}

function standIn(p: RecordPatch): unknown {
  if (p.kind === 'function') return function standInFunction() {};
  if (p.kind === 'unreadable') {
    // A whole record that cannot be read: a proxy that throws, on any look at it, an Error named
    // as readPlainData named what the original threw.
    const thrown = Object.assign(new Error('could not be read'), { name: p.name ?? 'Error' });
    const fail = (): never => {
      throw thrown;
    };
    return new Proxy({}, { getPrototypeOf: fail, ownKeys: fail, get: fail, has: fail, getOwnPropertyDescriptor: fail });
  }
  if (p.kind === 'symbol') return Symbol('stand-in');
  // An instance of a class named as readPlainData named the original (it reads only that name).
  const Named = class {};
  Object.defineProperty(Named, 'name', { value: p.name ?? '' });
  return new Named();
}
