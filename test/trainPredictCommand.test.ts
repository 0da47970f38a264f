import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateEnsembleBatch } from '../src/model/evaluateEnsemble.js';
import { loadModel } from '../src/model/loadModel.js';
import { encodingsFromManifest, formatFloat32, runPredictCommand } from '../src/train/commands/predictCommand.js';
import { runTrainCommand } from '../src/train/commands/trainCommand.js';
import { parseCsv } from '../src/train/dataset/parseCsv.js';
import { encodeTable } from '../src/train/dataset/tabularEncoding.js';

const fixture = join(import.meta.dirname, 'fixtures', 'train', 'loans.csv');
const work = mkdtempSync(join(tmpdir(), 'creditlift-predict-'));
const modelDir = join(work, 'model');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

beforeAll(() => {
  const code = runTrainCommand(
    [
      '--data',
      fixture,
      '--target',
      'defaulted',
      '--positive',
      'yes',
      '--exclude',
      'applicant_id',
      '--rounds',
      '80',
      '--out',
      modelDir,
      '--monotone',
      'debt_ratio:+1',
    ],
    capture().io,
  );
  if (code !== 0) throw new Error('training the fixture model failed');
});

describe('creditlift predict', () => {
  it("writes one probability per input row, in input order, equal to the model's own evaluation", async () => {
    const out = join(work, 'preds.csv');
    const c = capture();
    expect(await runPredictCommand(['--model', modelDir, '--data', fixture, '--out', out], c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/scored 400 rows with creditlift-model@1\.0\.0/);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('probability');
    expect(lines).toHaveLength(401);
    const model = await loadModel(join(modelDir, 'model.onnx'));
    await model.close();
    const table = parseCsv(readFileSync(fixture, 'utf8'));
    const features = encodeTable(table, encodingsFromManifest(model.manifest));
    const expected = evaluateEnsembleBatch(model.ensemble, features, 400).probabilities;
    lines.slice(1).forEach((line, i) => expect(Math.abs(Number(line) - expected[i]!)).toBeLessThan(1e-6));
  });

  it('matches columns by name: reordered columns, no target, unseen categories and blanks still score', async () => {
    const data = join(work, 'new.csv');
    writeFileSync(data, 'occupation,city_tier,months_employed,debt_ratio,monthly_income\nastronaut,"tier 3, west",12,0.5,\nretail,tier 1,,0.2,9000\n');
    const out = join(work, 'new-preds.csv');
    expect(await runPredictCommand(['--model', join(modelDir, 'model.onnx'), '--data', data, '--out', out], capture().io)).toBe(0);
    const probs = readFileSync(out, 'utf8').trimEnd().split('\n').slice(1).map(Number);
    expect(probs).toHaveLength(2);
    for (const p of probs) expect(p > 0 && p < 1).toBe(true);
  });

  // Outside tester findings16-text F4: predict scored NFD, full-width and zero-width variants of a trained
  // category as missing, and a category the model never saw, without a word (exit 0, nothing on stderr).
  it('reads a category as its canonical form (NFKC, invisible characters dropped) and warns, per column, of values the model never saw', async () => {
    const data = join(work, 'variants.csv');
    const rows = ['retail', '\uff52\uff45\uff54\uff41\uff49\uff4c', '\u200bretail', 're\u00adtail', 'RETAIL', 'astronaut', 'astronaut', ''];
    writeFileSync(data, `occupation,city_tier,months_employed,debt_ratio,monthly_income\n${rows.map((o) => `${o},tier 1,24,0.3,9000`).join('\n')}\n`);
    const out = join(work, 'variants-preds.csv');
    const c = capture();
    expect(await runPredictCommand(['--model', modelDir, '--data', data, '--out', out], c.io)).toBe(0);
    const probs = readFileSync(out, 'utf8').trimEnd().split('\n').slice(1);
    expect(probs.slice(0, 4)).toEqual([probs[0], probs[0], probs[0], probs[0]]);
    // Case is kept: RETAIL is another category, unseen, scored as missing (as the empty cell) and said.
    expect(probs.slice(4)).toEqual([probs[7], probs[7], probs[7], probs[7]]);
    const err = c.err.join('');
    expect(err).toMatch(
      /warning \(unseen_categories\): "occupation": 3 of 8 rows hold a category the model never saw, scored as missing: "astronaut" \(2 rows\), "RETAIL" \(1 row\)/,
    );
    expect(err.split('\n').filter((l) => l !== '')).toHaveLength(1);
  });

  it('a missing model column exits 1 naming it', async () => {
    const data = join(work, 'short.csv');
    writeFileSync(data, 'monthly_income,debt_ratio\n100,0.3\n');
    const c = capture();
    expect(await runPredictCommand(['--model', modelDir, '--data', data, '--out', join(work, 'x.csv')], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/columns\.months_employed: Column "months_employed" that the model reads is not in the data/);
  });

  it('a directory with no model exits 1 with model_load_failed', async () => {
    const c = capture();
    expect(await runPredictCommand(['--model', work, '--data', fixture, '--out', join(work, 'x.csv')], c.io)).toBe(1);
    expect(c.err.join('')).toMatch(/error \[model_load_failed\]/);
  });

  it('--help exits 0; a missing option exits 2', async () => {
    const c = capture();
    expect(await runPredictCommand(['-h'], c.io)).toBe(0);
    expect(c.out.join('')).toMatch(/Usage: creditlift predict --model DIR --data FILE.csv --out PREDS.csv/);
    const d = capture();
    expect(await runPredictCommand(['--model', modelDir], d.io)).toBe(2);
    expect(d.err.join('')).toMatch(/missing --data, --out/);
  });
});

describe('formatFloat32', () => {
  it('prints the shortest text that reads back as the same float32', () => {
    fc.assert(
      fc.property(fc.float({ min: 0, max: 1, noNaN: true }), (x) => {
        expect(Math.fround(Number(formatFloat32(x)))).toBe(x);
      }),
      { numRuns: 2000 },
    );
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
  });
});
