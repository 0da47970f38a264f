// README: "The default model is rebuilt byte for byte by `npm run train`". It had silently stopped
// being so: rules changed since it was trained (certificate assessment, credential numbers, the
// synthetic population's evidence) moved the training features, and `npm run train` built another
// model (148 trees against the shipped 196), so the shipped file was no longer what the repository's
// code trains. The full build takes about 20 s, so it is checked here, not in `npm test`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderModelCard } from '../../src/train/defaultModel/renderModelCard.js';
import { sha256Hex } from '../../src/hashing/sha256Hex.js';
import { trainDefaultModel } from '../../src/train/defaultModel/trainDefaultModel.js';

const shipped = (name: string) => readFileSync(new URL(`../../models/default/${name}`, import.meta.url));

describe('models/default', () => {
  it('is what npm run train builds from this code, byte for byte: model, manifest and card', () => {
    const build = trainDefaultModel();
    const sha = sha256Hex(build.onnx);
    expect(sha, 'rebuild with npm run train, then npx tsx scripts/buildMonitorBaseline.ts').toBe(sha256Hex(shipped('model.onnx')));
    expect(`${JSON.stringify(build.manifest, null, 2)}\n`).toBe(shipped('manifest.json').toString('utf8'));
    expect(renderModelCard(build, sha)).toBe(shipped('MODEL_CARD.md').toString('utf8'));
  });
});
