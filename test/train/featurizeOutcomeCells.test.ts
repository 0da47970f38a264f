// featurize copied the outcome cell trimmed: an outcomes row `app-1, 1` wrote `1` into the training matrix
// without a word, so `train` (which now refuses a padded target) never saw what the file held. Outcome
// cells are now copied as written or refused at their outcome line (the file's own line, blank lines and
// quoted line breaks counted), and a target named like a feature column (which would write two columns of
// one name, refused only later by `train`) is refused here.
import { describe, expect, it } from 'vitest';
import { ValidationError, type ValidationIssue } from '../../src/errors/validationError.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

const applicants = generatePopulation({ size: 6, seed: 11, asOf: '2026-10-01' }).map((r) => r.applicant);

function issuesOf(outcomes: string, target = 'defaulted'): ValidationIssue[] {
  try {
    featurizeBook(applicants, parseCsv(outcomes), { idColumn: 'id', target });
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return [...(e as ValidationError).issues];
  }
  return [];
}
const outcomes = (cell: (i: number) => string, header = 'id,defaulted') => `${header}\n${applicants.map((a, i) => `${a.id},${cell(i)}`).join('\n')}\n`;

describe('featurize copies outcome cells as written', () => {
  it('an outcome with surrounding whitespace is refused at its outcome line, not trimmed', () => {
    expect(issuesOf(outcomes((i) => (i === 2 ? '" 1"' : String(i % 2))))).toEqual([
      expect.objectContaining({
        path: ['outcomes', 4, 'defaulted'],
        code: 'invalid_outcome',
        message: `Outcome line 4: id "${applicants[2]!.id}" has defaulted " 1", with surrounding whitespace: outcomes are copied as written, and train compares them as written`,
      }),
    ]);
  });

  it('a clean book writes each outcome exactly as the outcomes file holds it', () => {
    const book = featurizeBook(applicants, parseCsv(outcomes((i) => (i % 2 ? 'yes' : 'no'))), { idColumn: 'id', target: 'defaulted' });
    expect(book.outcomes).toEqual(applicants.map((_, i) => (i % 2 ? 'yes' : 'no')));
  });

  it("outcome lines are the file's own lines", () => {
    const text = `id,defaulted\n\n${applicants.map((a, i) => `${a.id},${i === 3 ? '' : '0'}`).join('\n')}\n`;
    expect(issuesOf(text)).toEqual([
      expect.objectContaining({ path: ['outcomes', 6], code: 'missing_target', message: expect.stringMatching(/^Outcome line 6:/) }),
    ]);
  });

  it('a target named like a feature column is refused: the matrix would hold two columns of that name', () => {
    expect(
      issuesOf(
        outcomes((i) => String(i % 2), 'id,income_rmb'),
        'income_rmb',
      ),
    ).toEqual([
      expect.objectContaining({
        path: ['options', 'target'],
        code: 'duplicate_column',
        message: expect.stringContaining('"income_rmb" is also a feature column'),
      }),
    ]);
  });
});
