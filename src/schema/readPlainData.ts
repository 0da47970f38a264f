import type { ValidationIssue } from '../errors/validationError.js';
import type { ValidationIssueCode } from '../errors/validationIssueCode.js';

/** What {@link readPlainData} made of a value. */
export interface PlainDataRead {
  /** A copy of the value as plain objects, arrays and primitives; every property read exactly once. */
  readonly value: unknown;
  /** One issue per part that could not be taken as plain data, at its own path. */
  readonly issues: ValidationIssue[];
  /** Paths of those parts: the schema's own complaints at or below them are redundant. */
  readonly blocked: readonly (readonly (string | number)[])[];
  /** Arrays longer than {@link MAX_ARRAY_LENGTH}, each also a `too_big` issue: where, and how long. */
  readonly tooLong: readonly { readonly path: readonly (string | number)[]; readonly length: number }[];
}

/** Deepest nesting read (deeper than any applicant); a deeper value is refused rather than walked. */
export const MAX_DEPTH = 32;
/** Longest array read; a longer one is refused (`too_big`). The schema caps every applicant array far below this. */
export const MAX_ARRAY_LENGTH = 10_000;

/**
 * Reads untrusted input into plain data before validation, so that:
 * - a Map, Set, Date, class instance or typed array where the schema wants a plain object or
 *   array is refused at its path (zod would take a Map as an empty object and a cap in it would
 *   vanish);
 * - a getter that throws (or a revoked proxy) is reported at its own path, with every other issue,
 *   instead of one issue at the root;
 * - a hole in a sparse array is reported at its index;
 * - a circular or absurdly deep value is refused, never walked forever;
 * - each property is read once, so a getter cannot show validation one value and the decision another.
 * Keys are copied as own data properties (a `__proto__` key stays a key and is reported as unknown).
 *
 * @example readPlainData({ controls: new Map() }).issues[0].path // ['controls']
 */
export function readPlainData(input: unknown): PlainDataRead {
  const issues: ValidationIssue[] = [];
  const blocked: (string | number)[][] = [];
  const tooLong: { path: (string | number)[]; length: number }[] = [];
  const onPath = new Set<object>();
  // The path of the value being read, one shared stack: a path array is made only for an issue,
  // not for every property of every valid record.
  const path: (string | number)[] = [];
  const refuse = (code: ValidationIssueCode, message: string, extra: { expected?: string; received?: string } = {}) => {
    const at = [...path];
    issues.push({ path: at, code, message, ...extra });
    blocked.push(at);
    return undefined;
  };
  const refuseAt = (key: string | number, code: ValidationIssueCode, message: string) => {
    path.push(key);
    refuse(code, message);
    path.pop();
  };

  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (onPath.has(v)) return refuse('circular_reference', 'the value contains itself');
    if (depth > MAX_DEPTH) return refuse('too_deep', `nested more than ${MAX_DEPTH} levels`);
    let isArray: boolean;
    let proto: unknown;
    try {
      isArray = Array.isArray(v);
      proto = Object.getPrototypeOf(v);
    } catch (e) {
      return refuse('unreadable_input', `could not be read: ${errorName(e)}`);
    }
    onPath.add(v);
    try {
      if (isArray) return readArray(v as unknown[], depth);
      if (!isPlainObjectProto(v, proto)) {
        return refuse('invalid_type', `expected a plain object or array, received ${kindOf(v)}`, { expected: 'plain object', received: kindOf(v) });
      }
      let keys: string[];
      try {
        keys = Object.keys(v);
      } catch (e) {
        return refuse('unreadable_input', `could not be read: ${errorName(e)}`);
      }
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        let child: unknown;
        try {
          child = (v as Record<string, unknown>)[key];
        } catch (e) {
          refuseAt(key, 'unreadable_input', `could not be read: ${errorName(e)}`);
          continue;
        }
        path.push(key);
        const copy = walk(child, depth + 1);
        path.pop();
        // An own data property whatever the key: plain assignment would run an inherited setter
        // (`__proto__` sets the prototype), so a key the object inherits is defined instead.
        if (key in out) Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
        else out[key] = copy;
      }
      return out;
    } finally {
      onPath.delete(v);
    }
  };

  const readArray = (a: unknown[], depth: number): unknown => {
    let length: number;
    try {
      length = a.length;
    } catch (e) {
      return refuse('unreadable_input', `could not be read: ${errorName(e)}`);
    }
    // Too long to copy, and refused here, once, at its own path: handed to the schema even as an
    // unfilled array, zod reported each missing element ("expected string, received undefined",
    // none of them true) and past about 100,000 threw its own RangeError (call stack). A caller
    // with its own rule for the length (the applicant's evidence cap) reads it from `tooLong`.
    if (length > MAX_ARRAY_LENGTH) {
      tooLong.push({ path: [...path], length });
      return refuse('too_big', `an array of ${length} elements, more than the ${MAX_ARRAY_LENGTH} any field takes: its elements were not read`, {
        expected: `at most ${MAX_ARRAY_LENGTH} elements`,
        received: `${length} elements`,
      });
    }
    const out: unknown[] = new Array<unknown>(length);
    for (let i = 0; i < length; i++) {
      const depthBefore = path.length;
      try {
        if (!(i in a)) {
          refuseAt(i, 'missing_element', 'a hole in a sparse array: no value at this index');
          continue;
        }
        path.push(i);
        out[i] = walk(a[i], depth + 1);
      } catch (e) {
        path.length = depthBefore;
        refuseAt(i, 'unreadable_input', `could not be read: ${errorName(e)}`);
      }
      path.length = depthBefore;
    }
    return out;
  };

  const value = walk(input, 0);
  return { value, issues, blocked, tooLong };
}

/** True when `path` is at or below one of `blocked`. */
export function isBlockedPath(path: readonly PropertyKey[], blocked: readonly (readonly (string | number)[])[]): boolean {
  return blocked.some((b) => b.length <= path.length && b.every((seg, i) => seg === path[i]));
}

/** Whether readPlainData takes `v` (not an array) as a plain object: its own test, shared with the pool's record scan. */
export function isPlainObject(v: object): boolean {
  return isPlainObjectProto(v, Object.getPrototypeOf(v));
}

// A plain object from this realm or another (a vm context, a worker's structured clone).
function isPlainObjectProto(v: object, proto: unknown): boolean {
  if (proto === null || proto === Object.prototype) return true;
  return Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(v) === '[object Object]';
}

/** What readPlainData calls a non-plain object in its refusal: its constructor's name, else `object`. */
export function kindOf(v: object): string {
  try {
    const name = (Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
    return typeof name === 'string' && name !== '' ? name : 'object';
  } catch {
    return 'object';
  }
}

/** How readPlainData names what a read threw: an Error's name, else its `typeof`. */
export function errorName(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}
