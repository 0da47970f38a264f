import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { importOnnxModel } from '../../src/model/import/importOnnxModel.js';

/**
 * A model's categories are its codes: code i is the i-th category. A list the encoder cannot read one
 * way was imported as it stood: `['a', 'a']` fed every "a" as code 1 (the later entry won) and code 0
 * never; a full-width or space-padded twin is the same category as train and predict read it; an empty
 * one is a missing cell, never a category; `[]` on a categorical feature scored every row as missing;
 * categories on a numeric feature were kept in the manifest and read by nothing.
 */
const bytes = readFileSync(new URL('../fixtures/xgboost/free_classifier.onnx', import.meta.url));
const features = ['x0', 'x1', 'x2', 'x3', 'x4'].map((name) => ({ name, kind: 'numeric' as const, monotone: 0 as const }));

function refusal(first: Record<string, unknown>): { path: string; code: string; message: string }[] {
  const spec = { name: 'm', version: '1', features: [{ ...features[0], ...first }, ...features.slice(1)] };
  let err: unknown;
  try {
    importOnnxModel(bytes, { spec });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ValidationError);
  return (err as ValidationError).issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
}

describe("a model's categories are refused unless each names one code", () => {
  it('a category listed twice is refused at its second place, naming the first', () => {
    const issues = refusal({ kind: 'categorical', categories: ['a', 'b', 'a'] });
    expect(issues).toEqual([
      expect.objectContaining({ path: 'features.0.categories.2', code: 'duplicate_category', message: expect.stringContaining('code 0') }),
    ]);
  });

  it('two spellings train and predict read as one category are refused', () => {
    const issues = refusal({ kind: 'categorical', categories: ['Ａ', 'b', ' A'] });
    expect(issues.map((i) => [i.path, i.code])).toEqual([['features.0.categories.2', 'duplicate_category']]);
  });

  it('an empty category (a missing cell) is refused', () => {
    const issues = refusal({ kind: 'categorical', categories: ['a', ' '] });
    expect(issues.map((i) => [i.path, i.code])).toEqual([['features.0.categories.1', 'empty_category']]);
  });

  it('a categorical feature with no categories is refused', () => {
    const issues = refusal({ kind: 'categorical', categories: [] });
    expect(issues.map((i) => [i.path, i.code])).toEqual([['features.0.categories', 'missing_categories']]);
  });

  it('categories on a numeric feature are refused, not kept unread', () => {
    const issues = refusal({ categories: ['a', 'b'] });
    expect(issues.map((i) => [i.path, i.code])).toEqual([['features.0.categories', 'unexpected_categories']]);
  });

  it('distinct categories still import', () => {
    const spec = { name: 'm', version: '1', features: [{ ...features[0], kind: 'categorical', categories: ['a', 'A', 'b'] }, ...features.slice(1)] };
    const imported = importOnnxModel(bytes, { spec });
    expect(imported.manifest.features[0]?.categories).toEqual(['a', 'A', 'b']);
  });
});
