// A feature whose name has surrounding whitespace or an invisible character could never be fed: a
// data file's columns are matched to features by name as written, and train and predict refuse a
// column so named. Such a spec was imported without a word, and its model failed later, at predict.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOnnxModel } from '../../src/model/import/importOnnxModel.js';
import { ManifestFeature } from '../../src/model/manifest.js';
import { validationErrorOf } from '../helpers/validationErrorOf.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'xgboost');
const onnx = new Uint8Array(readFileSync(join(fixtures, 'monotone_classifier.onnx')));
const spec = JSON.parse(readFileSync(join(fixtures, 'monotone_spec.json'), 'utf8')) as { features: { name: string }[] };

describe('a manifest feature name must be written as a column can be', () => {
  it.each([' x0', 'x0 ', 'x0\t', '\u200bx0', 'x\u00ad0'])('importOnnxModel refuses %j at features.0.name, naming the fix', (name) => {
    const given = structuredClone(spec);
    given.features[0]!.name = name;
    const issues = validationErrorOf(() => importOnnxModel(onnx, { spec: given })).issues;
    expect(issues.map((i) => `${i.path.join('.')}:${i.code}`)).toEqual(['features.0.name:invalid_column_name']);
    expect(issues[0]!.message).toContain('write "x0"');
  });

  it('a name of only whitespace is named without a fix to write', () => {
    const r = ManifestFeature.safeParse({ name: ' ', kind: 'numeric', monotone: 0 });
    expect(r.success).toBe(false);
  });

  it('names as written are accepted, inner spaces and non-Latin text included', () => {
    for (const name of ['x0', 'monthly income', '月收入']) expect(ManifestFeature.safeParse({ name, kind: 'numeric', monotone: 0 }).success).toBe(true);
  });
});
