import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreditliftError, ValidationError } from '../src/errors/index.js';
import { inferColumnKind, parseNumericCell } from '../src/train/dataset/columnKind.js';
import { parseCsv } from '../src/train/dataset/parseCsv.js';

describe('parseCsv (RFC 4180)', () => {
  it('reads a header and rows, LF or CRLF, with or without a final line break', () => {
    for (const text of ['a,b\n1,2\n3,4\n', 'a,b\r\n1,2\r\n3,4', 'a,b\n1,2\n3,4']) {
      expect(parseCsv(text)).toEqual({
        header: ['a', 'b'],
        rows: [
          ['1', '2'],
          ['3', '4'],
        ],
        lines: [2, 3],
      });
    }
  });

  it('each row carries the file line it starts on: blank lines and quoted line breaks counted', () => {
    expect(parseCsv('a,b\n\n1,"x\r\ny"\n\r\n2,3\n').lines).toEqual([3, 6]);
  });

  it('quoted fields hold commas, line breaks and doubled quotes', () => {
    const t = parseCsv('name,note\n"Li, Wei","said ""hi""\nthen left"\n');
    expect(t.rows).toEqual([['Li, Wei', 'said "hi"\nthen left']]);
  });

  it('empty cells, quoted or not, are empty strings (missing)', () => {
    expect(parseCsv('a,b,c\n,"",x\n1,,\n').rows).toEqual([
      ['', '', 'x'],
      ['1', '', ''],
    ]);
  });

  it('strips a UTF-8 BOM from the first header name', () => {
    expect(parseCsv('\ufeffincome,age\n1,2\n').header).toEqual(['income', 'age']);
  });

  it('keeps non-ASCII text as is', () => {
    expect(parseCsv('城市,职业\n成都,教师\n').rows).toEqual([['成都', '教师']]);
  });

  it('a header alone is a table with no rows', () => {
    expect(parseCsv('a,b\n').rows).toEqual([]);
  });

  it('round-trips any table written with RFC 4180 quoting', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', '1', '.') });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 5 }), fc.infiniteStream(cell), (width, height, cells) => {
        const next = () => cells.next().value as string;
        const header = Array.from({ length: width }, (_, j) => `c${j}`);
        const rows = Array.from({ length: height }, () => Array.from({ length: width }, next));
        // A single empty field would make an empty line; the writer quotes it, as RFC 4180 allows.
        const quote = (s: string) => (/[",\r\n]/.test(s) || (width === 1 && s === '') ? `"${s.replace(/"/g, '""')}"` : s);
        const text = [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n');
        // Each row's line is one past the line breaks before it (inside quoted cells too).
        const lines = rows.map(
          (_, r) => 1 + `${[header, ...rows.slice(0, r)].map((x) => x.map(quote).join(',')).join('\r\n')}\r\n`.match(/\r\n|\n|\r/g)!.length,
        );
        expect(parseCsv(text)).toEqual({ header, rows, lines });
      }),
      { numRuns: 300 },
    );
  });

  it('lists every ragged record, with spreadsheet line numbers', () => {
    try {
      parseCsv('a,b\n1,2\n3\n4,5,6\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const v = e as ValidationError;
      expect(v.fields).toEqual(['rows.1', 'rows.2']);
      expect(v.issues[0]!.message).toMatch(/Record on line 3 has 1 fields, expected 2/);
    }
  });

  it('refuses duplicate and empty column names', () => {
    expect(() => parseCsv('a,a,\n1,2,3\n')).toThrow(ValidationError);
  });

  it('refuses broken quoting with data_invalid and a line number', () => {
    const codeOf = (text: string) => {
      try {
        parseCsv(text);
      } catch (e) {
        expect(e).toBeInstanceOf(CreditliftError);
        return `${(e as CreditliftError).code}: ${(e as Error).message}`;
      }
      return 'no error';
    };
    expect(codeOf('a,b\n1,"open\n')).toMatch(/data_invalid: CSV line 2: a quoted field opened on line 2 is never closed/);
    expect(codeOf('a,b\n1,"x"y\n')).toMatch(/data_invalid: CSV line 2: unexpected text after a closing quote/);
    expect(codeOf('a,b\n1,x"y\n')).toMatch(/data_invalid: CSV line 2: a quote inside an unquoted field/);
    expect(codeOf('')).toMatch(/data_invalid: CSV is empty/);
  });
});

describe('column kinds', () => {
  it('numeric when every non-empty cell is a decimal number', () => {
    expect(inferColumnKind(['1', '-2.5', '', ' 3e4 ', '.5', '+7'])).toBe('numeric');
    expect(inferColumnKind(['', ''])).toBe('numeric');
    expect(inferColumnKind(['1', 'two'])).toBe('categorical');
    expect(inferColumnKind(['0x10'])).toBe('categorical');
    expect(inferColumnKind(['Infinity'])).toBe('categorical');
  });

  it('parses numeric cells, NaN for empty, undefined for text', () => {
    expect(parseNumericCell(' 12.5 ')).toBe(12.5);
    expect(parseNumericCell('')).toBeNaN();
    expect(parseNumericCell('12,5')).toBeUndefined();
  });
});
