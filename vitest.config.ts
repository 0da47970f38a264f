import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // onnxruntime-node sessions are native; forks isolate them cleanly on a 2-core machine.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
