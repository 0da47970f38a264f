import type { z } from 'zod';
import { MAX_ARRAY_LENGTH, MAX_DEPTH } from './readPlainData.js';

/** What a {@link FastParse} answers when it cannot vouch for an input: the caller takes the zod path. */
export const NOT_SURE: unique symbol = Symbol('creditlift.notSure');

/**
 * A parser compiled from a zod schema. It answers only "valid, here is zod's output" or
 * {@link NOT_SURE}; it never refuses and never reports an issue, so every error stays zod's own.
 */
export type FastParse = (input: unknown) => unknown;

/** Options of {@link compileFastParse}. */
export interface CompileFastParseOptions {
  /**
   * Whether objects get a parser generated with `new Function` (the keys written out, several
   * times faster); default true where the runtime allows code generation. False gives the
   * closure parser, which accepts exactly the same inputs.
   */
  readonly generateCode?: boolean;
}

/** Where the compiler is in the schema. */
interface Place {
  readonly depth: number;
  readonly at: string;
  readonly generateCode: boolean;
}

/** What {@link compileFastParse} made of a schema: a parser, or why it refused to compile one. */
export type FastParseCompilation = { readonly ok: true; readonly parse: FastParse } | { readonly ok: false; readonly reason: string };

// The slice of zod v4's internals (`schema._zod`) the compiler reads. Reading them is the price of
// keeping the zod schema the single source of truth; anything not described here is refused.
interface Payload {
  value: unknown;
  issues: unknown[];
}
interface ZodCheckInternals {
  readonly traits?: ReadonlySet<string>;
  readonly def: { readonly check?: string; readonly when?: (payload: Payload) => boolean };
  readonly check: (payload: Payload) => unknown;
}
interface ZodNodeInternals {
  readonly def: {
    readonly type: string;
    readonly checks?: readonly { readonly _zod: ZodCheckInternals }[];
    readonly coerce?: boolean;
    readonly shape?: Record<PropertyKey, { readonly _zod: ZodNodeInternals }>;
    readonly catchall?: unknown;
    readonly innerType?: { readonly _zod: ZodNodeInternals };
    readonly element?: { readonly _zod: ZodNodeInternals };
    readonly defaultValue?: unknown;
  };
  readonly traits: ReadonlySet<string>;
  readonly optin?: 'optional' | 'defaulted';
  readonly optout?: 'optional';
  readonly values?: ReadonlySet<unknown>;
  readonly check?: (payload: Payload) => unknown;
}

type Run = (value: unknown) => unknown;

class Refusal extends Error {}

// Objects are matched key by key against a bit mask of present keys (no allocation per object).
const MAX_KEYS = 30;

const objectPrototype = Object.prototype;

/**
 * Compiles a zod v4 schema into a {@link FastParse} that returns, for every input it accepts, a
 * value deep-equal to `schema.parse(readPlainData(input).value)`: same key order at every level,
 * defaults from the schema's own `defaultValue` (fresh each time), optional keys present exactly
 * when zod keeps them. It walks `schema._zod.def` and understands strict and stripping objects,
 * optional, exact optional, nullable, default, array, enum, literal, string (string formats
 * included), number and boolean; anything else (unions, pipes, transforms, records, lazy,
 * coercion, a shape over {@link MAX_KEYS} keys or deeper than readPlainData reads) refuses to
 * compile, so the caller keeps the zod path.
 *
 * Checks (lengths, formats, ranges, integers, refinements, the cross-field rules) are not
 * re-implemented: each is zod's own check function, run on the value in zod's order, so its
 * rule is zod's by construction. An input is handed back ({@link NOT_SURE}) at the first doubt:
 * a check that reports an issue or returns a promise, an unknown key (even where zod would strip
 * it: readPlainData would still read and vet its value), a missing required key, a value that is
 * not plain data as readPlainData takes it (not a plain object, a hole, a longer array than it
 * copies), anything that throws, or an `Object.prototype` that carries enumerable or same-named
 * keys (zod would see them). Reads each property once; an input handed over is read again by the
 * zod path (a getter runs twice), and what that read finds is then what is validated and kept.
 *
 * @example
 * const c = compileFastParse(Applicant);
 * const out = c.ok ? c.parse(json) : NOT_SURE;
 * const applicant = out === NOT_SURE ? Applicant.parse(readPlainData(json).value) : out;
 */
