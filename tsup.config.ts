import { defineConfig } from 'tsup';

// The TypeScript entry points: each gets its declarations.
const typedEntries = {
  index: 'src/index.ts',
  train: 'src/train/index.ts',
  testing: 'src/testing/index.ts',
  health: 'src/health/index.ts',
  examples: 'src/examples/index.ts',
  internals: 'src/internals.ts',
  cli: 'src/cli/bin.ts',
  // The pool's worker thread loads this file by path, beside the chunk that starts it.
  scorerWorker: 'src/parallel/scorerWorker.ts',
};

export default defineConfig({
  entry: {
    ...typedEntries,
    // Preloaded into each pool worker by path (`--require`), beside the chunk that starts it: it must
    // come out as dist/workerParentWatch.cjs (the CJS build's name), plain CommonJS. Plain JavaScript,
    // so it has no declarations (the declaration build refuses a .cjs root file: TS6504).
    workerParentWatch: 'src/parallel/workerParentWatch.cjs',
  },
  format: ['esm', 'cjs'],
  dts: { entry: typedEntries },
  sourcemap: true,
  clean: true,
  // import.meta.url in the CJS build (used to find the embedded default model).
  shims: true,
  target: 'node20',
  platform: 'node',
  splitting: true,
  external: ['onnxruntime-node'],
});
