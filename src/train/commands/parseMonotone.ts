import { refuseArguments, typeIssue } from '../../errors/argumentIssues.js';
import { ValidationError, type ValidationIssue } from '../../errors/index.js';

/** Monotone direction of one feature. */
export type MonotoneDirection = -1 | 0 | 1;

/**
 * Parses `col:+1,col:-1` (also `col:1`, `col:0`) into a direction per known column name, default 0.
 * Lists every unknown column, bad direction and duplicate in one {@link ValidationError}; a spec
 * that is not text, or feature names that are not strings, are refused naming `spec` or `featureNames`.
 *
 * @example parseMonotone('Income:-1,Debt:+1', ['Income', 'Debt', 'Age']) // [-1, 1, 0]
 */
export function parseMonotone(spec: string | undefined, featureNames: readonly string[]): MonotoneDirection[] {
  refuseArguments('parseMonotone', [
    typeIssue(['spec'], spec, 'string', 'text of the form col:+1,col:-1', true),
    typeIssue(['featureNames'], featureNames, 'strings', 'an array of feature column names'),
  ]);
  const out = featureNames.map((): MonotoneDirection => 0);
  if (spec === undefined || spec.trim() === '') return out;
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  spec.split(',').forEach((part, k) => {
    const at = part.lastIndexOf(':');
    const name = (at < 0 ? part : part.slice(0, at)).trim();
    const dir = at < 0 ? '' : part.slice(at + 1).trim();
    const j = featureNames.indexOf(name);
    if (j < 0)
      issues.push({
        path: ['monotone', k],
        code: 'unknown_column',
        message: `--monotone names "${name}", which is not a feature column (features: ${featureNames.join(', ')})`,
      });
    if (!['+1', '1', '-1', '0'].includes(dir))
      issues.push({
        path: ['monotone', k],
        code: 'invalid_direction',
        message: `--monotone "${part.trim()}": direction must be +1, -1 or 0`,
        expected: '+1 | -1 | 0',
        received: dir === '' ? 'nothing' : 'text',
      });
    if (seen.has(name)) issues.push({ path: ['monotone', k], code: 'duplicate_column', message: `--monotone names "${name}" twice` });
    seen.add(name);
    if (j >= 0) out[j] = dir === '-1' ? -1 : dir === '0' ? 0 : 1;
  });
  if (issues.length > 0) throw new ValidationError('monotone constraints', issues);
  return out;
}
