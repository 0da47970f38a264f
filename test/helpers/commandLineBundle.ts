import { fileURLToPath } from 'node:url';

/**
 * The environment variable naming the command line built for this test run (test/setup/sourceWorkerBundle.ts):
 * `bin.ts` and the scorer worker bundled as `dist/` is (ESM, split into chunks, the worker and its
 * preload beside them), in a folder inside the repository so the default model is found above it.
 * Why: run from source, each `creditlift` a test spawns loads some 300 modules through tsx's loader,
 * about twice the CPU of the bundle (`score` of the 11 examples: 3.3 against 1.8 CPU-s), and the deep
 * distributed, queue and signal tests spawn it some hundreds of times.
 */
export const CLI_BUNDLE_ENV = 'CREDITLIFT_TEST_CLI_BUNDLE';

const SOURCE_BIN = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));

const isTypeScript = (arg: string): boolean => /\.(c|m)?ts$/.test(arg);

/**
 * The node arguments that run `creditlift ARGS` (before ARGS): the run's bundle, or the source through
 * tsx when run without that setup or when an argument is a TypeScript module (`--features x.ts`),
 * which needs tsx's loader in the command line and its workers (bundle and loader together cost more
 * than the source through the loader: tsx transforms the bundle's large files at every start).
 * `preloads` (node flags such as `--import ./hook.mjs`) go before the entry either way.
 */
export function commandLineArgv(args: readonly string[], preloads: readonly string[] = []): string[] {
  const bundle = process.env[CLI_BUNDLE_ENV];
  if (bundle === undefined || bundle === '' || args.some(isTypeScript)) return ['--import', 'tsx', ...preloads, SOURCE_BIN];
  return [...preloads, bundle];
}
