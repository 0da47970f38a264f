import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { coversFromBackground } from '../src/explain/coversFromBackground.js';
import { createTreeExplainer } from '../src/explain/createTreeExplainer.js';
import { compileTreeShap } from '../src/explain/treeShap/compileTreeShap.js';
import { forgetCompiledTreeShap, sharedCompiledTreeShap } from '../src/explain/treeShap/compiledTreeShapMemo.js';
import { defaultModelPath } from '../src/model/defaultModelPath.js';
import { decodeTreeEnsembleModel } from '../src/model/onnx/decodeTreeEnsemble.js';
import { NodeMode, type TreeEnsemble } from '../src/model/treeEnsemble.js';

const bytes = new Uint8Array(readFileSync(defaultModelPath()));
// The default model's first 12 trees: the same kind of trees at a tenth of the compiled tables, so the
// deep comparisons below stay fast (the whole model's took 6 s); the memo's key covers every tree alike.
const decode = (): TreeEnsemble => {
  const { ensemble } = decodeTreeEnsembleModel(bytes);
  return { ...ensemble, trees: ensemble.trees.slice(0, 12) };
};

beforeEach(() => forgetCompiledTreeShap());

describe('TreeSHAP compilations are shared between explainers of the same trees and covers, and only those', () => {
  it('two readings of the same bytes share one frozen compilation, equal to a fresh one', () => {
    const first = sharedCompiledTreeShap(decode());
    expect(sharedCompiledTreeShap(decode())).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.trees) && Object.isFrozen(first.trees[0]) && Object.isFrozen(first.tables)).toBe(true);
    expect(first).toEqual(compileTreeShap(decode()));
  });

  it('an ensemble that differs in one threshold gets its own compilation, and its explanations are its own', () => {
    const original = decode();
    const moved = decode();
    const tree = moved.trees[0]!;
    const split = tree.mode.findIndex((m) => m !== NodeMode.LEAF);
    tree.threshold[split] = (tree.threshold[split] as number) + 1;
    const a = sharedCompiledTreeShap(original);
    const b = sharedCompiledTreeShap(moved);
    expect(b).not.toBe(a);
    expect(b).toEqual(compileTreeShap(moved));
    expect(b).not.toEqual(a);
  });

  it('the same trees under other covers (a background) get their own compilation', () => {
    const ensemble = decode();
    const rows = Array.from({ length: 50 }, (_, r) => Array.from({ length: ensemble.nFeatures }, (_, j) => ((r * 7 + j * 3) % 11) - 2));
    const background = coversFromBackground(ensemble, rows);
    const a = sharedCompiledTreeShap(ensemble);
    const b = sharedCompiledTreeShap(background);
    expect(b).not.toBe(a);
    expect(b).toEqual(compileTreeShap(background));
    const viaExplainer = createTreeExplainer(decode(), { background: rows });
    expect(viaExplainer.expectedValue).toBe(b.expectedValue);
    expect(viaExplainer.expectedValue).not.toBe(a.expectedValue);
  });

  it('changing the caller’s arrays after an explainer was built changes no shared compilation', () => {
    const ensemble = decode();
    const shared = sharedCompiledTreeShap(ensemble);
    const before = compileTreeShap(decode());
    for (const tree of ensemble.trees) {
      tree.leafValue.fill(7);
      tree.cover.fill(1);
    }
    expect(shared).toEqual(before);
    expect(sharedCompiledTreeShap(decode())).toBe(shared);
  });
});