export function compileFastParse(schema: z.ZodType, options: CompileFastParseOptions = {}): FastParseCompilation {
  const generateCode = options.generateCode !== false && canGenerateCode();
  let run: Run;
  try {
    run = compileNode(internalsOf(schema), { depth: 0, at: '(root)', generateCode });
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, reason: e.message };
    throw e;
  }
  const parse: FastParse = (input) => {
    // zod's strict check walks `for...in` on the plain copy: an enumerable key on Object.prototype
    // would be refused as unknown there. Rare enough to leave to the zod path.
    for (const _ in objectPrototype) return NOT_SURE;
    try {
      return run(input);
    } catch {
      // A throwing getter, a revoked proxy, a refinement that throws: the zod path reports it.
      return NOT_SURE;
    }
  };
  return { ok: true, parse };
}

function internalsOf(schema: unknown): ZodNodeInternals {
  const zod = (schema as { _zod?: ZodNodeInternals } | null)?._zod;
  if (zod === undefined || typeof zod.def?.type !== 'string' || !(zod.traits instanceof Set)) throw new Refusal('not a zod v4 schema');
  return zod;
}

function compileNode(node: ZodNodeInternals, place: Place): Run {
  return withChecks(compileParse(node, place), checksOf(node));
}

// zod's own rule for which checks a schema runs: the schema itself first when it is a check (a
// string format such as z.iso.date()), then its `def.checks` in order.
function checksOf(node: ZodNodeInternals): readonly ZodCheckInternals[] {
  const own = node.traits.has('$ZodCheck') ? [node as unknown as ZodCheckInternals] : [];
  const checks = [...own, ...(node.def.checks ?? []).map((c) => c._zod)];
  for (const c of checks) if (typeof c.check !== 'function') throw new Refusal('a check without a check function');
  return checks;
}

// Runs the checks as zod's runChecks does on a payload without issues: each in order, `when`
// consulted where a check has one, the value taken from the payload afterwards (an overwriting
// check such as trim() rewrites it). Any issue, or a promise, is a doubt.
function runZodChecks(checks: readonly ZodCheckInternals[], parsed: unknown): unknown {
  // A payload per value, never shared: a refinement may itself parse, even re-enter this parser.
  const payload: Payload = { value: parsed, issues: [] };
  for (const c of checks) {
    if (c.def.when !== undefined && !c.def.when(payload)) continue;
    const r = c.check(payload);
    if (r instanceof Promise || payload.issues.length > 0) return NOT_SURE;
  }
  return payload.value;
}

// The common checks (lengths, ISO dates and regexes, ranges, safe integers) get a quick test that
// is sufficient for zod's check to pass, never necessary: when it holds, zod's check would pass
// too, whatever its `when`; when it fails (a string near its length limit in surrogate pairs, say)
// zod's own check decides. Refinements always run as zod's own functions, after the quick tests
// (those neither mutate nor have effects, so the order is zod's as far as anyone can tell).
function withChecks(parse: Run, checks: readonly ZodCheckInternals[]): Run {
  if (checks.length === 0) return parse;
  const quick = quickTestOf(checks);
  if (quick === undefined)
    return (v) => {
      const parsed = parse(v);
      return parsed === NOT_SURE ? NOT_SURE : runZodChecks(checks, parsed);
    };
  const refinements = checks.filter(isRefinement);
  if (refinements.length === 0)
    return (v) => {
      const parsed = parse(v);
      if (parsed === NOT_SURE) return NOT_SURE;
      return quick(parsed) ? parsed : runZodChecks(checks, parsed);
    };
  return (v) => {
    const parsed = parse(v);
    if (parsed === NOT_SURE) return NOT_SURE;
    return runZodChecks(quick(parsed) ? refinements : checks, parsed);
  };
}

function isRefinement(c: ZodCheckInternals): boolean {
  return c.def.check === 'custom';
}

