import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The package's own name, for examples/ (shipped, importing 'creditlift' as a user's code does);
  // the subpaths are not mapped: nothing in the repository imports them by name.
  resolve: { alias: [{ find: /^creditlift$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) }] },
  test: {
    setupFiles: ['test/setup/fastCheckSeed.ts'],
    // One file of the pool's worker for the run: see test/setup/sourceWorkerBundle.ts.
    globalSetup: ['test/setup/sourceWorkerBundle.ts'],
    // Tests that open onnxruntime sessions themselves (not through loadModel, which switches it off)
    // would otherwise queue onnxruntime's telemetry under the developer's HOME (src/model/onnxTelemetry.ts).
    env: { ORT_DISABLE_TELEMETRY: '1' },
    // onnxruntime-node sessions are native; forks isolate them cleanly on a 2-core machine.
    pool: 'forks',
    // Files in one fork share its module cache: loading src/ and zod once per fork instead of once
    // per file cut the suite from 157 s to 97 s on the 2-core machine (2026-11-28). No file stubs
    // globals or mocks modules (validatedOnce restores its spy after each test) except fastCheck3,
    // which runs in its own project below, isolated.
    poolOptions: { forks: { isolate: false } },
    // Vitest's default is one fork fewer than the CPUs: a single fork on a 2-core machine, where most
    // test files wait on the runtime or on child processes. Two files at a time fill both cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 120_000,
    // In CI also write a JSON report, so .ci/run can close with the plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.tmp/vitest-results.json' },
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          // Long property runs and stress tests live in test/deep and run with `npm run test:deep`.
          exclude: ['test/deep/**', 'test/compat/**', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        // fastCheck3 swaps the 'fast-check' module for version 3 (vi.mock), so it needs a module
        // graph of its own: a worker thread, isolated per file (Vitest reads pool options per pool).
        test: { name: 'compat', include: ['test/compat/**/*.test.ts'], pool: 'threads', poolOptions: { threads: { isolate: true } } },
      },
    ],
  },
});
