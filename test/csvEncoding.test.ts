import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors/index.js';
import { parseCsv } from '../src/train/dataset/parseCsv.js';
import { encodeTable, featureStats, fitTabularEncoding } from '../src/train/dataset/tabularEncoding.js';

const csv = parseCsv(['id,income,city,default', '1,100,A,yes', '2,,B,no', '3,300,B,no', '4,50,C,yes', '5,80,C,yes', '6,120,A,no', '7,90,,no'].join('\n'));

describe('fitTabularEncoding', () => {
  const enc = fitTabularEncoding(csv, { target: 'default', positive: 'yes', exclude: ['id'] });

  it('types columns and drops the target and excluded columns', () => {
    expect(enc.encodings.map((e) => [e.name, e.kind])).toEqual([
      ['income', 'numeric'],
      ['city', 'categorical'],
    ]);
    expect([...enc.labels]).toEqual([1, 0, 0, 1, 1, 0, 0]);
  });

  it('codes categories by training event rate, lowest first (B 0%, A 50%, C 100%)', () => {
    expect(enc.encodings[1]!.categories).toEqual(['B', 'A', 'C']);
    expect([...enc.features]).toEqual([100, 1, Number.NaN, 0, 300, 0, 50, 2, 80, 2, 120, 1, 90, Number.NaN]);
  });

  it('orders by the fitting rows only when given (no holdout leakage)', () => {
    // On rows 0..2 only: A 100%, B 0%; C never seen so it takes the overall rate (1/3), between them.
    const e = fitTabularEncoding(csv, { target: 'default', positive: 'yes', exclude: ['id'], fitRows: Uint32Array.from([0, 1, 2]) });
    expect(e.encodings[1]!.categories).toEqual(['B', 'C', 'A']);
  });

  it('forces a numeric-looking column to categorical on request', () => {
    const e = fitTabularEncoding(csv, { target: 'default', positive: 'yes', categorical: ['id'] });
    expect(e.encodings[0]).toMatchObject({ name: 'id', kind: 'categorical' });
    expect(e.encodings[0]!.categories).toHaveLength(7);
  });

  it('lists every problem: missing target column', () => {
    try {
      fitTabularEncoding(csv, { target: 'Default', positive: 'yes' });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues).toMatchObject([
        { path: ['target'], code: 'missing_column', message: expect.stringMatching(/"Default" is not in the data/) },
      ]);
    }
  });

  it('lists every problem: non-binary target, unknown option columns, protected characteristics', () => {
    const t = parseCsv('gender,income,grade\nF,1,A\nM,2,B\nF,3,C\n');
    try {
      fitTabularEncoding(t, { target: 'grade', positive: 'A', exclude: ['nope'], categorical: ['alsoNope'] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const codes = (e as ValidationError).issues.map((i) => i.code);
      expect(codes).toEqual(['unknown_column', 'unknown_column', 'non_binary_target', 'protected_characteristic']);
    }
  });

  it('refuses a positive value that never occurs, a single-class target and missing targets', () => {
    const codes = (text: string, positive: string) => {
      try {
        fitTabularEncoding(parseCsv(text), { target: 'y', positive });
      } catch (e) {
        return (e as ValidationError).issues.map((i) => i.code);
      }
      return [];
    };
    expect(codes('x,y\n1,a\n2,b\n', 'c')).toEqual(['positive_value_not_found']);
    expect(codes('x,y\n1,a\n2,a\n', 'a')).toEqual(['single_class']);
    expect(codes('x,y\n1,a\n2,\n3,b\n', 'a')).toEqual(['missing_target']);
  });
});

describe('encodeTable (predict time)', () => {
  const enc = fitTabularEncoding(csv, { target: 'default', positive: 'yes', exclude: ['id'] });

  it('matches columns by name in any order, ignores extra columns, unknown categories become NaN', () => {
    const t = parseCsv('city,extra,income\nC,zz,10\nZ,zz,\n');
    expect([...encodeTable(t, enc.encodings)]).toEqual([10, 2, Number.NaN, Number.NaN]);
  });

  it('lists a missing column and every non-numeric numeric cell', () => {
    try {
      encodeTable(parseCsv('income\nabc\n5\nx\n'), enc.encodings);
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).fields).toEqual(['rows.0.income', 'rows.2.income', 'columns.city']);
    }
  });
});

describe('featureStats', () => {
  it('gives the range ignoring missing values and the missing share', () => {
    const s = featureStats(Float32Array.from([1, Number.NaN, 5, Number.NaN, 3, Number.NaN]), 2);
    expect(s[0]).toEqual({ trainingRange: { min: 1, max: 5 }, missingShare: 0 });
    expect(s[1]).toEqual({ missingShare: 1 });
  });
});
