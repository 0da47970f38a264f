import type { ValidationIssue } from './validationError.js';

/**
 * The faults a schema found in a record (`found`, at their paths in the record) that a reader's
 * refusal of the same text (`named`) did not already name: a fault at a
 * named path, or inside or above one, is left out, since the reader's word on that field stands
 * (JSON.parse kept the last of two values, or a rounded number). So a refusal names every
 * offending field at once, not the schema's only after the reader's are mended.
 */
export function faultsBeyond(named: readonly ValidationIssue[], found: readonly ValidationIssue[]): ValidationIssue[] {
  const paths = named.map((i) => i.path).filter((p) => p.length > 0);
  const overlaps = (a: readonly (string | number)[], b: readonly (string | number)[]) => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
    return true;
  };
  return found.filter((i) => i.code !== 'too_many_issues').filter((i) => !paths.some((p) => overlaps(p, i.path)));
}
