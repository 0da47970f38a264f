// The trainer read its CSV cells through JavaScript's trim, where `score` follows one padding rule
// (paddedCellText): `"650000\u00a0"` trained as the number 650000, `"\u3000"` as a missing value (both
// only counted as cells_trimmed), `"A\u00a0"` and `"A"` as one category (a spelling warning), and a
// target `"NA\u3000"` was refused as a *missing* outcome. A training set is the lender's own data: such
// a cell is a fault that changes what the model learns. The trainer, `predict` and `featurize` now read
// cells by score's rule: spaces and tabs are read off and counted, any other whitespace refuses the
// row (`invalid_cell_padding` at `rows.<i>.<column>`, naming the line, the column and each code point),
// and training stops naming every refused row, as for any other bad cell.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError, type ValidationIssue } from '../../src/errors/validationError.js';
import { runTrainCommand } from '../../src/train/commands/trainCommand.js';
import { isMissingCell, parseNumericCell } from '../../src/train/dataset/columnKind.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { encodeTable, fitTabularEncoding } from '../../src/train/dataset/tabularEncoding.js';
import { featurizeBook } from '../../src/train/featurize/featurizeBook.js';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';

// The whitespace JavaScript's trim takes besides spaces and tabs.
const OTHER_WHITESPACE = ['\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
const label = (c: string) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;

/** A CSV cell quoted, so line ends and quotes in it stay in the cell. */
const q = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
/** 40 rows: x from `x(i)`, city from `city(i)`, y from `y(i)` (each a cell's content, quoted here). */
function book(x: (i: number) => string, city: (i: number) => string = (i) => (i % 4 < 2 ? 'A' : 'B'), y: (i: number) => string = (i) => String(i % 2)): string {
  return `x,city,y\n${Array.from({ length: 40 }, (_, i) => `${q(x(i))},${q(city(i))},${q(y(i))}`).join('\n')}\n`;
}
const plain = (i: number) => String(1000 + i);
const fitted = (text: string) => fitTabularEncoding(parseCsv(text), { target: 'y', positive: '1' });

function issuesOf(run: () => unknown): ValidationIssue[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return [...(e as ValidationError).issues];
  }
  return [];
}

