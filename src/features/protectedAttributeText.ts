import type { ValidationIssue } from '../errors/validationError.js';
import { truncateForMessage } from '../errors/truncateForMessage.js';
import { protectedValueOf } from '../text/protectedValue.js';
import { attributeSourcePaths } from './attributeSources.js';
import type { FeatureSet } from './featureSet.js';

/** A lender feature and the attribute path one of its `sources` names (`attributes.business` is `['business']`). */
interface AttributeReader {
  readonly feature: string;
  readonly path: readonly string[];
}

// Per feature set, made once: a scorer parses every applicant against the same set.
const readersOf = new WeakMap<FeatureSet, readonly AttributeReader[]>();

/** Every lender feature's attribute paths (attributeSources.ts), once per feature set. */
function attributeReaders(features: FeatureSet): readonly AttributeReader[] {
  const known = readersOf.get(features);
  if (known !== undefined) return known;
  const readers = features.definitions.flatMap((def) => attributeSourcePaths(def).map((path) => ({ feature: def.name, path })));
  readersOf.set(features, readers);
  return readers;
}

// One path names what the other holds, or the other way round (`attributes.note.length` reads the note).
function reads(reader: readonly string[], keys: readonly string[]): boolean {
  const n = Math.min(reader.length, keys.length);
  for (let i = 0; i < n; i++) if (reader[i] !== '*' && reader[i] !== keys[i]) return false;
  return true;
}

/**
 * A `protected_characteristic` issue for every piece of free text in validated attribute data that a
 * feature of `features` reads (its `sources` name the attribute, or an object or array holding it)
 * and that names a protected group (`business_description: 'female-led cooperative'`, `'已婚'`), at
 * its path under `attributes`, naming the feature. An enum's or literal's values were read when the
 * set was defined (featureSetValueIssues.ts); a free `z.string()` declares none, and what an
 * applicant writes in it reaches the model through the feature. Text no feature names is not read: a
 * branch note or a reference the lender keeps beside the applicant is no model input. Words are read
 * as category values are (src/text/protectedValue.ts: `Malena`, `womenswear`, `子女` pass;
 * `female-led` does not: a feature reading it tells applicants apart by sex).
 */
export function protectedAttributeTextIssues(value: unknown, features: FeatureSet): ValidationIssue[] {
  const readers = attributeReaders(features);
  if (readers.length === 0) return [];
  const issues: ValidationIssue[] = [];
  const walk = (v: unknown, at: readonly (string | number)[], keys: readonly string[], readBy: readonly AttributeReader[]): void => {
    const still = readBy.filter((r) => reads(r.path, keys));
    if (still.length === 0) return;
    if (typeof v === 'string') {
      const found = protectedValueOf(v);
      if (found === null) return;
      const shown = at.join('.');
      issues.push({
        path: ['attributes', ...at],
        code: 'protected_characteristic',
        message: `attribute "${shown}" holds "${truncateForMessage(v)}", which names a protected characteristic (${found.characteristic}: "${found.term}"); feature "${still[0]?.feature}" reads it, so it would be a model input`,
      });
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, [...at, i], keys, still));
      return;
    }
    const entries: Iterable<readonly [unknown, unknown]> = v instanceof Map ? v : Object.entries(v);
    for (const [key, item] of entries) {
      if (typeof key !== 'string') continue;
      const shown = truncateForMessage(key);
      walk(item, [...at, shown], [...keys, key], still);
    }
  };
  walk(value, [], [], readers);
  return issues;
}
