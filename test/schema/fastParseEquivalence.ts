// Shared by test/schema/applicantFastParse.test.ts (fixed seed, modest runs) and
// test/deep/applicantFastParse.test.ts (many runs): valid applicants and mutations of them, and the
// law that the compiled fast path answers exactly as the zod path or not at all.
import { isDeepStrictEqual } from 'node:util';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { expect } from 'vitest';
import { NOT_SURE, type FastParse } from '../../src/schema/compileFastParse.js';
import { safeParseApplicant } from '../../src/schema/parseApplicant.js';
import { safeParseApplicantWithZod } from '../../src/schema/parseApplicantWithZod.js';
import { applicantArbitrary } from '../../src/testing/applicantArbitrary.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];

/** Every key list at every level, in order: deepStrictEqual ignores key order, the audit hash does not. */
export function keyOrder(v: unknown, at = '$'): string[] {
  if (typeof v !== 'object' || v === null) return [];
  const own = Array.isArray(v) ? [] : [`${at}: ${Object.keys(v).join(',')}`];
  return [...own, ...Object.entries(v).flatMap(([k, x]) => keyOrder(x, `${at}.${k}`))];
}

/** A valid applicant as JSON, without some of the keys that have defaults or are optional, so defaults get applied. */
export const validApplicantJson: fc.Arbitrary<Json> = fc
  .tuple(applicantArbitrary({ maxEvidence: 3 }), fc.array(fc.nat(), { maxLength: 4 }))
  .map(([a, drops]) => {
    const json = JSON.parse(JSON.stringify(a)) as { [key: string]: Json };
    const droppable: Path[] = [
      ['controls'],
      ['evidence'],
      ['bureau', 'currentDaysPastDue'],
      ['bureau', 'otherConsumerCreditBalance'],
      ['platform', 'currentLimit'],
      ['platform', 'currentBalance'],
      ['employment', 'startDate'],
      ['identity', 'name'],
    ];
    for (const d of drops) remove(json, droppable[d % droppable.length]!);
    return json;
  });

function remove(root: Json, path: Path): void {
  const parent = path.slice(0, -1).reduce<Json | undefined>((o, k) => (o as Record<string | number, Json> | undefined)?.[k], root);
  if (typeof parent === 'object' && parent !== null) delete (parent as Record<string | number, Json>)[path[path.length - 1]!];
}

// Paths into the value; a part that cannot be read (a throwing getter, a revoked proxy) is a leaf.
// An object met again (a `tenThousandOne` array holds one element 10,001 times) is a leaf the second
// time: changing it at one path changes it at all, and walking it at every path multiplied the paths
// (two such arrays nested were 10^8 paths, and a deep run with seed 885949663 ran out of memory).
function pathsOf(v: unknown, at: Path = [], seen = new Set<object>()): Path[] {
  if (typeof v !== 'object' || v === null || seen.has(v)) return [at];
  seen.add(v);
  let entries: [string, unknown][];
  try {
    entries = Object.entries(v);
  } catch {
    return [at];
  }
  return [at, ...entries.flatMap(([k, x]) => pathsOf(x, [...at, Array.isArray(v) ? Number(k) : k], seen))];
}

class Foreign {
  readonly id = 'x';
}

// Values that are wrong, odd or right only at some paths: types, NaN and the infinities, -0,
// bounds and one past them, bad and leap dates, odd unicode, lengths at and past their limits.
const oddPrimitive: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1, -1, 0.5, 1e21, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), Number.MAX_VALUE),
  fc.constantFrom(Number.MIN_VALUE, 5, 6, 20, 21, 50, 51, 120, 121, 600, 601, 1_000_000, 1_000_001, 10_000, 10_001, 0.999, 1.0000001),
  fc.constantFrom('', 'a', 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(128), 'x'.repeat(129), 'x'.repeat(201)),
  fc.constantFrom('2026-02-29', '2024-02-29', '2026-13-01', '2026-11-31', '20261101', ' 2026-11-01', '2026-11-01T00:00:00Z', '1900-01-01', '2030-01-01'),
  fc.constantFrom('1999-05-20', '2026-11-01', '2027-01-01', '1906-11-01', '1906-10-31', '0000-01-01', '9999-12-31', '+02026-11-01'),
  fc.constantFrom(
    'a'.repeat(64),
    'A'.repeat(64),
    'a'.repeat(63),
    'g'.repeat(64),
    '\u{1F600}'.repeat(64),
    '\u{1F600}'.repeat(100),
    '\uD800',
    '\uD800'.repeat(101),
  ),
  fc.constantFrom('e\u0301', '\u0000', 'salaried', 'gig', 'east', 'payroll', 'issuer_api', 'guardian', 'manufacturing', 'other'),
  fc.constantFrom(true, false, null, undefined),
  fc.string({ unit: 'binary', maxLength: 70 }),
  fc.string({ unit: 'grapheme', maxLength: 130 }),
  fc.double(),
  fc.integer({ min: -5, max: 1_000_002 }),
);

