import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How to start a scorer worker process: its script and the Node flags it needs. */
export interface WorkerEntry {
  /** Absolute path of the worker's script. */
  readonly script: string;
  /** Node flags for the worker (a TypeScript loader when run from source; none from the build). */
  readonly execArgv: readonly string[];
}

/**
 * Locates the scorer worker's entry file beside this module, in whichever form this module runs:
 * `scorerWorker.js` from the ESM build, `scorerWorker.cjs` from the CJS build (tsup flattens every
 * entry and chunk into `dist/` and shims `import.meta.url` in CJS) and `scorerWorker.ts` from
 * source (tsx, vitest). `override` (a path or URL) wins, for bundles that move the file.
 */
export function scorerWorkerEntry(override?: string | URL, featuresModule?: string): WorkerEntry {
  const url = override === undefined ? besideThisModule() : override instanceof URL ? override : toUrl(override);
  const script = fileURLToPath(url);
  if (!isTypeScript(script)) return { script, execArgv: [] };
  const bundle = override === undefined ? sourceWorkerBundle(featuresModule) : undefined;
  return bundle === undefined ? { script, execArgv: ['--import', tsxLoaderUrl()] } : { script: bundle, execArgv: [] };
}

const isTypeScript = (path: string): boolean => /\.(c|m)?ts$/.test(path);

/**
 * The environment variable naming a one-file bundle of this worker, built from the same source at
 * the start of a test run (test/setup/sourceWorkerBundle.ts). Why: a worker run from source loads
 * some 300 modules through tsx's loader, about 0.7 s of CPU more per worker start than one file
 * (measured 5 starts: 7.5 against 3.9 CPU-s), and the test suite starts about a hundred workers.
 * Read only on the source path: the built package never looks at it.
 */
export const SOURCE_WORKER_BUNDLE_ENV = 'CREDITLIFT_SOURCE_WORKER_BUNDLE';

function sourceWorkerBundle(featuresModule: string | undefined): string | undefined {
  const bundle = process.env[SOURCE_WORKER_BUNDLE_ENV];
  // A TypeScript features module still needs tsx's loader in the worker, which costs what the bundle saves.
  if (bundle === undefined || bundle === '' || (featuresModule !== undefined && isTypeScript(featuresModule))) return undefined;
  return bundle;
}

function besideThisModule(): URL {
  const here = new URL(import.meta.url);
  const ext = /\.(c|m)?(t|j)s$/.exec(here.pathname)?.[0] ?? '.js';
  return new URL(`./scorerWorker${ext}`, here);
}

function toUrl(pathOrUrl: string): URL {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(pathOrUrl) ? new URL(pathOrUrl) : pathToFileURL(pathOrUrl);
}

// Only source runs (tests, benchmarks) get here: the worker process loads its TypeScript through
// tsx's loader, named by absolute URL so it resolves the same whatever the worker's cwd.
function tsxLoaderUrl(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require(manifestPath) as { exports: Record<string, unknown> };
  const target = typeof manifest.exports['.'] === 'string' ? manifest.exports['.'] : './dist/loader.mjs';
  return pathToFileURL(join(dirname(manifestPath), target)).href;
}