describe('the trainer reads cells by the one padding rule: spaces and tabs read off and counted, other whitespace refuses the row', () => {
  it('a number padded with NBSP is refused at its line and column naming the code point (before: trained as 650000)', () => {
    const issues = issuesOf(() => fitted(book((i) => (i === 3 ? '650000\u00a0' : plain(i)))));
    expect(issues).toEqual([
      {
        path: ['rows', 3, 'x'],
        code: 'invalid_cell_padding',
        message: 'Line 5: the "x" cell is padded with U+00A0 around its value: only spaces and tabs are read off a cell (and counted); remove the rest',
      },
    ]);
  });

  it('a cell of U+3000 alone is refused, not read as missing', () => {
    expect(issuesOf(() => fitted(book((i) => (i === 30 ? '\u3000' : plain(i)))))).toEqual([
      expect.objectContaining({ path: ['rows', 30, 'x'], code: 'invalid_cell_padding', message: expect.stringContaining('U+3000') }),
    ]);
  });

  it('a category "A\u00a0" is refused, not merged with "A"; a BOM before one is named too', () => {
    const issues = issuesOf(() => fitted(book(plain, (i) => (i === 0 ? 'A\u00a0' : i === 6 ? '\ufeffB' : i % 4 < 2 ? 'A' : 'B'))));
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['rows.0.city', 'invalid_cell_padding'],
      ['rows.6.city', 'invalid_cell_padding'],
    ]);
    expect(issues[0]!.message).toMatch(/^Line 2: the "city" cell is padded with U\+00A0/);
    expect(issues[1]!.message).toMatch(/^Line 8: the "city" cell is padded with U\+FEFF/);
  });

  it('every refused row is named, over several columns, and the rest counted past a hundred', () => {
    const few = issuesOf(() =>
      fitted(
        book(
          (i) => (i % 10 === 1 ? `${plain(i)}\u2028` : plain(i)),
          (i) => (i === 2 ? '\u3000A' : 'A'),
        ),
      ),
    );
    expect(few.map((i) => i.path.join('.')).sort()).toEqual(['rows.1.x', 'rows.11.x', 'rows.2.city', 'rows.21.x', 'rows.31.x']);
    const rows = Array.from({ length: 130 }, (_, i) => `${i}\u00a0,A,${i % 2}`);
    const many = issuesOf(() => fitTabularEncoding(parseCsv(`x,city,y\n${rows.join('\n')}\n`), { target: 'y', positive: '1' }));
    expect(many.filter((i) => i.code === 'invalid_cell_padding')).toHaveLength(100);
    expect(many.at(-1)).toEqual(expect.objectContaining({ code: 'too_many_issues', message: expect.stringContaining('30 more cells') }));
  });

  it('an excluded column is not read, so not refused', () => {
    const r = fitTabularEncoding(parseCsv(book(plain, (i) => (i === 0 ? 'A\u00a0' : 'A'))), { target: 'y', positive: '1', exclude: ['city'] });
    expect(r.encodings.map((e) => e.name)).toEqual(['x']);
  });

  it('the target cell follows the rule first: "1\u00a0" and "NA\u3000" are padding, not an outcome or a missing one', () => {
    const issues = issuesOf(() => fitted(book(plain, undefined, (i) => (i === 2 ? '1\u00a0' : i === 4 ? 'NA\u3000' : i === 6 ? '\u3000' : String(i % 2)))));
    expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['rows.2.y', 'invalid_cell_padding'],
      ['rows.4.y', 'invalid_cell_padding'],
      ['rows.6.y', 'invalid_cell_padding'],
    ]);
    expect(issues[1]!.message).toBe(
      'Line 6: the "y" cell is padded with U+3000 around its outcome: only spaces and tabs are read off a cell (and counted); remove the rest',
    );
    // Spaces around an outcome are still refused: outcomes are compared as written.
    expect(issuesOf(() => fitted(book(plain, undefined, (i) => (i === 2 ? '1 ' : String(i % 2))))).map((i) => i.code)).toEqual(['invalid_outcome']);
  });

  it('encodeTable (predict, model import --background) refuses the same cells: "Café\u00a0" is not coded as Café', () => {
    const cats = [{ name: 'city', kind: 'categorical' as const, categories: ['x', 'Café'] }];
    expect(issuesOf(() => encodeTable(parseCsv('city\nCafé\nCafé\u00a0\n'), cats))).toEqual([
      expect.objectContaining({ path: ['rows', 1, 'city'], code: 'invalid_cell_padding', message: expect.stringMatching(/^Line 3: .*U\+00A0/) }),
    ]);
    expect(issuesOf(() => encodeTable(parseCsv('x\n1\n\u30002\n'), [{ name: 'x', kind: 'numeric' }]))).toEqual([
      expect.objectContaining({ path: ['rows', 1, 'x'], code: 'invalid_cell_padding', message: expect.stringContaining('U+3000') }),
    ]);
    expect([...encodeTable(parseCsv('city,x\n Café\t, 2\n'), [...cats, { name: 'x', kind: 'numeric' }])]).toEqual([1, 2]);
  });

  it('the cell helpers read by the same rule: "1\u00a0" is no number and "\u3000" no missing value; spaces still are read off', () => {
    expect(parseNumericCell('1\u00a0')).toBeUndefined();
    expect(parseNumericCell(' 1\t')).toBe(1);
    expect(isMissingCell('\u3000')).toBe(false);
    expect(isMissingCell('NA\ufeff')).toBe(false);
    expect(isMissingCell(' NA\t')).toBe(true);
  });

  it('law: a feature or target cell padded with any whitespace is read as unpadded when the padding is spaces and tabs, and refused naming each other code point', () => {
    const pad = fc.array(fc.constantFrom(' ', '\t', ...OTHER_WHITESPACE), { maxLength: 3 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 39 }), fc.constantFrom('x', 'city', 'y'), pad, pad, (row, column, lead, trail) => {
        const at = (i: number, cell: string) => (i === row ? `${lead}${cell}${trail}` : cell);
        const text = book(
          (i) => (column === 'x' ? at(i, plain(i)) : plain(i)),
          (i) => (column === 'city' ? at(i, i % 4 < 2 ? 'A' : 'B') : i % 4 < 2 ? 'A' : 'B'),
          (i) => (column === 'y' ? at(i, String(i % 2)) : String(i % 2)),
        );
        const odd = [...new Set(`${lead}${trail}`.replace(/[ \t]/g, ''))];
        const issues = issuesOf(() => fitted(text));
        if (odd.length > 0) {
          expect(issues.map((i) => [i.path.join('.'), i.code])).toEqual([[`rows.${row}.${column}`, 'invalid_cell_padding']]);
          for (const c of odd) expect(issues[0]!.message).toContain(label(c));
          expect(issues[0]!.message).toContain(`"${column}"`);
        } else if (column === 'y' && lead + trail !== '') {
          expect(issues.map((i) => i.code)).toEqual(['invalid_outcome']);
        } else {
          expect(issues).toEqual([]);
          const clean = fitted(book(plain));
          const read = fitted(text);
          expect([...read.features]).toEqual([...clean.features]);
          expect(read.encodings).toEqual(clean.encodings);
          expect([...read.labels]).toEqual([...clean.labels]);
        }
      }),
      { seed: 20261231, numRuns: 150 },
    );
  });

  it('creditlift train exits 1 naming the line, column and code point, and writes no model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'creditlift-cell-padding-'));
    try {
      writeFileSync(
        join(dir, 'd.csv'),
        book((i) => (i === 3 ? '\u00a01003' : plain(i))),
      );
      const err: string[] = [];
      const code = runTrainCommand(['--data', join(dir, 'd.csv'), '--target', 'y', '--positive', '1', '--rounds', '2', '--out', join(dir, 'm')], {
        stdout: () => undefined,
        stderr: (t) => void err.push(t),
      });
      expect(code).toBe(1);
      expect(err.join('')).toContain('rows.3.x: Line 5: the "x" cell is padded with U+00A0 around its value');
      expect(existsSync(join(dir, 'm', 'model.onnx'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('featurize reads an outcome cell by the same rule', () => {
  const applicants = generatePopulation({ size: 6, seed: 11, asOf: '2026-10-01' }).map((r) => r.applicant);
  const outcomes = (cell: (i: number) => string) => `id,defaulted\n${applicants.map((a, i) => `${a.id},${q(cell(i))}`).join('\n')}\n`;

  it('"NA\u3000" and "1\u00a0" are padding at their outcome line (before: a missing outcome, and one with surrounding whitespace)', () => {
    const issues = issuesOf(() =>
      featurizeBook(applicants, parseCsv(outcomes((i) => (i === 1 ? 'NA\u3000' : i === 3 ? '1\u00a0' : String(i % 2)))), {
        idColumn: 'id',
        target: 'defaulted',
      }),
    );
    expect(issues).toEqual([
      {
        path: ['outcomes', 3, 'defaulted'],
        code: 'invalid_cell_padding',
        message: `Outcome line 3: id "${applicants[1]!.id}": the "defaulted" cell is padded with U+3000 around its outcome: only spaces and tabs are read off a cell (and counted); remove the rest`,
      },
      expect.objectContaining({ path: ['outcomes', 5, 'defaulted'], code: 'invalid_cell_padding', message: expect.stringContaining('U+00A0') }),
    ]);
  });
});
