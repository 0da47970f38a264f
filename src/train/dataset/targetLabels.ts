import type { ValidationIssue } from '../../errors/validationError.js';
import { visibleSpelling } from '../../text/categoryKey.js';
import { missingCell, numericCell } from './columnKind.js';
import { lineOfRow, type CsvTable } from './parseCsv.js';
import { trainingCellText } from './trainingCellPadding.js';

/** Most target cells one refusal lists; the rest are counted in a closing `too_many_issues` issue. */
const LISTED_CELLS = 100;

/**
 * The label of every row: 1 where the target cell is `positive`, 0 where it is the other outcome. A
 * target is two outcomes compared as written, so every other cell is an issue naming its line and the
 * column: a missing one (empty, whitespace only or a missing-value token: `NA` is no outcome, not the
 * negative one) is `missing_target`, one padded with spaces or tabs (`" 1"`) is `invalid_outcome`, and
 * one padded with any other whitespace (a CRLF file's `"1\r"`, a byte-order mark, NBSP, `"NA\u3000"`) is
 * `invalid_cell_padding`, naming each code point by the rule `score` reads cells by. So are a `positive` that is empty or padded, more than two
 * outcomes, one outcome written two ways (`1` and `1.0`, `yes` and `YES`), a `positive` that never
 * occurs and a single outcome. Values in messages are written with {@link visibleSpelling}.
 */
export function targetLabels(
  table: CsvTable,
  targetIndex: number,
  target: string,
  positive: string,
  missing: ReadonlySet<string>,
  issues: ValidationIssue[],
): Uint8Array {
  const labels = new Uint8Array(table.rows.length);
  const quoted = (v: string) => `"${visibleSpelling(v)}"`;
  const positiveValid = positive !== '' && positive === positive.trim();
  if (!positiveValid)
    issues.push({
      path: ['positive'],
      code: 'invalid_value',
      message:
        positive === ''
          ? 'The positive value is empty: give the target value that marks the bad outcome, as the data writes it'
          : `The positive value ${quoted(positive)} has surrounding whitespace: target cells are compared as written; give "${positive.trim()}"`,
    });
  const values = new Set<string>();
  let atFault = 0;
  const refuse = (issue: ValidationIssue) => {
    if (atFault++ < LISTED_CELLS) issues.push(issue);
  };
  table.rows.forEach((r, i) => {
    const cell = r[targetIndex]!;
    const at = ['rows', i, target];
    const line = lineOfRow(table, i);
    // Padding no CSV writer adds (NBSP, U+3000, a BOM, a line end) is named as score names it, before
    // the missing-value reading, which would call "NA\u3000" a missing outcome.
    const read = trainingCellText(table, i, target, cell, 'outcome');
    if (!read.ok) refuse(read.issue);
    else if (missingCell(cell, missing)) refuse({ path: at, code: 'missing_target', message: `Line ${line}: target "${target}" is missing (${quoted(cell)})` });
    else if (cell !== cell.trim())
      refuse({
        path: at,
        code: 'invalid_outcome',
        message: `Line ${line}: target "${target}" is ${quoted(cell)}, with surrounding whitespace: outcomes are compared as written`,
      });
    else {
      values.add(cell);
      labels[i] = cell === positive ? 1 : 0;
    }
  });
  if (atFault > LISTED_CELLS)
    issues.push({
      path: ['rows'],
      code: 'too_many_issues',
      message: `${atFault - LISTED_CELLS} more target cells at fault; the first ${LISTED_CELLS} are listed`,
    });
  const distinct = [...values].sort();
  const [a, b] = distinct as [string, string];
  const sameOutcome = distinct.length === 2 ? twoWaysOfOne(a, b) : undefined;
  if (distinct.length > 2)
    issues.push({
      path: ['target'],
      code: 'non_binary_target',
      message: `Target "${target}" has ${distinct.length} values (${distinct.slice(0, 5).map(quoted).join(', ')}${distinct.length > 5 ? ', ...' : ''}); expected exactly two`,
    });
  else if (sameOutcome !== undefined)
    issues.push({
      path: ['target'],
      code: 'single_class',
      message: `Target "${target}" takes ${quoted(a)} and ${quoted(b)}, which ${sameOutcome}: one outcome written two ways, nothing to learn; write each outcome one way`,
    });
  else if (positiveValid && !values.has(positive))
    issues.push({
      path: ['positive'],
      code: 'positive_value_not_found',
      message: `Positive value ${quoted(positive)} never occurs in "${target}" (values: ${distinct.map(quoted).join(', ')})`,
    });
  else if (positiveValid && distinct.length < 2)
    issues.push({ path: ['target'], code: 'single_class', message: `Target "${target}" only ever takes the value ${quoted(positive)}; nothing to learn` });
  return labels;
}

const NO_TOKENS: ReadonlySet<string> = new Set();

/** How two distinct outcome texts say one outcome, if they do: the same number, or the same word in another case. */
function twoWaysOfOne(a: string, b: string): string | undefined {
  const x = numericCell(a, NO_TOKENS);
  const y = numericCell(b, NO_TOKENS);
  if (x !== undefined && x === y) return 'are the same number';
  if (a.toLowerCase() === b.toLowerCase()) return 'differ only in case';
  return undefined;
}
