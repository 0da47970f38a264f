import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runModelCommand } from '../../src/cli/modelCommand.js';
import { ValidationError } from '../../src/errors/validationError.js';
import { importOnnxModel } from '../../src/model/import/importOnnxModel.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'xgboost');
const onnx = new Uint8Array(readFileSync(join(dir, 'free_classifier.onnx')));
const numericSpec = {
  name: 'xgb',
  version: '1',
  features: ['x0', 'x1', 'x2', 'x3', 'x4'].map((name) => ({ name, kind: 'numeric', monotone: 0 })),
};
const work = mkdtempSync(join(tmpdir(), 'creditlift-import-bg-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function rows(n: number, missing: readonly number[]): number[][] {
  return Array.from({ length: n }, (_, r) => [0, 1, 2, 3, 4].map((j) => (missing.includes(j) ? Number.NaN : ((r * 7 + j * 3) % 11) / 11)));
}

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
}

describe('model import refuses a background column that is missing in every row', () => {
  it('importOnnxModel names every entirely-missing column, and imports when each column has a value somewhere', () => {
    let error: unknown;
    try {
      importOnnxModel(onnx, { spec: numericSpec, background: rows(50, [1, 3]) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual(['x1', 'x3']);
    expect((error as ValidationError).code).toBe('data_invalid');
    expect((error as ValidationError).issues.map((i) => i.message).join('\n')).toMatch(/"x1"[\s\S]*"x3"/);
    const ok = rows(50, [1]);
    ok[0]![1] = 0.5;
    expect(importOnnxModel(onnx, { spec: numericSpec, background: ok }).manifest.features[1]!.missingShare).toBeCloseTo(49 / 50, 6);
  });

  it('creditlift model import: categories written as codes in the background CSV are all unknown, so the column is refused by name (exit 1)', () => {
    const spec = {
      ...numericSpec,
      features: [{ name: 'employment_type', kind: 'categorical', categories: ['salaried', 'gig'], monotone: 0 }, ...numericSpec.features.slice(1)],
    };
    writeFileSync(join(work, 'spec.json'), JSON.stringify(spec));
    const header = spec.features.map((f) => f.name).join(',');
    writeFileSync(
      join(work, 'bg.csv'),
      `${header}\n${rows(30, [])
        .map((r) => r.join(','))
        .join('\n')}\n`,
    );
    const { out, io } = capture();
    const code = runModelCommand(
      [
        'import',
        '--onnx',
        join(dir, 'free_classifier.onnx'),
        '--features',
        join(work, 'spec.json'),
        '--background',
        join(work, 'bg.csv'),
        '--out',
        join(work, 'm'),
      ],
      io,
    );
    expect(code).toBe(1);
    expect(out.stderr).toMatch(/employment_type/);
  });

  it('creditlift model import: a categorical spec feature without categories exits 1 naming it', () => {
    const spec = { ...numericSpec, features: [{ name: 'employment_type', kind: 'categorical', monotone: 0 }, ...numericSpec.features.slice(1)] };
    writeFileSync(join(work, 'spec2.json'), JSON.stringify(spec));
    const { out, io } = capture();
    const code = runModelCommand(
      ['import', '--onnx', join(dir, 'free_classifier.onnx'), '--features', join(work, 'spec2.json'), '--out', join(work, 'm2')],
      io,
    );
    expect(code).toBe(1);
    expect(out.stderr).toMatch(/features\.0\.categories/);
    expect(out.stderr).toMatch(/employment_type/);
  });
});
