/**
 * Plain data packed by shape for the trip from a scorer worker back to the pool: each object is
 * its shape's number (its keys, in order, listed once per message) followed by its values; strings
 * are listed once per message; numbers travel as float64 bytes. Read in pre-order through `tags`.
 *
 * Why: a decision is ~70 small objects. Rebuilt by Node's structured deserialiser, each is a fresh
 * young-generation object that the pool keeps until the call returns, so the pool's thread spends
 * more time copying them through the young generation than reading them, and that thread shares
 * the cores with the workers. {@link createValueUnpacker} rebuilds each shape with one generated
 * object literal: V8 sees those allocation sites' objects survive and allocates them straight in
 * the old generation, and strings repeated across a chunk's decisions are made once.
 */
export interface PackedValues {
  /** Number of top-level values. */
  readonly count: number;
  /** One tag per value, objects and arrays before their contents. */
  readonly tags: Uint8Array;
  /** Per object its shape's number, per array its length, per string its number in `strings`. */
  readonly ints: Uint32Array;
  /** Every number, in order. */
  readonly numbers: Float64Array;
  /** The distinct strings of this message. */
  readonly strings: readonly string[];
  /** The distinct object shapes of this message: each object's own enumerable keys, in order. */
  readonly shapes: readonly (readonly string[])[];
}

const NUMBER = 0;
const STRING = 1;
const OBJECT = 2;
const ARRAY = 3;
const TRUE = 4;
const FALSE = 5;
const NULL = 6;
const UNDEFINED = 7;

/** Deeper than any decision: a deeper value (or a cycle) goes by structured cloning instead. */
const MAX_DEPTH = 64;
/** Distinct shapes a packer or unpacker remembers; values with more go by structured cloning. */
const MAX_SHAPES = 4096;
/** Arrays shorter than this are rebuilt by a literal of their length (see {@link createValueUnpacker}). */
const SHORT_ARRAY = 16;

interface Shape {
  readonly keys: readonly string[];
  /** Where the values at each key last went: predicts the shape of the next object there. */
  readonly sites: Site[];
  /** The message this shape was last listed in, and its number there. */
  message: number;
  id: number;
}

/** A place in the data (a key of a shape, the items of an array): remembers the shape last seen there. */
interface Site {
  last: Shape | undefined;
  items: Site | undefined;
}

const newSite = (): Site => ({ last: undefined, items: undefined });

/**
 * A packer for one worker: it remembers shapes across messages, so an object whose keys match the
 * last object at the same place is recognised by comparing keys, without building a lookup key.
 * The returned function packs one message's values, or returns `undefined` when a value is not
 * plain data it can rebuild exactly (a Date, a bigint, a class instance, an array with holes, a
 * cycle...): the caller then sends those values by structured cloning, as before.
 */
export function createValuePacker(): (values: readonly unknown[]) => PackedValues | undefined {
  const shapes = new Map<string, Shape>();
  const root = newSite();
  let message = 0;
  let capacity = { tags: 1 << 14, ints: 1 << 12, numbers: 1 << 12 };

  return (values) => {
    message += 1;
    let tags = new Uint8Array(capacity.tags);
    let ints = new Uint32Array(capacity.ints);
    let numbers = new Float64Array(capacity.numbers);
    let nTags = 0;
    let nInts = 0;
    let nNumbers = 0;
    const strings: string[] = [];
    const stringIds = new Map<string, number>();
    const listed: (readonly string[])[] = [];

    const tag = (t: number): void => {
      if (nTags === tags.length) tags = grow(tags, new Uint8Array(tags.length * 2));
      tags[nTags++] = t;
    };
    const int = (i: number): void => {
      if (nInts === ints.length) ints = grow(ints, new Uint32Array(ints.length * 2));
      ints[nInts++] = i;
    };

    const put = (v: unknown, site: Site, depth: number): boolean => {
      switch (typeof v) {
        case 'number':
          if (nNumbers === numbers.length) numbers = grow(numbers, new Float64Array(numbers.length * 2));
          numbers[nNumbers++] = v;
          tag(NUMBER);
          return true;
        case 'string': {
          let id = stringIds.get(v);
          if (id === undefined) {
            id = strings.length;
            strings.push(v);
            stringIds.set(v, id);
          }
          tag(STRING);
          int(id);
          return true;
        }
        case 'boolean':
          tag(v ? TRUE : FALSE);
          return true;
        case 'undefined':
          tag(UNDEFINED);
          return true;
        case 'object': {
          if (v === null) {
            tag(NULL);
            return true;
          }
          if (depth === MAX_DEPTH) return false;
          const proto: unknown = Object.getPrototypeOf(v);
          if (Array.isArray(v)) {
            if (proto !== Array.prototype) return false;
            const items = (site.items ??= newSite());
            tag(ARRAY);
            int(v.length);
            for (let i = 0; i < v.length; i++) {
              // A hole would come back as `undefined`: not the same array.
              if (!(i in v) || !put(v[i], items, depth + 1)) return false;
            }
            return true;
          }
          if (proto !== Object.prototype && proto !== null) return false;
          const keys = Object.keys(v);
          let shape = site.last;
          if (shape === undefined || !sameKeys(shape.keys, keys)) {
            const lookup = JSON.stringify(keys);
            shape = shapes.get(lookup);
            if (shape === undefined) {
              if (shapes.size === MAX_SHAPES) return false;
              shape = { keys, sites: keys.map(newSite), message: 0, id: 0 };
              shapes.set(lookup, shape);
            }
            site.last = shape;
          }
          if (shape.message !== message) {
            shape.message = message;
            shape.id = listed.length;
            listed.push(shape.keys);
          }
          tag(OBJECT);
          int(shape.id);
          const record = v as Record<string, unknown>;
          for (let i = 0; i < keys.length; i++) {
            if (!put(record[keys[i] as string], shape.sites[i] as Site, depth + 1)) return false;
          }
          return true;
        }
        default:
          return false;
      }
    };

    for (const v of values) if (!put(v, root, 0)) return undefined;
    // The next message starts at this one's size: chunks are alike, so buffers rarely grow twice.
    capacity = { tags: Math.max(nTags, 16), ints: Math.max(nInts, 16), numbers: Math.max(nNumbers, 16) };
    return {
      count: values.length,
      tags: tags.subarray(0, nTags),
      ints: ints.subarray(0, nInts),
      numbers: numbers.subarray(0, nNumbers),
      strings,
      shapes: listed,
    };
  };
}

