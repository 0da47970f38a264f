import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathBeyondDepth } from '../../src/json/pathBeyondDepth.js';

/** Depth of the deepest container (root 0; -1 for a primitive), by plain recursion: the reference. */
function depthOf(v: unknown): number {
  if (typeof v !== 'object' || v === null) return -1;
  return 1 + Math.max(-1, ...Object.values(v).map(depthOf));
}

/** The value at a path. */
function at(v: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], v);
}

describe('pathBeyondDepth', () => {
  it('law: finds a path exactly when the deepest container lies past maxDepth, and it leads to a container at maxDepth + 1', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.nat({ max: 8 }), (v, max) => {
        const path = pathBeyondDepth(v, max);
        expect(path !== undefined).toBe(depthOf(v) > max);
        if (path === undefined) return;
        expect(path).toHaveLength(max + 1);
        const node = at(v, path);
        expect(typeof node === 'object' && node !== null).toBe(true);
      }),
      { seed: 20_261_130, numRuns: 1_000 },
    );
  });

  it('answers for nesting far past the call stack (300,000 levels)', () => {
    const d = 300_000;
    const deep = JSON.parse(`{"id":${'['.repeat(d)}${']'.repeat(d)}}`) as unknown;
    expect(pathBeyondDepth(deep, 33)).toEqual(['id', ...Array(33).fill(0)]);
    expect(pathBeyondDepth({ a: [{ b: 1 }, [2]] }, 2)).toBeUndefined();
    expect(pathBeyondDepth('text', 0)).toBeUndefined();
  });
});