type Test = (value: unknown) => boolean;

interface CheckDef {
  readonly check?: string;
  readonly value?: unknown;
  readonly inclusive?: boolean;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly format?: string;
  readonly pattern?: unknown;
}

/** One test sufficient for every non-refinement check to pass, or undefined when one has none. */
function quickTestOf(checks: readonly ZodCheckInternals[]): Test | undefined {
  const tests: Test[] = [];
  for (const c of checks) {
    if (isRefinement(c)) continue;
    const t = quickTestOfCheck(c);
    if (t === undefined) return undefined;
    tests.push(t);
  }
  if (tests.length === 1) return tests[0];
  return (v) => {
    for (const t of tests) if (!t(v)) return false;
    return true;
  };
}

function quickTestOfCheck(c: ZodCheckInternals): Test | undefined {
  const def = c.def as CheckDef;
  const traits = c.traits;
  switch (def.check) {
    case 'greater_than': {
      const bound = def.value;
      if (typeof bound !== 'number') return undefined;
      return def.inclusive ? (v) => (v as number) >= bound : (v) => (v as number) > bound;
    }
    case 'less_than': {
      const bound = def.value;
      if (typeof bound !== 'number') return undefined;
      return def.inclusive ? (v) => (v as number) <= bound : (v) => (v as number) < bound;
    }
    case 'number_format':
      // A safe integer passes .int() (format safeint) and its range.
      return def.format === 'safeint' ? (v) => Number.isSafeInteger(v) : undefined;
    case 'max_length': {
      const max = def.maximum;
      if (typeof max !== 'number') return undefined;
      // zod counts a string in code points, never more than its UTF-16 units.
      return (v) => (v as { length: number }).length <= max;
    }
    case 'min_length': {
      const min = def.minimum;
      if (typeof min !== 'number') return undefined;
      // n UTF-16 units hold at least ceil(n / 2) code points.
      const units = Math.max(min, 2 * min - 1);
      return (v) => (v as { length: number }).length >= units;
    }
    case 'string_format': {
      // Only the formats whose zod check is exactly a test of `def.pattern`.
      const pattern = def.pattern;
      if (!(pattern instanceof RegExp) || traits === undefined || !(traits.has('$ZodISODate') || traits.has('$ZodCheckRegex'))) return undefined;
      return (v) => {
        pattern.lastIndex = 0;
        return pattern.test(v as string);
      };
    }
    default:
      return undefined;
  }
}

function compileParse(node: ZodNodeInternals, place: Place): Run {
  const { def, traits } = node;
  const { at } = place;
  switch (def.type) {
    case 'string':
      if (!traits.has('$ZodString') || def.coerce) throw new Refusal(`${at}: a coercing or unknown string schema`);
      return (v) => (typeof v === 'string' ? v : NOT_SURE);
    case 'number':
      if (!traits.has('$ZodNumber') || def.coerce) throw new Refusal(`${at}: a coercing or unknown number schema`);
      // zod refuses NaN and both infinities before any check.
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : NOT_SURE);
    case 'boolean':
      if (!traits.has('$ZodBoolean') || def.coerce) throw new Refusal(`${at}: a coercing or unknown boolean schema`);
      return (v) => (typeof v === 'boolean' ? v : NOT_SURE);
    case 'enum':
    case 'literal': {
      if (!traits.has('$ZodEnum') && !traits.has('$ZodLiteral')) throw new Refusal(`${at}: an unknown ${def.type} schema`);
      const values = node.values;
      if (!(values instanceof Set)) throw new Refusal(`${at}: an enum without values`);
      return (v) => (values.has(v) ? v : NOT_SURE);
    }
    case 'optional': {
      const inner = innerOf(node, at);
      const run = compileNode(inner, place);
      // .exactOptional() takes no undefined of its own: its inner schema decides.
      if (traits.has('$ZodExactOptional')) return run;
      if (!traits.has('$ZodOptional')) throw new Refusal(`${at}: an unknown optional schema`);
      if (inner.optin === 'defaulted') return run;
      return (v) => (v === undefined ? undefined : run(v));
    }
    case 'nullable': {
      if (!traits.has('$ZodNullable')) throw new Refusal(`${at}: an unknown nullable schema`);
      const run = compileNode(innerOf(node, at), place);
      return (v) => (v === null ? null : run(v));
    }
    case 'default': {
      if (!traits.has('$ZodDefault')) throw new Refusal(`${at}: an unknown default schema`);
      const run = compileNode(innerOf(node, at), place);
      // The default is read from the def each time, as zod reads it: its getter hands out a
      // fresh shallow copy, so no two applicants share a default object.
      return (v) => {
        if (v === undefined) return def.defaultValue;
        const r = run(v);
        return r === undefined ? def.defaultValue : r;
      };
    }
    case 'array':
      return compileArray(node, place);
    case 'object':
      return compileObject(node, place);
    default:
      throw new Refusal(`${at}: ${def.type} schemas are not compiled`);
  }
}

