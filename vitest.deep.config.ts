import { defineConfig } from 'vitest/config';

// `npm run test:deep`: long property runs and stress tests, too slow for the suite people run often.
// Properties here draw from a fresh seed unless FC_SEED is set; fast-check prints the seed of any failure.
export default defineConfig({
  test: {
    include: ['test/deep/**/*.test.ts'],
    globalSetup: ['test/setup/sourceWorkerBundle.ts'],
    pool: 'forks',
    // One file at a time: several of these spawn worker processes and Redis, and some run long
    // synchronous property loops; two files side by side on two cores starved a fork's event loop
    // past vitest's 60 s RPC timeout ("Timeout calling onTaskUpdate") although every test passed.
    // The files' durations summed to the run's wall time anyway (about 8 minutes).
    fileParallelism: false,
    // One fork runs every file, sharing its module cache: src/ and zod load once instead of once per
    // file. The clean-clone deep suite fell from 798 s to 687-733 s (collect 42 s -> 11-14 s, fork
    // start-up 6 s -> 0.2 s; 2026-12-02), which CI's 20-minute budget needed. A file that sets process
    // state (an environment variable, a time zone) restores it, as in `npm test`.
    poolOptions: { forks: { isolate: false } },
    passWithNoTests: true,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.tmp/vitest-deep-results.json' },
  },
});
