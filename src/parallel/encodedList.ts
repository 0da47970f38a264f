import { isJsonFaithful } from './jsonFaithful.js';

/**
 * A list of values as it crosses between the pool and a worker process: one JSON text for the
 * whole list, serialised once and carried as a flat string (Node's IPC copies its bytes; no object
 * is cloned field by field), plus the rare values JSON would not carry faithfully, sent apart by
 * structured clone so that nothing is dropped or coerced on the way.
 */
export interface EncodedList {
  /** `JSON.stringify` of the list, with `null` in place of each value in {@link cloned}. */
  readonly json: string;
  /** `[index, value]` of every value that is not JSON-faithful (see `isJsonFaithful`). */
  readonly cloned?: readonly (readonly [number, unknown])[];
}

/** Encodes a list; every value JSON carries faithfully goes into one JSON text. */
export function encodeList(values: readonly unknown[]): EncodedList {
  let cloned: [number, unknown][] | undefined;
  for (let i = 0; i < values.length; i++) {
    if (!faithfulOrThrows(values[i])) (cloned ??= []).push([i, values[i]]);
  }
  if (cloned === undefined) return { json: JSON.stringify(values) };
  const plain = [...values];
  for (const [i] of cloned) plain[i] = null;
  return { json: JSON.stringify(plain), cloned };
}

/** The list as it was encoded: parsed once, with the cloned values put back in their places. */
export function decodeList<T>(encoded: EncodedList): T[] {
  const values = JSON.parse(encoded.json) as T[];
  if (encoded.cloned !== undefined) for (const [i, v] of encoded.cloned) values[i] = v as T;
  return values;
}

// A value that throws while being read (a getter) is sent by clone, whose own failure the pool handles.
function faithfulOrThrows(value: unknown): boolean {
  try {
    return isJsonFaithful(value);
  } catch {
    return false;
  }
}
