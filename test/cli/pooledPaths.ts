/**
 * Set when a CLI test file runs for its pooled twins (`score --workers 2`): `npm test` runs the
 * in-process form of each such test, and test/deep/cliPooledPaths the pooled one (each spawns two
 * worker processes, about 2-3 s a test on the 2-core machine), so both paths stay covered in CI.
 */
export const POOLED_PATHS = process.env.CREDITLIFT_POOLED_PATHS === '1';

/** The `--workers` values a test file runs its twins with: '0' (in process) in npm test, '2' in the deep suite. */
export const WORKER_MODES: readonly string[] = POOLED_PATHS ? ['2'] : ['0'];
