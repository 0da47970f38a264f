// Outside tester findings16-text F4: `train` kept `Café` (NFC) and `Cafe\u0301` (NFD) as two categories
// with no warning (training-report.json "warnings": []), so a book exported by two systems trained on a
// split category. Category values are now read as their canonical form (NFKC, invisible characters
// dropped, trimmed), case kept; two spellings read as one are said, and so are categories that differ
// only in case.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors/validationError.js';
import { builtInFeatures, defineFeatureSet } from '../src/features/featureSet.js';
import { categoryKey } from '../src/text/categoryKey.js';
import { parseCsv } from '../src/train/dataset/parseCsv.js';
import { encodeTable, fitTabularEncoding } from '../src/train/dataset/tabularEncoding.js';

function book(cities: readonly string[]): string {
  return `x,city,defaulted\n${cities.map((c, i) => `${i % 10},${c},${i % 3 === 0 ? 'yes' : 'no'}`).join('\n')}\n`;
}

describe('category spellings in train and predict (findings16-text F4)', () => {
  it('the tester case: NFC and NFD Café are one category, said in a warning naming both spellings', () => {
    const cities = Array.from({ length: 60 }, (_, i) => ['Café', 'Cafe\u0301', '北京', 'Shanghai'][i % 4] as string);
    const fit = fitTabularEncoding(parseCsv(book(cities)), { target: 'defaulted', positive: 'yes' });
    const city = fit.encodings.find((e) => e.name === 'city');
    expect([...(city?.categories ?? [])].sort()).toEqual(['Café', 'Shanghai', '北京'].sort());
    const merged = fit.warnings.filter((w) => w.code === 'category_spellings_merged');
    expect(merged).toHaveLength(1);
    expect(merged[0]?.column).toBe('city');
    expect(merged[0]?.message).toContain('"Café"');
    expect(merged[0]?.message).toContain('Cafe<U+0301>');
    expect(merged[0]?.message).toContain('15 rows');
  });

  it('categories that differ only in case stay two, and the report says so', () => {
    const cities = Array.from({ length: 60 }, (_, i) => ['Shanghai', 'SHANGHAI', '北京'][i % 3] as string);
    const fit = fitTabularEncoding(parseCsv(book(cities)), { target: 'defaulted', positive: 'yes' });
    expect(fit.encodings.find((e) => e.name === 'city')?.categories).toHaveLength(3);
    expect(fit.warnings.filter((w) => w.code === 'categories_differ_only_in_case').map((w) => w.message)).toEqual([
      expect.stringMatching(/"city": "SHANGHAI" and "Shanghai" differ only in case/),
    ]);
  });

  it('encodeTable reads every spelling of a coded category as it; a model written before (an NFD category) still reads its own spelling', () => {
    // "Café\u00a0" is refused (invalid_cell_padding, see trainingCellPadding.test); spaces are read off.
    const table = parseCsv('city\nCafé\nCafe\u0301\n\uff23\uff41\uff46\u00e9\n\u200bCafé\nCafé \nCAFÉ\n');
    expect([...encodeTable(table, [{ name: 'city', kind: 'categorical', categories: ['x', 'Café'] }])]).toEqual([1, 1, 1, 1, 1, Number.NaN]);
    const old = [{ name: 'city', kind: 'categorical' as const, categories: ['Café', 'Cafe\u0301'] }];
    expect([...encodeTable(table, old)].slice(0, 2)).toEqual([0, 1]);
  });

  it('law: categoryKey is idempotent and ignores invisible characters, Unicode form, width and surrounding spaces', () => {
    const invisible = ['\u200b', '\u200d', '\u00ad', '\u2060', '\ufeff', '\u200f'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'aeiouCafé北京上海 x1'), { minLength: 1, maxLength: 10 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...invisible)), { maxLength: 3 }),
        fc.constantFrom('NFC', 'NFD', 'NFKC', 'NFKD') as fc.Arbitrary<'NFC' | 'NFD' | 'NFKC' | 'NFKD'>,
        (chars, inserts, form) => {
          const value = chars.join('');
          const typed = [...` ${value.normalize(form)}\u3000`];
          for (const [at, c] of inserts) typed.splice(at % (typed.length + 1), 0, c);
          expect(categoryKey(typed.join(''))).toBe(categoryKey(value));
          expect(categoryKey(categoryKey(value))).toBe(categoryKey(value));
        },
      ),
      { seed: 20261220, numRuns: 200 },
    );
  });

  it('a lender feature declaring a category in another spelling than train reads is refused at that category (the model would code another)', () => {
    const own = (categories: string[]) => ({
      name: 'own_city',
      description: 'd',
      unit: 'u',
      sources: [],
      monotone: 0 as const,
      factor: 'profile' as const,
      kind: 'categorical' as const,
      categories,
      dataCategory: 'lender_internal',
      reasons: { raisesRisk: { en: 'r', zhHans: '风险' }, lowersRisk: { en: 'l', zhHans: '良好' } },
      compute: () => 'Café',
    });
    expect(() => defineFeatureSet({ features: [...builtInFeatures, own(['Café', 'Shanghai'])] })).not.toThrow();
    try {
      defineFeatureSet({ features: [...builtInFeatures, own(['Cafe\u0301', 'Shanghai', ' x'])] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const issues = (e as ValidationError).issues;
      expect(issues.map((i) => `${i.path.slice(2).join('.')} ${i.code}`)).toEqual(['categories.0 invalid_format', 'categories.2 invalid_format']);
      expect(issues[0]?.message).toContain('"Cafe<U+0301>"');
    }
  });
});
