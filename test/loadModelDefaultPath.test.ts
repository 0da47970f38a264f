import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CreditliftError } from '../src/errors/creditliftError.js';
import { DEFAULT_MODEL_RELATIVE_PATH, defaultModelPath, findUpward } from '../src/model/defaultModelPath.js';

describe('defaultModelPath', () => {
  it('finds models/default/model.onnx in the nearest ancestor folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'creditlift-'));
    mkdirSync(join(root, 'models', 'default'), { recursive: true });
    writeFileSync(join(root, DEFAULT_MODEL_RELATIVE_PATH), 'x');
    const deep = join(root, 'dist', 'chunks', 'x');
    mkdirSync(deep, { recursive: true });
    expect(findUpward(deep, DEFAULT_MODEL_RELATIVE_PATH)).toBe(join(root, DEFAULT_MODEL_RELATIVE_PATH));
    expect(findUpward(join(tmpdir()), join('no', 'such', 'file.onnx'))).toBeUndefined();
  });

  it('returns an absolute path to the shipped model, or a model_load_failed error before it exists', () => {
    try {
      const p = defaultModelPath();
      expect(p.endsWith(DEFAULT_MODEL_RELATIVE_PATH)).toBe(true);
    } catch (e) {
      expect(e).toBeInstanceOf(CreditliftError);
      expect((e as CreditliftError).code).toBe('model_load_failed');
    }
  });
});
