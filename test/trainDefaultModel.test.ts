import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/hashing/sha256Hex.js';
import { trainDefaultModel } from '../src/train/defaultModel/trainDefaultModel.js';

const fixture = { populationSize: 3_000, params: { rounds: 15, earlyStoppingRounds: 5 } } as const;

describe('default model build', () => {
  it('is deterministic: the same settings give the same ONNX bytes', () => {
    const a = trainDefaultModel(fixture);
    const b = trainDefaultModel(fixture);
    expect(sha256Hex(a.onnx)).toBe(sha256Hex(b.onnx));
    expect(a.manifest).toEqual(b.manifest);
  });

  it('records monotone directions, training ranges and holdout metrics in the manifest', () => {
    const { manifest, holdout, trained } = trainDefaultModel(fixture);
    const income = manifest.features.find((f) => f.name === 'income_rmb');
    expect(income?.monotone).toBe(-1);
    expect(income?.trainingRange?.max).toBeGreaterThan(income?.trainingRange?.min ?? Infinity);
    expect(manifest.features.filter((f) => f.name.startsWith('cert_')).every((f) => f.monotone === -1)).toBe(true);
    expect(holdout.auc).toBeGreaterThan(0.6);
    expect(holdout.calibration).toHaveLength(10);
    // Every input of the default model tells the rows apart, and its holdout holds both outcomes.
    expect(trained.warnings).toEqual([]);
  });

  it('ships a model whose manifest file and card match the ONNX bytes', () => {
    const bytes = readFileSync(new URL('../models/default/model.onnx', import.meta.url));
    const card = readFileSync(new URL('../models/default/MODEL_CARD.md', import.meta.url), 'utf8');
    expect(card).toContain(sha256Hex(bytes));
    expect(card).toMatch(/synthetic/i);
    const manifest = JSON.parse(readFileSync(new URL('../models/default/manifest.json', import.meta.url), 'utf8')) as { name: string };
    expect(bytes.includes(Buffer.from(JSON.stringify(manifest)))).toBe(true);
  });
});