function innerOf(node: ZodNodeInternals, at: string): ZodNodeInternals {
  if (node.def.innerType === undefined) throw new Refusal(`${at}: a wrapper without an inner schema`);
  return internalsOf(node.def.innerType);
}

function compileArray(node: ZodNodeInternals, { depth, at, generateCode }: Place): Run {
  if (!node.traits.has('$ZodArray') || node.def.element === undefined) throw new Refusal(`${at}: an unknown array schema`);
  if (depth > MAX_DEPTH) throw new Refusal(`${at}: deeper than readPlainData reads`);
  const element = compileNode(internalsOf(node.def.element), { depth: depth + 1, at: `${at}[]`, generateCode });
  // Longer than readPlainData copies, or than the array's own .max(): handed over before any element
  // is parsed, so an oversized array costs the fast path nothing (zod's check refuses it anyway).
  const maxima = checksOf(node).map((c) => ((c.def as CheckDef).check === 'max_length' ? (c.def as CheckDef).maximum : undefined));
  const longest = Math.min(MAX_ARRAY_LENGTH, ...maxima.filter((m): m is number => typeof m === 'number'));
  return (v) => {
    if (!Array.isArray(v)) return NOT_SURE;
    const length = v.length;
    if (length > longest) return NOT_SURE;
    const out = new Array<unknown>(length);
    for (let i = 0; i < length; i++) {
      // A hole is readPlainData's missing_element.
      if (!(i in v)) return NOT_SURE;
      const r = element(v[i]);
      if (r === NOT_SURE) return NOT_SURE;
      out[i] = r;
    }
    return out;
  };
}

interface Field {
  readonly key: string;
  readonly bit: number;
  readonly run: Run;
  readonly optin: 'optional' | 'defaulted' | undefined;
  readonly optional: boolean;
}

function compileObject(node: ZodNodeInternals, { depth, at, generateCode }: Place): Run {
  const shape = node.def.shape;
  if (!node.traits.has('$ZodObject') || shape === undefined) throw new Refusal(`${at}: an unknown object schema`);
  if (Object.getOwnPropertySymbols(shape).length > 0) throw new Refusal(`${at}: symbol keys`);
  if (depth > MAX_DEPTH) throw new Refusal(`${at}: deeper than readPlainData reads`);
  const keys = Object.keys(shape);
  if (keys.length > MAX_KEYS) throw new Refusal(`${at}: more than ${MAX_KEYS} keys`);
  // zod never writes a __proto__ key to its output; such a shape is left to it.
  if (keys.includes('__proto__')) throw new Refusal(`${at}: a __proto__ key`);
  const slots = new Map<string, number>();
  const fields: Field[] = keys.map((key, i) => {
    slots.set(key, i);
    const field = internalsOf(shape[key]);
    return {
      key,
      bit: 1 << i,
      run: compileNode(field, { depth: depth + 1, at: `${at}.${key}`, generateCode }),
      optin: field.optin,
      optional: field.optout === 'optional',
    };
  });
  return generateCode ? generatedObjectParse(fields) : objectParse(fields, slots);
}

