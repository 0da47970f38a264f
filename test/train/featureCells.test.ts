// The feature cells a trainer reads leniently, as the README documents (surrounding whitespace around a
// number, a missing-value token in any case, a category in one spelling), were read so without a count:
// `" 1050 "` was 1050, `"  "` was missing, `" A"` alone was category `A`, and `00123` was the number 123,
// with `"warnings": []`. Each lenient reading is now counted in the training report, naming the column,
// the count and the first line; a number float32 reads as 0 (1e-50) is refused like one it reads as
// Infinity.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { parseCsv } from '../../src/train/dataset/parseCsv.js';
import { encodeTable, fitTabularEncoding } from '../../src/train/dataset/tabularEncoding.js';

/** 40 rows: x from `x(i)`, city from `city(i)`, y alternating. */
function book(x: (i: number) => string, city: (i: number) => string = (i) => (i % 4 < 2 ? 'A' : 'B')): string {
  return `x,city,y\n${Array.from({ length: 40 }, (_, i) => `"${x(i)}","${city(i)}",${i % 2}`).join('\n')}\n`;
}
const plain = (i: number) => String(1000 + i);
const encode = (text: string) => fitTabularEncoding(parseCsv(text), { target: 'y', positive: '1' });

describe('lenient readings of feature cells are counted in the training report', () => {
  it('clean cells give no warning', () => {
    expect(encode(book(plain)).warnings).toEqual([]);
  });

  it('numbers with surrounding whitespace are read without it, and counted with the first line', () => {
    const r = encode(book((i) => (i === 5 ? ' 1005 ' : i === 9 ? '1009\t' : i === 30 ? ' \t' : plain(i))));
    expect(r.encodings[0]).toEqual({ name: 'x', kind: 'numeric' });
    expect(r.features[5 * 2]).toBe(1005);
    expect(Number.isNaN(r.features[30 * 2])).toBe(true);
    expect(r.warnings).toEqual([
      {
        code: 'cells_trimmed',
        column: 'x',
        message: '"x": 3 of 40 cells have surrounding whitespace, read without it (first on line 7); 1 of them holds nothing else and is read as missing',
      },
    ]);
  });

  it('a category written with surrounding whitespace in one spelling only is said, not merged silently', () => {
    const r = encode(book(plain, (i) => (i % 4 < 2 ? ' A' : 'B')));
    expect(r.encodings[1]!.categories).toEqual(expect.arrayContaining(['A', 'B']));
    expect(r.warnings).toEqual([
      expect.objectContaining({ code: 'category_spellings_merged', column: 'city', message: expect.stringContaining('" A" (20 rows)') }),
    ]);
  });

  it('a category with and without surrounding whitespace is one category, and both spellings are named', () => {
    const r = encode(book(plain, (i) => (i % 4 === 0 ? 'A ' : i % 4 === 1 ? 'A' : 'B')));
    expect(r.encodings[1]!.categories).toHaveLength(2);
    expect(r.warnings).toEqual([
      expect.objectContaining({ code: 'category_spellings_merged', message: expect.stringMatching(/2 spellings .*"A " \(10 rows\), "A" \(10 rows\)/) }),
    ]);
  });

  it('a whitespace-only cell in a category column is counted as read missing', () => {
    const r = encode(book(plain, (i) => (i === 3 ? '  ' : i % 4 < 2 ? 'A' : 'B')));
    expect(r.warnings).toEqual([
      expect.objectContaining({
        code: 'cells_trimmed',
        column: 'city',
        message: expect.stringContaining('1 of 40 cells have surrounding whitespace, read without it (first on line 5)'),
      }),
    ]);
  });

  it('numbers written with leading zeros (codes?) are counted, with the flag that keeps them apart', () => {
    const r = encode(book((i) => String(i * 7).padStart(5, '0')));
    expect(r.encodings[0]!.kind).toBe('numeric');
    expect(r.warnings).toEqual([
      {
        code: 'numbers_with_leading_zeros',
        column: 'x',
        message:
          '"x": 40 of 40 numbers are written with leading zeros (first on line 2), read as numbers ("007" is 7); a code? read it as categories with --categorical x',
      },
    ]);
    // 0, 0.5 and -0.25 are numbers as anyone writes them.
    expect(encode(book((i) => ['0', '0.5', '-0.25', '+0'][i % 4]!)).warnings).toEqual([]);
  });

  it('a number float32 reads as 0 is refused at its line and column, as one it reads as Infinity is', () => {
    let caught: unknown;
    try {
      encode(book((i) => (i === 2 ? '1e-50' : plain(i))));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues).toEqual([
      expect.objectContaining({ path: ['rows', 2, 'x'], code: 'out_of_range', message: expect.stringContaining('Line 4: "x" is 1e-50, which float32') }),
    ]);
    // 0 itself, and the smallest float32 (about 1.4e-45), are kept.
    expect([...encodeTable(parseCsv('x\n0\n-0\n1.5e-45\n'), [{ name: 'x', kind: 'numeric' }])]).toEqual([0, -0, Math.fround(1.5e-45)]);
  });

  it('a cell that is not a number names its line, not its row index', () => {
    let caught: unknown;
    try {
      encodeTable(parseCsv('x\n\n1\n\nabc\n'), [{ name: 'x', kind: 'numeric' }]);
    } catch (e) {
      caught = e;
    }
    expect((caught as ValidationError).issues).toEqual([
      expect.objectContaining({ path: ['rows', 1, 'x'], code: 'not_a_number', message: 'Line 5: "x" is numeric but the cell is not a number' }),
    ]);
  });
});
