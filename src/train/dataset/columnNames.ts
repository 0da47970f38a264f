import type { ValidationIssue } from '../../errors/validationError.js';
import { visibleSpelling } from '../../text/categoryKey.js';
import { INVISIBLE } from '../../text/foldedText.js';
import type { TrainingWarning } from './trainingWarning.js';

/**
 * Column names the eye reads as another name: surrounding whitespace (`income, city`) or an invisible
 * character (a second byte-order mark, a zero-width space). Every option, feature set and `predict` file
 * matches names as written, so such a column would train a feature no one can name: refused at
 * `header.<j>` with `invalid_column_name`.
 */
export function columnNameIssues(header: readonly string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const asWritten = 'names are matched as written (by options, feature sets and predict)';
  header.forEach((name, j) => {
    const seen = name.replace(INVISIBLE, '');
    const why = seen !== name ? 'holding an invisible character' : name !== name.trim() ? 'with surrounding whitespace' : undefined;
    if (why === undefined || seen.trim() === '') return;
    issues.push({
      path: ['header', j],
      code: 'invalid_column_name',
      message: `Column ${j + 1} is named "${visibleSpelling(name)}", ${why}: ${asWritten}; write "${seen.trim()}"`,
    });
  });
  return issues;
}

/** Column names that differ only in case (`Income`, `income`): two columns, said once per group. */
export function columnCaseWarnings(header: readonly string[]): TrainingWarning[] {
  const byLowerCase = new Map<string, string[]>();
  for (const name of header) {
    const group = byLowerCase.get(name.toLowerCase());
    if (group === undefined) byLowerCase.set(name.toLowerCase(), [name]);
    else group.push(name);
  }
  return [...byLowerCase.values()]
    .filter((group) => group.length > 1)
    .map((group) => ({
      code: 'columns_differ_only_in_case',
      column: group[0]!,
      message: `${group.map((n) => `"${n}"`).join(' and ')} differ only in case and are read as ${group.length} columns (names are matched as written); rename one if they are not ${group.length}`,
    }));
}

/**
 * A hint for an option naming no column: the columns it names but for case or surrounding whitespace
 * (`--target Y` beside a column `y`), or nothing.
 */
export function nearColumnHint(name: string, header: readonly string[]): string {
  const key = name.trim().toLowerCase();
  const near = header.filter((h) => h !== name && h.trim().toLowerCase() === key);
  return near.length === 0
    ? ''
    : ` (${near.map((h) => `"${visibleSpelling(h)}"`).join(', ')} differs only in case or surrounding whitespace: names are matched as written)`;
}
