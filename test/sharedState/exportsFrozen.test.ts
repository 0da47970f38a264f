// Every value an entry point exports is shared by every scorer in the process: a plain object or
// array reachable from one is frozen, a Map refuses changes, so no code (a JavaScript module, a
// cast) can change what another scorer decides or says.
import { describe, expect, it } from 'vitest';

const ENTRIES = {
  creditlift: () => import('../../src/index.js'),
  'creditlift/internals': () => import('../../src/internals.js'),
  'creditlift/train': () => import('../../src/train/index.js'),
  'creditlift/testing': () => import('../../src/testing/index.js'),
  'creditlift/health': () => import('../../src/health/index.js'),
  'creditlift/examples': () => import('../../src/examples/index.js'),
};

function isPlainData(x: object): boolean {
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === Array.prototype || proto === null;
}

/** Paths under `value` that some code could change: unfrozen plain objects and arrays, Maps and Sets that accept edits. */
function mutablePaths(value: unknown, path: string, seen = new Set<object>()): string[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const out: string[] = [];
  if (value instanceof Map || value instanceof Set) {
    // Probe with a key no map holds: a read-only map throws before touching anything.
    const probe = Symbol('probe');
    let refused = false;
    try {
      if (value instanceof Map) value.delete(probe as never);
      else value.delete(probe as never);
    } catch (e) {
      refused = e instanceof TypeError;
    }
    if (!refused) out.push(`${path} (a ${value.constructor.name} that accepts delete)`);
    for (const [k, v] of value instanceof Map ? value : []) out.push(...mutablePaths(v, `${path}.get(${String(k)})`, seen));
    return out;
  }
  // zod schemas, classes and their instances are code, not shared data.
  if (!isPlainData(value)) return out;
  if (!Object.isFrozen(value)) out.push(path);
  for (const [k, v] of Object.entries(value)) out.push(...mutablePaths(v, `${path}.${k}`, seen));
  return out;
}

describe('exported shared data is immutable', () => {
  for (const [entry, load] of Object.entries(ENTRIES)) {
    it(`every plain object and array ${entry} exports is frozen all the way down, every Map read-only`, async () => {
      const mod = (await load()) as Record<string, unknown>;
      const found = Object.entries(mod).flatMap(([name, v]) => mutablePaths(v, name));
      expect(found).toEqual([]);
    });
  }
});
