/**
 * The same bytes as {@link canonicalJson} (its readable definition stays the reference; a property
 * test holds the two equal on random values and random decisions), written for the decision hot
 * path: sealing a decision serialised it with a sort, three array allocations and a template string
 * per object, about a fifth of a batch's CPU.
 *
 * Objects of one shape (a decision's caps, each evidence item, each factor) share their key list,
 * so the sorted order is worked out once per distinct key list and remembered in a trie walked one
 * key at a time (no joined signature to build, no collisions between keys that contain separators).
 * The output is built by appending to one string.
 */
import type { canonicalJson } from './canonicalJson.js';
import { orderOf } from './keyOrder.js';

function primitive(value: unknown): string {
  // For a finite number String gives JSON.stringify's digits (both are Number::toString; -0 is "0").
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  // Strings, booleans; undefined, functions and symbols become null; a bigint throws as in canonicalJson.
  return JSON.stringify(value) ?? 'null';
}

function write(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (value === null || typeof value !== 'object') return primitive(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const sep = i > 0 ? ',' : '';
      // A hole stays empty, as Array.prototype.map and join leave it in canonicalJson.
      if (!(i in value)) {
        out += sep;
        continue;
      }
      const v: unknown = value[i];
      out += sep + (v === undefined ? 'null' : write(v));
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const { sorted, quoted, commaQuoted } = orderOf(keys);
  let out = '{';
  let first = true;
  for (let j = 0; j < keys.length; j++) {
    const v = record[keys[sorted[j] as number] as string];
    if (v === undefined) continue;
    out += ((first ? quoted[j] : commaQuoted[j]) as string) + write(v);
    first = false;
  }
  return `${out}}`;
}

/**
 * {@link canonicalJson}, byte for byte, faster: JSON with object keys sorted at every depth,
 * undefined members dropped, non-finite numbers as null.
 */
export const fastCanonicalJson: typeof canonicalJson = write;