// The object parser as a closure over the fields: used where code cannot be generated (a policy
// forbids `new Function`). The generated one below does the same with the keys written out.
function objectParse(fields: readonly Field[], slots: ReadonlyMap<string, number>): Run {
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return NOT_SURE;
    // readPlainData's plain objects; one from another realm is left to it.
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== objectPrototype && proto !== null) return NOT_SURE;
    const input = v as Record<string, unknown>;
    // Own enumerable string keys, as readPlainData copies them: an inherited or non-enumerable
    // `id` is absent to it, so it is absent here. An unknown key (a __proto__ key included) is a
    // doubt even where zod would strip it, since readPlainData still vets its value.
    let present = 0;
    for (const key of Object.keys(input)) {
      const slot = slots.get(key);
      if (slot === undefined) return NOT_SURE;
      present |= 1 << slot;
    }
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if ((present & f.bit) !== 0) {
        // Present: zod keeps the key whatever its kind (an explicit undefined included).
        const r = f.run(input[f.key]);
        if (r === NOT_SURE) return NOT_SURE;
        out[f.key] = r;
        continue;
      }
      // Absent: zod would read it through Object.prototype on the plain copy, and a required
      // key is an issue.
      if (f.key in objectPrototype || f.optin === undefined) return NOT_SURE;
      const r = f.run(undefined);
      if (r === NOT_SURE) return NOT_SURE;
      if (keepsAbsent(f, r)) out[f.key] = r;
    }
    return out;
  };
}

// zod's rule (ZodObject, compiled or not) for an absent optional key: .optional() leaves it out,
// .default() writes its default, and a value made of nothing is kept only when it is not undefined.
function keepsAbsent(f: Field, r: unknown): boolean {
  if (f.optional) return f.optin === 'defaulted' && r !== undefined;
  return f.optin === 'defaulted' || r !== undefined;
}

let codeGeneration: boolean | undefined;

function canGenerateCode(): boolean {
  if (codeGeneration === undefined) {
    try {
      codeGeneration = new Function('return true')() === true;
    } catch {
      codeGeneration = false;
    }
  }
  return codeGeneration;
}

// The same parser as objectParse with every key a literal in its own statement, as zod's own
// compiled objects do: each property read and write then has one shape to expect, which is what
// makes it fast. Only JSON-quoted keys and field numbers go into the source.
function generatedObjectParse(fields: readonly Field[]): Run {
  const lines: string[] = [
    'return function parseObject(v) {',
    "  if (typeof v !== 'object' || v === null || Array.isArray(v)) return NS;",
    '  const proto = Object.getPrototypeOf(v);',
    '  if (proto !== OP && proto !== null) return NS;',
    '  const keys = Object.keys(v);',
    '  let present = 0;',
    '  for (let i = 0; i < keys.length; i++) {',
    '    switch (keys[i]) {',
    ...fields.map((f) => `      case ${JSON.stringify(f.key)}: present |= ${f.bit}; break;`),
    '      default: return NS;',
    '    }',
    '  }',
    '  const out = {};',
    '  let r;',
  ];
  fields.forEach((f, i) => {
    const key = JSON.stringify(f.key);
    lines.push(`  if ((present & ${f.bit}) !== 0) {`, `    r = run${i}(v[${key}]);`, '    if (r === NS) return NS;', `    out[${key}] = r;`, '  } else {');
    if (f.optin === undefined) lines.push('    return NS;');
    else {
      lines.push(`    if (${key} in OP) return NS;`, `    r = run${i}(undefined);`, '    if (r === NS) return NS;');
      if (f.optional) {
        if (f.optin === 'defaulted') lines.push(`    if (r !== undefined) out[${key}] = r;`);
      } else if (f.optin === 'defaulted') lines.push(`    out[${key}] = r;`);
      else lines.push(`    if (r !== undefined) out[${key}] = r;`);
    }
    lines.push('  }');
  });
  lines.push('  return out;', '};');
  const runs = fields.map((_, i) => `run${i}`);
  const make = new Function('NS', 'OP', ...runs, lines.join('\n')) as (...args: unknown[]) => Run;
  return make(NOT_SURE, objectPrototype, ...fields.map((f) => f.run));
}