type Special =
  | 'map'
  | 'date'
  | 'boxedString'
  | 'foreign'
  | 'nullPrototype'
  | 'otherRealm'
  | 'proxy'
  | 'getter'
  | 'throwingGetter'
  | 'nonEnumerable'
  | 'symbolKey'
  | 'hole'
  | 'fiftyOne'
  | 'tenThousandOne'
  | 'arrayExtraProperty'
  | 'emptyObject'
  | 'emptyArray'
  | 'revokedProxy';

/** One change to a valid applicant, as data (applied to a fresh copy each time). */
export type Mutation =
  | { readonly op: 'set'; readonly at: number; readonly value: unknown }
  | { readonly op: 'setDate'; readonly at: number; readonly value: string }
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'addKey'; readonly at: number; readonly key: string; readonly value: unknown }
  | { readonly op: 'special'; readonly at: number; readonly kind: Special };

// Dates that break a cross-field rule (born after asOf, over 120 years old, a job before birth, an
// expiry before issue) somewhere, and the days around those limits.
const ruleDate = fc.constantFrom('2030-01-01', '2026-11-02', '2026-11-01', '1906-11-01', '1906-10-31', '1900-01-01', '1999-05-19', '2010-01-01', '2026-10-31');

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: oddPrimitive }),
  fc.record({ op: fc.constant('setDate' as const), at: fc.nat(), value: ruleDate }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('addKey' as const),
    at: fc.nat(),
    key: fc.constantFrom('extra', '__proto__', 'gender', 'constructor', 'toString', 'hasOwnProperty', 'id', 'name', 'attributes', 'financialHealth'),
    value: oddPrimitive,
  }),
  fc.record({
    op: fc.constant('special' as const),
    at: fc.nat(),
    kind: fc.constantFrom<Special>(
      'map',
      'date',
      'boxedString',
      'foreign',
      'nullPrototype',
      'otherRealm',
      'proxy',
      'getter',
      'throwingGetter',
      'nonEnumerable',
      'symbolKey',
      'hole',
      'fiftyOne',
      'tenThousandOne',
      'arrayExtraProperty',
      'emptyObject',
      'emptyArray',
      'revokedProxy',
    ),
  }),
);

/** A valid applicant and one to three changes to it. */
export const mutatedApplicant: fc.Arbitrary<{ readonly base: Json; readonly mutations: readonly Mutation[] }> = fc.record({
  base: validApplicantJson,
  mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
});

