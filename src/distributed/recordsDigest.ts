import { createHash } from 'node:crypto';
import { CreditliftError } from '../errors/creditliftError.js';
import type { InputRecord } from '../cli/score/inputRecord.js';

/**
 * SHA-256 (hex) of a chunk's records in their canonical text ({@link canonicalRecordsText}): what a
 * worker's answer names as the records it decided, and what the producer compares it with.
 *
 * It is taken over the records, not over the bytes stored in Redis: V8's structured serialisation
 * writes one value in more than one way (546 as a small integer, or as the double 546.0 once the
 * process has seen that field hold a fraction), so a resumed producer encoding the same records
 * again got other bytes, and refused every answer the workers made meanwhile as made from other records.
 *
 * @throws CreditliftError `internal_error` for a value no input reader makes (see {@link canonicalRecordsText})
 */
export function recordsDigest(records: readonly InputRecord[]): string {
  return createHash('sha256').update(canonicalRecordsText(records)).digest('hex');
}

/**
 * One text for every value V8 carries as the same, and different texts for values it keeps apart:
 * JSON with object keys in their own order (a worker sees them in that order), and spellings of its
 * own for what JSON cannot write and a record can hold (CSV cells, `-0` in NDJSON): `-0`, `NaN`,
 * `Infinity`, `-Infinity`, `u` for undefined, `_` for a hole in an array, `12n` for a bigint.
 *
 * @throws CreditliftError `internal_error` naming the value and where it is, for anything else (a
 *   Date, a Map, a class instance): digesting it as something else would let an answer to other records through
 */
export function canonicalRecordsText(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, '');
  return parts.join('');
}

function write(value: unknown, out: string[], at: string): void {
  switch (typeof value) {
    case 'undefined':
      out.push('u');
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      // String() spells NaN and the infinities, and gives one text per double; only -0 it writes as 0.
      out.push(Object.is(value, -0) ? '-0' : String(value));
      return;
    case 'bigint':
      out.push(`${value}n`);
      return;
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'object':
      break;
    default:
      throw unnameable(typeof value, at);
  }
  if (value === null) {
    out.push('null');
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      if (i in value) write(value[i], out, `${at}[${i}]`);
      else out.push('_');
    }
    out.push(']');
    // Named properties beside the items (none from JSON or CSV, but V8 carries them): kept apart.
    const named = Object.keys(value).filter((k) => !/^(0|[1-9]\d*)$/.test(k));
    if (named.length > 0) writeEntries(value as unknown as Record<string, unknown>, named, out, at);
    return;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw unnameable((value as object).constructor?.name ?? 'object', at);
  writeEntries(value as Record<string, unknown>, Object.keys(value), out, at);
}

function writeEntries(value: Record<string, unknown>, keys: readonly string[], out: string[], at: string): void {
  out.push('{');
  keys.forEach((k, i) => {
    if (i > 0) out.push(',');
    out.push(JSON.stringify(k), ':');
    // An own `__proto__` key (JSON.parse makes one) shadows the accessor: this reads the record's value.
    write(value[k], out, `${at}.${k}`);
  });
  out.push('}');
}

function unnameable(what: string, at: string): CreditliftError {
  return new CreditliftError(
    'internal_error',
    `a chunk's records hold a ${what} at ${at === '' ? 'their root' : at.replace(/^\./, '')}, which no input reader makes`,
  );
}
