import { types } from 'node:util';

/** Deeper than this, a value is not checked further and counts as not JSON-faithful (it takes the cloning path). */
const MAX_DEPTH = 256;

/**
 * True when `JSON.parse(JSON.stringify(value))` rebuilds `value` exactly as structured cloning
 * would: only plain objects, dense plain arrays, strings, booleans, null and finite numbers other
 * than -0. Anything else (undefined, NaN, Infinity, -0, bigint, functions, symbols, Dates, Maps,
 * class instances, typed arrays, proxies, holes, cycles, nesting past {@link MAX_DEPTH}) is
 * reported, so the pool sends that one record by structured clone instead: JSON never gets the
 * chance to drop, coerce or call anything silently.
 *
 * A value read through a throwing getter makes this throw; callers treat that as not faithful.
 */
export function isJsonFaithful(value: unknown): boolean {
  return faithful(value, 0);
}

function faithful(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth >= MAX_DEPTH || types.isProxy(value)) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || !faithful(value[i], depth + 1)) return false;
    }
    // A named property on an array is kept by cloning and dropped by JSON.
    return Object.keys(value).length === value.length;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  // `toJSON` would be called by JSON.stringify; as a function it already fails below.
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) return false;
    if (!faithful(record[key], depth + 1)) return false;
  }
  return true;
}
