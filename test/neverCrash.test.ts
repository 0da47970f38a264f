import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreditliftError } from '../src/errors/creditliftError.js';
import { assessEvidence } from '../src/evidence/index.js';
import { exampleApplicants } from '../src/examples/index.js';
import { parseApplicant, safeParseApplicant } from '../src/schema/parseApplicant.js';

/** Runs `fn`; passes if it returns or throws a CreditliftError, fails on any other exception. */
function resultOrTypedError(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof CreditliftError)) throw new Error(`untyped exception: ${String(e)}`, { cause: e });
  }
}

/** The whole pipeline a caller runs on untrusted input. */
function pipeline(input: unknown, minConfidence?: number): boolean {
  const r = safeParseApplicant(input); // must never throw at all
  expect(typeof r.ok).toBe('boolean');
  resultOrTypedError(() => parseApplicant(input));
  if (r.ok) resultOrTypedError(() => assessEvidence(r.value, minConfidence === undefined ? {} : { minConfidence }));
  return r.ok;
}

type Container = Record<string, unknown> | unknown[];
type Path = (string | number)[];

/** Every path to an object or array inside `v`, root included. */
function containerPaths(v: unknown, path: Path = []): Path[] {
  if (typeof v !== 'object' || v === null) return [];
  const out: Path[] = [path];
  for (const [k, child] of Object.entries(v)) out.push(...containerPaths(child, [...path, Array.isArray(v) ? Number(k) : k]));
  return out;
}

function at(root: unknown, path: Path): Container {
  return path.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], root) as Container;
}

type Mutation =
  | { op: 'delete'; where: number; pick: number }
  | { op: 'set'; where: number; pick: number; value: unknown }
  | { op: 'addKey'; where: number; key: string; value: unknown }
  | { op: 'hugeEvidence'; length: number; filler: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), where: fc.nat(), pick: fc.nat() }),
  // Wrong types, out-of-range numbers, odd strings: whatever JSON can hold.
  fc.record({
    op: fc.constant('set' as const),
    where: fc.nat(),
    pick: fc.nat(),
    value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.double(), fc.constantFrom('', '2026-02-30', -1, 1e300)),
  }),
  fc.record({
    op: fc.constant('addKey' as const),
    where: fc.nat(),
    key: fc.oneof(fc.string(), fc.constantFrom('gender', 'ethnicity', '__proto__', 'constructor')),
    value: fc.jsonValue({ maxDepth: 1 }),
  }),
  fc.record({ op: fc.constant('hugeEvidence' as const), length: fc.integer({ min: 0, max: 200_000 }), filler: fc.jsonValue({ maxDepth: 1 }) }),
);

function mutate(original: unknown, mutations: Mutation[]): unknown {
  const root = structuredClone(original) as Record<string, unknown>;
  // Huge arrays go in last: walking 200,000 items to pick a mutation site would only slow the test.
  const ordered = [...mutations.filter((m) => m.op !== 'hugeEvidence'), ...mutations.filter((m) => m.op === 'hugeEvidence')];
  for (const m of ordered) {
    if (m.op === 'hugeEvidence') {
      root.evidence = new Array(m.length).fill(m.filler);
      continue;
    }
    const paths = containerPaths(root);
    const node = at(root, paths[m.where % paths.length]!);
    // A key such as "__proto__" can make a recorded path unreachable; skip rather than guess.
    if (typeof node !== 'object' || node === null) continue;
    if (m.op === 'addKey') {
      Object.defineProperty(node, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const keys = Object.keys(node);
    if (keys.length === 0) continue;
    const key = keys[m.pick % keys.length]!;
    if (m.op === 'delete') {
      if (Array.isArray(node)) node.splice(Number(key), 1);
      else delete node[key];
    } else (node as Record<string, unknown>)[key] = m.value;
  }
  return root;
}

describe('never crash', () => {
  it('any JSON value yields an applicant or a typed error, never another exception', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => void pipeline(v)),
      { numRuns: 300 },
    );
  });

  it('any JavaScript value (dates, maps, bigints, null-prototype objects, sparse arrays) yields a result or a typed error', () => {
    const anything = fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withNullPrototype: true,
      withSparseArray: true,
      withBoxedValues: true,
      maxDepth: 3,
    });
    fc.assert(
      fc.property(anything, (v) => void pipeline(v)),
      { numRuns: 200 },
    );
  });

  it('a mutated example (deleted fields, wrong types, extra keys, huge arrays) yields a result or a typed error', () => {
    let parsed = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...exampleApplicants.map((e) => e.applicant)),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.option(fc.oneof(fc.double(), fc.double({ min: 0, max: 1, noNaN: true })), { nil: undefined }),
        (example, mutations, minConfidence) => {
          if (pipeline(mutate(example, mutations), minConfidence)) parsed += 1;
        },
      ),
      { numRuns: 300 },
    );
    // Some mutants stay valid (e.g. a deleted optional field), so assessEvidence is exercised too.
    expect(parsed).toBeGreaterThan(0);
  });

  it('every example stays valid through the whole pipeline (the mutation base is sound)', () => {
    for (const ex of exampleApplicants) {
      const r = safeParseApplicant(ex.applicant);
      expect(r.ok).toBe(true);
      if (r.ok) expect(assessEvidence(r.value).items).toHaveLength(r.value.evidence.length);
    }
  });
});
