import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelManifest } from '../src/model/manifest.js';
import { evaluateEnsembleBatch } from '../src/model/evaluateEnsemble.js';
import { runTrainCommand, trainFromCsv } from '../src/train/commands/trainCommand.js';
import { parseCsv } from '../src/train/dataset/parseCsv.js';
import { encodeTable } from '../src/train/dataset/tabularEncoding.js';

const fixture = join(import.meta.dirname, 'fixtures', 'train', 'loans.csv');
const csvText = readFileSync(fixture, 'utf8');
const work = mkdtempSync(join(tmpdir(), 'creditlift-train-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

const baseArgs = ['--data', fixture, '--target', 'defaulted', '--positive', 'yes', '--exclude', 'applicant_id', '--rounds', '60', '--seed', '3'];

describe('creditlift train', () => {
  it('writes model.onnx and manifest.json, and prints a summary', () => {
    const c = capture();
    const out = join(work, 'a');
    const code = runTrainCommand([...baseArgs, '--out', out, '--validation-fraction', '0.2', '--monotone', 'debt_ratio:+1,months_employed:-1'], c.io);
    expect(c.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(c.out.join('')).toMatch(/trained 60 trees on 320 rows x 5 features/);
    const manifest = ModelManifest.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')));
    expect(manifest.features.map((f) => [f.name, f.kind, f.monotone])).toEqual([
      ['monthly_income', 'numeric', 0],
      ['debt_ratio', 'numeric', 1],
      ['months_employed', 'numeric', -1],
      ['city_tier', 'categorical', 0],
      ['occupation', 'categorical', 0],
    ]);
    expect(manifest.features[3]!.categories).toContain('tier 3, west');
    expect(manifest.features[0]!.missingShare).toBeGreaterThan(0);
    expect(manifest.target).toEqual({ column: 'defaulted', positive: 'yes' });
    expect(manifest.params).toMatchObject({ rounds: 60, seed: 3, learningRate: 0.05, maxDepth: 4, validationFraction: 0.2 });
    expect(manifest.metrics).toMatchObject({ trainRows: 320, holdoutRows: 80, trees: 60 });
    expect(manifest.metrics!.holdoutAuc).toBeGreaterThan(0.6);
    expect(readFileSync(join(out, 'model.onnx')).length).toBeGreaterThan(1000);
  });

  it('is deterministic: the same inputs give byte-identical model.onnx, manifest.json, training report and card', () => {
    const dirs = ['b1', 'b2'].map((d) => join(work, d));
    for (const d of dirs) expect(runTrainCommand([...baseArgs, '--out', d, '--subsample', '0.8', '--colsample-bytree', '0.6'], capture().io)).toBe(0);
    for (const f of ['model.onnx', 'manifest.json', 'training-report.json', 'MODEL_CARD.md'])
      expect(readFileSync(join(dirs[1]!, f)).equals(readFileSync(join(dirs[0]!, f))), f).toBe(true);
  });

  it("onnxruntime gives the trainer's own probabilities within 1e-6 (missing values and categories included)", async () => {
    const result = trainFromCsv(csvText, { target: 'defaulted', positive: 'yes', exclude: ['applicant_id'], params: { rounds: 300, seed: 1 } });
    const table = parseCsv(csvText);
    const features = encodeTable(
      table,
      result.manifest.features.map((f) => ({ name: f.name, kind: f.kind, ...(f.categories ? { categories: f.categories } : {}) })),
    );
    const nRows = table.rows.length;
    expect(features.some((x) => Number.isNaN(x))).toBe(true);
    const session = await ort.InferenceSession.create(result.onnx, { intraOpNumThreads: 1 });
    try {
      const run = await session.run({ features: new ort.Tensor('float32', features, [nRows, 5]) }, ['probabilities']);
      const onnx = run.probabilities!.data as Float32Array;
      const mine = evaluateEnsembleBatch(result.model.ensemble, features, nRows).probabilities;
      let worst = 0;
      for (let i = 0; i < nRows; i++) worst = Math.max(worst, Math.abs(onnx[2 * i + 1]! - mine[i]!));
      expect(worst).toBeLessThan(1e-6);
    } finally {
      await session.release();
    }
  });

  it('--help prints the usage and exits 0', () => {
    const c = capture();
    expect(runTrainCommand(['--help'], c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/Usage: creditlift train --data FILE.csv --target COL --positive VALUE --out DIR/);
  });

  it('a wrong command line exits 2 with the usage', () => {
    const c = capture();
    expect(runTrainCommand(['--data', fixture, '--bogus'], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/Unknown option '--bogus'/);
    const d = capture();
    expect(runTrainCommand(['--data', fixture], d.io)).toBe(2);
    expect(d.err.join('')).toMatch(/missing --target, --positive, --out/);
    const e = capture();
    expect(runTrainCommand([...baseArgs, '--out', work, '--rounds', 'many'], e.io)).toBe(2);
    expect(e.err.join('')).toMatch(/--rounds expects a whole number in \[1, 100000\] written in digits, got "many"/);
  });

  it('a missing target column exits 1 with a validation_failed message naming it', () => {
    const c = capture();
    expect(runTrainCommand(['--data', fixture, '--target', 'default', '--positive', 'yes', '--out', work], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/error \[validation_failed\].*\n {2}- target: Target column "default" is not in the data/);
  });

  it('a non-binary target exits 1', () => {
    const c = capture();
    expect(runTrainCommand(['--data', fixture, '--target', 'occupation', '--positive', 'retail', '--out', work, '--exclude', 'applicant_id'], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/Target "occupation" has 5 values .*expected exactly two/);
  });

  it('an unknown monotone column or direction exits 1, listing both', () => {
    const c = capture();
    expect(runTrainCommand([...baseArgs, '--out', work, '--monotone', 'salary:+1,debt_ratio:up'], c.io)).toBe(1);
    const err = c.err.join('');
    expect(err).toMatch(/monotone\.0: --monotone names "salary", which is not a feature column/);
    expect(err).toMatch(/monotone\.1: --monotone "debt_ratio:up": direction must be \+1, -1 or 0/);
  });

  it('training parameters out of range exit 2 naming every one (read as the command line writes numbers)', () => {
    const c = capture();
    expect(runTrainCommand([...baseArgs, '--out', work, '--learning-rate', '0', '--max-depth', '40', '--subsample', '1.5'], c.io)).toBe(2);
    expect(c.err.join('')).toMatch(
      /^error: --learning-rate expects a number \(0, 1\] written in decimal digits \(like 0\.05\), got "0"\n--max-depth expects a whole number in \[1, 16\] written in digits, got "40"\n--subsample expects a number \(0, 1\] .*got "1\.5"\n/,
    );
  });

  it('a missing data file exits 1 with the path, not a stack trace', () => {
    const c = capture();
    expect(runTrainCommand(['--data', join(work, 'nope.csv'), '--target', 'y', '--positive', '1', '--out', work], c.io)).toBe(1);
    expect(c.err.join('')).toContain(`--data ${join(work, 'nope.csv')}: no such file`);
  });

  it('refuses protected characteristics as inputs', () => {
    const path = join(work, 'gender.csv');
    writeFileSync(path, 'gender,income,y\nF,1,a\nM,2,b\nF,3,a\nM,4,b\n');
    const c = capture();
    expect(runTrainCommand(['--data', path, '--target', 'y', '--positive', 'a', '--out', work], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/"gender" looks like a protected characteristic \(sex\)/);
  });
});
