import type { ValidationIssue } from '../errors/validationError.js';
import { protectedCharacteristicOf, type ProtectedCharacteristic } from '../text/protectedCharacteristic.js';
import { truncateForMessage } from '../errors/truncateForMessage.js';

// How much of a key is read as a name, as for an unknown applicant key: no field name is longer,
// and a hostile megabyte key is not read as words.
const MAX_KEY_READ_AS_NAME = 1024;
// Keys already read: an attribute schema's keys repeat on every applicant, and reading one as words
// costs about 7 µs. Bounded, so a stream of fresh record keys cannot grow it without end.
const MAX_REMEMBERED = 10_000;
const remembered = new Map<string, ProtectedCharacteristic | null>();

function characteristicOf(key: string): ProtectedCharacteristic | null {
  const known = remembered.get(key);
  if (known !== undefined) return known;
  const c = protectedCharacteristicOf(key.length <= MAX_KEY_READ_AS_NAME ? key : key.slice(0, MAX_KEY_READ_AS_NAME));
  if (remembered.size < MAX_REMEMBERED && key.length <= MAX_KEY_READ_AS_NAME) remembered.set(key, c);
  return c;
}

/**
 * A `protected_characteristic` issue for every key of validated attribute data that names a
 * protected characteristic, however deep (objects, arrays, maps), at its path under `path`. The
 * declared names were refused when the feature set was defined (declaredAttributeNames.ts); this
 * reads the keys a schema leaves open (a record keyed by any string, `z.any()`, a catchall), which
 * reach the lender's features as data all the same.
 */
export function protectedAttributeKeyIssues(value: unknown, path: readonly (string | number)[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const walk = (v: unknown, at: readonly (string | number)[]): void => {
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...at, i]));
      return;
    }
    const entries: Iterable<readonly [unknown, unknown]> = v instanceof Map ? v : Object.entries(v);
    for (const [key, item] of entries) {
      if (typeof key !== 'string') continue;
      const c = characteristicOf(key);
      const shown = truncateForMessage(key);
      if (c !== null)
        issues.push({
          path: [...at, shown],
          code: 'protected_characteristic',
          message: `attribute "${shown}" names a protected characteristic (${c}) and is never accepted as an input`,
        });
      walk(item, [...at, shown]);
    }
  };
  walk(value, path);
  return issues;
}