function special(kind: Special, old: unknown): unknown {
  const obj = typeof old === 'object' && old !== null && !Array.isArray(old) ? (old as Record<string, unknown>) : { id: old };
  const arr = Array.isArray(old) ? old : [old];
  switch (kind) {
    case 'map':
      return new Map(Object.entries(obj));
    case 'date':
      return new Date(0);
    case 'boxedString':
      return new String(typeof old === 'string' ? old : 'x');
    case 'foreign':
      return Object.assign(new Foreign(), obj);
    case 'nullPrototype':
      return Object.assign(Object.create(null), obj);
    case 'otherRealm':
      return Object.assign(runInNewContext('({})'), obj);
    case 'proxy':
      return new Proxy(Array.isArray(old) ? arr : obj, {});
    case 'getter': {
      const out = { ...obj };
      const [k] = Object.keys(out);
      if (k !== undefined) Object.defineProperty(out, k, { get: () => obj[k], enumerable: true, configurable: true });
      return out;
    }
    case 'throwingGetter': {
      const out = { ...obj };
      const [k] = Object.keys(out);
      Object.defineProperty(out, k ?? 'id', {
        get: () => {
          throw new RangeError('no');
        },
        enumerable: true,
      });
      return out;
    }
    case 'nonEnumerable': {
      const out = { ...obj };
      const [k] = Object.keys(out);
      if (k !== undefined) Object.defineProperty(out, k, { value: obj[k], enumerable: false });
      return out;
    }
    case 'symbolKey':
      return { ...obj, [Symbol('extra')]: 1 };
    case 'hole': {
      const out = [...arr];
      out.length += 1;
      return out;
    }
    case 'fiftyOne':
      return Array.from({ length: 51 }, (_, i) => arr[i % arr.length]);
    case 'tenThousandOne':
      return Array.from({ length: 10_001 }, (_, i) => arr[i % arr.length]);
    case 'arrayExtraProperty':
      return Object.assign([...arr], { extra: 1 });
    case 'emptyObject':
      return {};
    case 'emptyArray':
      return [];
    case 'revokedProxy': {
      const r = Proxy.revocable(obj, {});
      r.revoke();
      return r.proxy;
    }
  }
}

const DATE_KEYS = new Set(['asOf', 'birthDate', 'startDate', 'issueDate', 'expiryDate']);

/** Applies the mutations to a fresh copy of `base`; call it again for an identical fresh input. */
export function mutate(base: Json, mutations: readonly Mutation[]): unknown {
  let root: unknown = structuredClone(base);
  for (const m of mutations) {
    const all = pathsOf(root);
    const dates = all.filter((p) => DATE_KEYS.has(String(p[p.length - 1])));
    const paths = m.op === 'setDate' && dates.length > 0 ? dates : all;
    const path = paths[m.at % paths.length]!;
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1];
    let parent: Record<string | number, unknown>;
    let old: unknown;
    try {
      parent = parentPath.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root) as Record<string | number, unknown>;
      old = key === undefined ? root : parent[key];
    } catch {
      continue; // an earlier change made this part unreadable
    }
    const put = (v: unknown) => {
      if (key === undefined) root = v;
      else parent[key] = v;
    };
    try {
      if (m.op === 'set' || m.op === 'setDate') put(m.value);
      else if (m.op === 'delete') {
        if (key !== undefined) delete parent[key];
      } else if (m.op === 'addKey') {
        const target = typeof old === 'object' && old !== null ? old : parent;
        if (typeof target === 'object' && target !== null)
          Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      } else put(special(m.kind, old));
    } catch {
      // an earlier change made this part read-only (a boxed string's characters, say)
    }
  }
  return root;
}

/** Counts of what the law saw, so a run can show it met both answers. */
export interface Tally {
  accepted: number;
  notSure: number;
}

/**
 * The law: whatever the fast path accepts, the zod path accepts with a value deep-equal to it,
 * keys in the same order, the same JSON; and safeParseApplicant answers exactly as the zod path
 * (the same value, or the same issues and message). `build` makes a fresh input per call.
 */
export function expectSameAsZod(fast: FastParse, build: () => unknown, tally?: Tally): void {
  const quick = fast(build());
  const zod = safeParseApplicantWithZod(build());
  if (quick === NOT_SURE) {
    if (tally) tally.notSure++;
  } else {
    if (tally) tally.accepted++;
    expect(zod.ok, 'the fast path accepted what zod refuses').toBe(true);
    if (!zod.ok) return;
    expect(isDeepStrictEqual(quick, zod.value), 'fast path and zod disagree on the value').toBe(true);
    expect(keyOrder(quick)).toEqual(keyOrder(zod.value));
    expect(JSON.stringify(quick)).toBe(JSON.stringify(zod.value));
  }
  const pub = safeParseApplicant(build());
  expect(pub.ok).toBe(zod.ok);
  if (pub.ok && zod.ok) {
    expect(isDeepStrictEqual(pub.value, zod.value)).toBe(true);
    expect(JSON.stringify(pub.value)).toBe(JSON.stringify(zod.value));
  } else if (!pub.ok && !zod.ok) {
    expect(pub.error.issues).toEqual(zod.error.issues);
    expect(pub.error.message).toBe(zod.error.message);
  }
}
