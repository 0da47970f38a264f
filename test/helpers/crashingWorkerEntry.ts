/**
 * The environment variable naming a one-file bundle of the fault tests' crashing worker
 * (test/parallel/fixtures/crashingScorerWorker.ts), built by test/setup/sourceWorkerBundle.ts. Run
 * from source, each of its starts loaded src through tsx (about 2 s of CPU), and the deep fault
 * tests restart it some sixty times: most of test/deep/poolFaults.test.ts's two minutes.
 */
export const CRASHING_WORKER_BUNDLE_ENV = 'CREDITLIFT_TEST_CRASHING_WORKER_BUNDLE';

/**
 * The fault tests' crashing worker as a pool's `workerEntry`: the one-file bundle the test run built,
 * or its source (through tsx) when run without that setup.
 */
export function crashingWorkerEntry(): string | URL {
  const bundle = process.env[CRASHING_WORKER_BUNDLE_ENV];
  return bundle === undefined || bundle === '' ? new URL('../parallel/fixtures/crashingScorerWorker.ts', import.meta.url) : bundle;
}
