// A known gap: the trainer read the target cell after trimming it. `" 1"`, `"1\r"` (a CRLF file's last
// column quoted) and `"\uFEFF1"` were the positive outcome, `NA` (or any missing-value token) was the
// *negative* outcome (40 rows with `1` or `NA` trained as 20 defaults and 20 repayments), and
// `--positive " 1 "` matched `1`, all without a word. A target cell is now one of the two outcomes
// exactly as written, or it is refused naming its line and column.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError, type ValidationIssue } from '../../src/errors/validationError.js';
import { runTrainCommand } from '../../src/train/commands/trainCommand.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { fitTabularEncoding } from '../../src/train/dataset/tabularEncoding.js';

/** 40 rows: x = row, y from `target(i)` (a CSV cell as written, quotes included). */
function book(target: (i: number) => string): string {
  return `x,y\n${Array.from({ length: 40 }, (_, i) => `${i},${target(i)}`).join('\n')}\n`;
}
const alternating = (i: number) => String(i % 2);

function issuesOf(run: () => unknown): ValidationIssue[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return [...(e as ValidationError).issues];
  }
  return [];
}
const encode =
  (text: string, positive = '1') =>
  () =>
    fitTabularEncoding(parseCsv(text), { target: 'y', positive });

describe('the target cell is one of the two outcomes exactly as written', () => {
  it('a padded target is refused at its line and column, not trimmed into the positive class', () => {
    const issues = issuesOf(encode(book((i) => (i === 3 ? ' 1' : alternating(i)))));
    expect(issues).toEqual([
      expect.objectContaining({
        path: ['rows', 3, 'y'],
        code: 'invalid_outcome',
        message: 'Line 5: target "y" is " 1", with surrounding whitespace: outcomes are compared as written',
      }),
    ]);
  });

  it('a carriage return or a byte-order mark in the cell is named as a code point, not read away', () => {
    // Padding other than spaces and tabs is refused by score's rule (paddedCellText), naming each code point.
    const issues = issuesOf(encode(book((i) => (i === 0 ? '"1\r"' : i === 7 ? '\uFEFF0' : alternating(i)))));
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['rows.0.y', 'invalid_cell_padding'],
      ['rows.7.y', 'invalid_cell_padding'],
    ]);
    expect(issues[0]!.message).toContain('Line 2: the "y" cell is padded with U+000D around its outcome');
    // Line 10: the quoted CR of line 2 is a line break of the file.
    expect(issues[1]!.message).toContain('Line 10: the "y" cell is padded with U+FEFF around its outcome');
  });

  it('a missing-value token in the target is a missing outcome, not the negative class', () => {
    // Before: labels 0,1,0,1,... with every NA row a repayment.
    const issues = issuesOf(encode(book((i) => (i % 2 === 1 ? '1' : i === 4 ? ' ' : i === 6 ? 'n/a' : 'NA'))));
    // Every one of the 20 is named; what is left is a single outcome, nothing to learn.
    expect(issues.map((i) => i.code)).toEqual([...Array<string>(20).fill('missing_target'), 'single_class']);
    expect(issues[0]).toMatchObject({ path: ['rows', 0, 'y'], message: 'Line 2: target "y" is missing ("NA")' });
    expect(issues[2]).toMatchObject({ path: ['rows', 4, 'y'], message: 'Line 6: target "y" is missing (" ")' });
    // --na replaces the tokens for the target as for the features.
    const own = issuesOf(() => fitTabularEncoding(parseCsv(book((i) => (i % 2 ? '1' : 'NA'))), { target: 'y', positive: '1', naTokens: ['-'] }));
    expect(own.map((i) => i.code)).toEqual([]);
  });

  it('a positive value with surrounding whitespace is refused, not trimmed', () => {
    expect(issuesOf(encode(book(alternating), ' 1 '))).toEqual([
      expect.objectContaining({ path: ['positive'], code: 'invalid_value', message: expect.stringContaining('" 1 " has surrounding whitespace') }),
    ]);
    expect(issuesOf(encode(book(alternating), ''))).toEqual([expect.objectContaining({ path: ['positive'], code: 'invalid_value' })]);
  });

  it('one outcome written two ways ("1" and "1.0", "yes" and "YES") is refused, not learned as two classes', () => {
    const twoWays = issuesOf(encode(book((i) => (i % 2 ? '1' : '1.0'))));
    expect(twoWays).toEqual([
      expect.objectContaining({ path: ['target'], code: 'single_class', message: expect.stringContaining('"1" and "1.0", which are the same number') }),
    ]);
    expect(
      issuesOf(
        encode(
          book((i) => (i % 2 ? 'yes' : 'YES')),
          'yes',
        ),
      )[0],
    ).toMatchObject({ code: 'single_class', message: expect.stringContaining('differ only in case') });
  });

  it("lines are the file's own: blank lines and quoted line breaks do not shift them", () => {
    const text = 'x,y\n\n"a\nb",1\n\n2,\n3,0\n';
    expect(issuesOf(encode(text))).toEqual([
      expect.objectContaining({ path: ['rows', 1, 'y'], code: 'missing_target', message: 'Line 6: target "y" is missing ("")' }),
    ]);
  });

  it('values are listed visibly when there are more than two', () => {
    const issues = issuesOf(encode(book((i) => (i === 2 ? '1\u200b' : alternating(i)))));
    expect(issues).toEqual([expect.objectContaining({ code: 'non_binary_target', message: expect.stringContaining('"1<U+200B>"') })]);
  });

  it('law: a table is accepted exactly when no target cell is padded, and the refusal names every padded row', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('0', '1'), fc.constantFrom('', ' ', '\t', '\u00a0', '\u3000', '\ufeff'), fc.boolean()), {
          minLength: 4,
          maxLength: 30,
        }),
        (cells) => {
          const rows = [...cells, ['0', '', false] as const, ['1', '', false] as const];
          const written = rows.map(([v, pad, before]) => (before ? pad + v : v + pad));
          const padded = rows.flatMap(([, pad], i) => (pad === '' ? [] : [i]));
          const text = `x,y\n${written.map((w, i) => `${i},"${w}"`).join('\n')}\n`;
          const issues = issuesOf(() => fitTabularEncoding(parseCsv(text), { target: 'y', positive: '1' }));
          expect(issues.map((i) => i.path[1])).toEqual(padded);
          expect(issues.map((i) => i.code)).toEqual(
            padded.map((i) => (rows[i]![1] === ' ' || rows[i]![1] === '\t' ? 'invalid_outcome' : 'invalid_cell_padding')),
          );
          if (padded.length === 0) {
            const labels = fitTabularEncoding(parseCsv(text), { target: 'y', positive: '1' }).labels;
            expect([...labels]).toEqual(rows.map(([v]) => (v === '1' ? 1 : 0)));
          }
        },
      ),
      { seed: 20261201, numRuns: 100 },
    );
  });

  it('the command exits 1 naming the line and column, and writes no model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'creditlift-target-'));
    try {
      writeFileSync(
        join(dir, 'd.csv'),
        book((i) => (i === 3 ? '1 ' : alternating(i))),
      );
      const err: string[] = [];
      const code = runTrainCommand(['--data', join(dir, 'd.csv'), '--target', 'y', '--positive', '1', '--rounds', '2', '--out', join(dir, 'm')], {
        stdout: () => undefined,
        stderr: (t) => void err.push(t),
      });
      expect(code).toBe(1);
      expect(err.join('')).toContain('rows.3.y: Line 5: target "y" is "1 ", with surrounding whitespace');
      expect(existsSync(join(dir, 'm', 'model.onnx'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
