// Header names are matched as written everywhere (--target, --exclude, --categorical, --monotone, the
// scorer's feature names, predict's columns), so a name the eye reads as another is a trap: `income, city,y`
// trained a feature named " city" (which no option, feature set or predict file names) without a word,
// and `Income` beside `income` trained two features. A name with surrounding whitespace or an invisible
// character is refused at its column; names that differ only in case are warned about.
import { describe, expect, it } from 'vitest';
import { ValidationError, type ValidationIssue } from '../../src/errors/validationError.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { fitTabularEncoding, type FitEncodingOptions } from '../../src/train/dataset/tabularEncoding.js';

function book(header: string): string {
  return `${header}\n${Array.from({ length: 20 }, (_, i) => `${i},${i % 3},${i % 2}`).join('\n')}\n`;
}

function issuesOf(header: string, options: Partial<FitEncodingOptions> = {}): ValidationIssue[] {
  try {
    fitTabularEncoding(parseCsv(book(header)), { target: 'y', positive: '1', ...options });
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return [...(e as ValidationError).issues];
  }
  return [];
}

describe('column names are read as written, and a name that reads as another is refused or said', () => {
  it('a name with surrounding whitespace is refused at its column, naming it visibly', () => {
    expect(issuesOf('income, city,y')).toEqual([
      expect.objectContaining({
        path: ['header', 1],
        code: 'invalid_column_name',
        message: 'Column 2 is named " city", with surrounding whitespace: names are matched as written (by options, feature sets and predict); write "city"',
      }),
    ]);
    // The target's own column too: `--target y` would otherwise not find "y\t".
    expect(issuesOf('income,city,"y\t"', { target: 'y\t' }).map((i) => i.path.join('.'))).toEqual(['header.2']);
  });

  it('a name holding an invisible character (a byte-order mark, a zero-width space) is refused', () => {
    const issues = issuesOf('income,ci\u200bty,y');
    expect(issues).toEqual([expect.objectContaining({ path: ['header', 1], code: 'invalid_column_name', message: expect.stringContaining('"ci<U+200B>ty"') })]);
    // The file's byte-order mark is skipped; a second one (a file saved twice with one) is part of the first name.
    expect(issuesOf('\uFEFFincome,city,y')).toEqual([]);
    const bom = issuesOf('\uFEFF\uFEFFincome,city,y');
    expect(bom).toEqual([expect.objectContaining({ path: ['header', 0], code: 'invalid_column_name' })]);
  });

  it('names that differ only in case are both kept, and the report says so', () => {
    const read = fitTabularEncoding(parseCsv(book('Income,income,y')), { target: 'y', positive: '1' });
    expect(read.encodings.map((e) => e.name)).toEqual(['Income', 'income']);
    expect(read.warnings).toEqual([
      expect.objectContaining({ code: 'columns_differ_only_in_case', column: 'Income', message: expect.stringContaining('"Income" and "income"') }),
    ]);
  });

  it('an option naming a column in another case or spacing is refused with the name it nearly matched', () => {
    expect(issuesOf('income,city,y', { target: 'Y' })).toEqual([
      expect.objectContaining({
        path: ['target'],
        code: 'missing_column',
        message: expect.stringContaining('"y" differs only in case or surrounding whitespace'),
      }),
    ]);
    expect(issuesOf('income,city,y', { exclude: ['City'] })).toEqual([
      expect.objectContaining({ path: ['exclude', 0], code: 'unknown_column', message: expect.stringContaining('"city"') }),
    ]);
  });

  it('--categorical naming the target or an excluded column is refused (it would do nothing)', () => {
    expect(issuesOf('income,city,y', { categorical: ['y'] })).toEqual([
      expect.objectContaining({ path: ['categorical', 0], code: 'overlapping_columns', message: expect.stringContaining('the target') }),
    ]);
    expect(issuesOf('income,city,y', { categorical: ['city'], exclude: ['city'] })).toEqual([
      expect.objectContaining({ path: ['categorical', 0], code: 'overlapping_columns', message: expect.stringContaining('--exclude') }),
    ]);
  });
});