/** Builds one object of a shape, its values read in key order. */
type Build = (read: () => unknown) => Record<string, unknown>;

/**
 * An unpacker for the pool: rebuilds the values of {@link createValuePacker}'s messages, equal to
 * the originals (same keys in the same order, `undefined` and `-0` kept). Each shape gets one
 * builder for the pool's lifetime (see {@link PackedValues} for why).
 * @throws Error when the message is malformed (the caller treats it as a failed task).
 */
export function createValueUnpacker(): (packed: PackedValues) => unknown[] {
  const builders = new Map<string, Build>();
  // Short arrays by array literal too, so they are pretenured like the objects that hold them.
  const arrays: ((read: () => unknown) => unknown[])[] = [];
  for (let n = 0; n < SHORT_ARRAY; n++) {
    const literal = generatedArray(n);
    if (literal === undefined) break;
    arrays.push(literal);
  }
  let generate = arrays.length === SHORT_ARRAY;

  const builderOf = (keys: readonly string[]): Build => {
    const lookup = JSON.stringify(keys);
    let build = builders.get(lookup);
    if (build === undefined) {
      build = generate && !keys.includes('__proto__') ? generated(keys) : undefined;
      if (build === undefined) {
        // Without code generation (node --disallow-code-generation-from-strings), or for a key a
        // literal would take as the prototype: defined one by one, slower but the same object.
        generate = false;
        build = byDefinition(keys);
      }
      if (builders.size < MAX_SHAPES) builders.set(lookup, build);
    }
    return build;
  };

  return (packed) => {
    const { tags, ints, numbers, strings } = packed;
    const build = packed.shapes.map(builderOf);
    let t = 0;
    let i = 0;
    let n = 0;
    const read = (): unknown => {
      switch (tags[t++]) {
        case NUMBER:
          return numbers[n++];
        case STRING:
          return strings[ints[i++] as number];
        case OBJECT: {
          const b = build[ints[i++] as number];
          if (b === undefined) throw new Error('packed values: unknown shape');
          return b(read);
        }
        case ARRAY: {
          const length = ints[i++] as number;
          const literal = arrays[length];
          if (literal !== undefined) return literal(read);
          const a: unknown[] = new Array(length);
          for (let k = 0; k < length; k++) a[k] = read();
          return a;
        }
        case TRUE:
          return true;
        case FALSE:
          return false;
        case NULL:
          return null;
        case UNDEFINED:
          return undefined;
        default:
          throw new Error(`packed values: bad tag at ${t - 1}`);
      }
    };
    const out: unknown[] = new Array(packed.count);
    for (let k = 0; k < packed.count; k++) out[k] = read();
    if (t !== tags.length || i !== ints.length || n !== numbers.length) throw new Error('packed values: message not read to its end');
    return out;
  };
}

function generated(keys: readonly string[]): Build | undefined {
  try {
    // One object literal per shape, keys as JSON string literals (always valid JavaScript), values in key order.
    return new Function('read', `return { ${keys.map((k) => `${JSON.stringify(k)}: read()`).join(', ')} };`) as Build;
  } catch {
    return undefined;
  }
}

function generatedArray(length: number): ((read: () => unknown) => unknown[]) | undefined {
  try {
    return new Function('read', `return [${Array.from({ length }, () => 'read()').join(', ')}];`) as (read: () => unknown) => unknown[];
  } catch {
    return undefined;
  }
}

function byDefinition(keys: readonly string[]): Build {
  return (read) => {
    const o: Record<string, unknown> = {};
    for (const k of keys) Object.defineProperty(o, k, { value: read(), writable: true, enumerable: true, configurable: true });
    return o;
  };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function grow<T extends Uint8Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
