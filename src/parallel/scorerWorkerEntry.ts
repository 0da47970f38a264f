import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** How to start a worker thread: a script file, or (from TypeScript source) a small bootstrap to evaluate. */
export interface WorkerEntry {
  /** The worker's file URL, or the bootstrap code when `eval` is true. */
  readonly script: URL | string;
  readonly eval: boolean;
}

/**
 * Locates the scorer worker's entry file beside this module, in whichever form this module runs:
 * `scorerWorker.js` from the ESM build, `scorerWorker.cjs` from the CJS build (tsup flattens every
 * entry and chunk into `dist/` and shims `import.meta.url` in CJS) and `scorerWorker.ts` from
 * source (tsx, vitest). `override` (a path or URL) wins, for bundles that move the file.
 */
export function scorerWorkerEntry(override?: string | URL): WorkerEntry {
  const url = override === undefined ? besideThisModule() : override instanceof URL ? override : toUrl(override);
  return /\.(c|m)?ts$/.test(url.pathname) ? { script: typeScriptBootstrap(url), eval: true } : { script: url, eval: false };
}

function besideThisModule(): URL {
  const here = new URL(import.meta.url);
  const ext = /\.(c|m)?(t|j)s$/.exec(here.pathname)?.[0] ?? '.js';
  return new URL(`./scorerWorker${ext}`, here);
}

function toUrl(pathOrUrl: string): URL {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(pathOrUrl) ? new URL(pathOrUrl) : pathToFileURL(pathOrUrl);
}

// Only source runs (tests, benchmarks) get here. On Node 20 a worker neither inherits the parent's
// loader hooks nor applies `--import` from its execArgv, so it imports its TypeScript entry
// through tsx's own importer instead.
function typeScriptBootstrap(url: URL): string {
  const api = pathToFileURL(tsxEsmApiPath()).href;
  return `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}));`;
}

// The ESM build of tsx's API, read from its exports map: its CJS build cannot be required from a
// worker's bootstrap, and a bare `import('tsx/esm/api')` there would resolve from the cwd.
function tsxEsmApiPath(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require(manifestPath) as { exports: Record<string, { import?: { default?: string } }> };
  const target = manifest.exports['./esm/api']?.import?.default ?? './dist/esm/api/index.mjs';
  return join(dirname(manifestPath), target);
}
