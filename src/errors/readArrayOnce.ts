import type { ValidationIssue } from './validationError.js';

/** Most entries an array may claim: JavaScript's own bound on an array's length. */
const MAX_ARRAY_LENGTH = 2 ** 32 - 1;

/**
 * An option's value with every array in it, and every array inside those, read once into a plain
 * array: its `length` once and each index once, in order. Options holding lists (`limitHistories`,
 * `featureNames`, `verificationKeys`, `bannedDataCategories`, `workerExecArgv`, a baseline's
 * `edges`) were iterated by the check and again by the use, so a Proxy or an array with getters
 * could show the check strings and the use numbers. A read that throws is `unreadable_input` at its
 * index (the array's path for `length`). Objects inside are kept as given: each is read by its own
 * rules. A value that is no array is returned as given, one that cannot even be asked whether it is
 * one (a revoked Proxy) too: the option's own check names it.
 */
export function readArrayOnce(value: unknown, at: readonly (string | number)[]): { readonly value: unknown; readonly issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  // Copied once each, so an array listed twice, or holding itself, is one array in the copy too.
  const copies = new Map<unknown, unknown[]>();
  const copy = (v: unknown, path: readonly (string | number)[]): unknown => {
    let isArray: boolean;
    try {
      isArray = Array.isArray(v);
    } catch {
      return v;
    }
    if (!isArray) return v;
    const done = copies.get(v);
    if (done !== undefined) return done;
    const out: unknown[] = [];
    copies.set(v, out);
    const given = v as unknown[];
    let length: unknown;
    try {
      length = given.length;
    } catch (e) {
      issues.push(unreadable(path, 'length', e));
      return out;
    }
    // A Proxy answers any length it likes: one no array can have is refused, never looped on.
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > MAX_ARRAY_LENGTH) {
      issues.push({ path: [...path], code: 'unreadable_input', message: `${nameOf(path)} could not be read: its length is not an array's` });
      return out;
    }
    for (let i = 0; i < length; i++) {
      let item: unknown;
      try {
        item = given[i];
      } catch (e) {
        issues.push(unreadable([...path, i], String(i), e));
        continue;
      }
      out[i] = copy(item, [...path, i]);
    }
    out.length = length;
    return out;
  };
  return { value: copy(value, at), issues };
}

function nameOf(path: readonly (string | number)[]): string {
  return path.length === 0 ? 'the array' : String(path[path.length - 1]);
}

function unreadable(path: readonly (string | number)[], what: string, e: unknown): ValidationIssue {
  return { path: [...path], code: 'unreadable_input', message: `${what} could not be read: ${e instanceof Error ? e.name : typeof e}` };
}
