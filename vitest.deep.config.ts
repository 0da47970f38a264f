import { defineConfig } from 'vitest/config';

// `npm run test:deep`: long property runs and stress tests, too slow for the suite people run often.
// Properties here draw from a fresh seed unless FC_SEED is set; fast-check prints the seed of any failure.
export default defineConfig({
  test: {
    include: ['test/deep/**/*.test.ts'],
    pool: 'forks',
    passWithNoTests: true,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.tmp/vitest-deep-results.json' },
  },
});
