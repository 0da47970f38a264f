// The pooled twins (`score --workers 2`) of CLI tests whose in-process form `npm test` runs: the
// same file, its pooled cases only (see test/cli/pooledPaths.ts). Each starts two worker processes,
// which is why they wait for the deep suite.
process.env.CREDITLIFT_POOLED_PATHS = '1';
await import('../cli/scoreLedgers.test.js');
await import('../cli/scoreRefusedIds.test.js');
// Read once, as those files were evaluated: the deep files share one process (vitest.deep.config.ts).
delete process.env.CREDITLIFT_POOLED_PATHS;
