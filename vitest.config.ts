import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // Long property runs and stress tests live in test/deep and run with `npm run test:deep`.
    exclude: ['test/deep/**', '**/node_modules/**'],
    setupFiles: ['test/setup/fastCheckSeed.ts'],
    // onnxruntime-node sessions are native; forks isolate them cleanly on a 2-core machine.
    pool: 'forks',
    // Vitest's default is one fork fewer than the CPUs: a single fork on a 2-core machine, where most
    // test files wait on the runtime or on child processes. Two files at a time fill both cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 120_000,
    // In CI also write a JSON report, so .ci/run can close with the plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.tmp/vitest-results.json' },
    hookTimeout: 120_000,
  },
});
