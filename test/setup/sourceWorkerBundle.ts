/**
 * Vitest global setup: bundles the scorer worker into one file for this run and names it in
 * CREDITLIFT_SOURCE_WORKER_BUNDLE, so the pools the tests start load one module instead of some 300
 * through tsx's loader (see src/parallel/scorerWorkerEntry.ts); likewise the fault tests' crashing
 * worker (test/helpers/crashingWorkerEntry.ts) and the command line the tests spawn
 * (test/helpers/commandLineBundle.ts). Each bundle is built from the same
 * source at every start and rerun, in a folder of this process's own (two runs side by side in one
 * checkout, as `npm test` and `npm run test:deep`, must not replace each other's file), removed at
 * the end.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import type { TestProject } from 'vitest/node';
import { SOURCE_WORKER_BUNDLE_ENV } from '../../src/parallel/scorerWorkerEntry.js';
import { CLI_BUNDLE_ENV } from '../helpers/commandLineBundle.js';
import { CRASHING_WORKER_BUNDLE_ENV } from '../helpers/crashingWorkerEntry.js';

/**
 * Bundles `entries` (name to source file, with all the source each imports) into `outDir`/NAME.mjs:
 * one file each, or split into shared chunks as `dist/` is. The package's dependencies
 * (onnxruntime-node, zod) stay imports, resolved from node_modules as the built package's are.
 */
async function bundleInto(outDir: string, entries: Readonly<Record<string, string>>, splitting: boolean): Promise<void> {
  await build({
    entry: { ...entries },
    format: ['esm'],
    outDir,
    outExtension: () => ({ js: '.mjs' }),
    platform: 'node',
    target: 'node20',
    splitting,
    sourcemap: false,
    dts: false,
    silent: true,
    config: false,
  });
}

/** Bundles one entry file (with all the source it imports) into the one file `outDir`/`name`.mjs and returns its path. */
export async function bundleEntry(outDir: string, name: string, file: string): Promise<string> {
  await bundleInto(outDir, { [name]: file }, false);
  return join(outDir, `${name}.mjs`);
}

/**
 * Bundles the scorer worker of `src` (default this checkout's) into `outDir`/scorerWorker.mjs and
 * returns its path (also bench/poolWorkerStart, which may bundle another checkout's source).
 */
export function bundleWorker(outDir: string, src = fileURLToPath(new URL('../../src', import.meta.url))): Promise<string> {
  return bundleEntry(outDir, 'scorerWorker', join(src, 'parallel/scorerWorker.ts'));
}

/** Bundles the crashing worker fixture (with the source it serves) into `outDir`/crashingScorerWorker.mjs. */
function bundleCrashingWorker(outDir: string): Promise<string> {
  return bundleEntry(outDir, 'crashingScorerWorker', fileURLToPath(new URL('../parallel/fixtures/crashingScorerWorker.ts', import.meta.url)));
}

/**
 * Builds the command line as `dist/` has it (bin.ts and the scorer worker, ESM, split into chunks so
 * bin.ts still loads nothing before its signal handlers; the workers' preload copied beside them) into
 * `outDir`/cli.mjs and returns its path. `outDir` must be inside the repository: the default model is
 * found in a folder above the module.
 */
async function bundleCommandLine(outDir: string): Promise<string> {
  const src = fileURLToPath(new URL('../../src', import.meta.url));
  await bundleInto(outDir, { cli: join(src, 'cli/bin.ts'), scorerWorker: join(src, 'parallel/scorerWorker.ts') }, true);
  copyFileSync(join(src, 'parallel/workerParentWatch.cjs'), join(outDir, 'workerParentWatch.cjs'));
  return join(outDir, 'cli.mjs');
}

/** Everything a test run bundles, each in its place in `outDir`; resolves to their paths. */
async function bundleAll(outDir: string): Promise<{ worker: string; crashing: string; cli: string }> {
  const [worker, crashing, cli] = await Promise.all([bundleWorker(outDir), bundleCrashingWorker(outDir), bundleCommandLine(join(outDir, 'cli'))]);
  return { worker, crashing, cli };
}

export default async function setup(project: TestProject): Promise<() => void> {
  const scratch = fileURLToPath(new URL('../../.tmp/', import.meta.url));
  mkdirSync(scratch, { recursive: true });
  const outDir = mkdtempSync(join(scratch, 'source-worker-'));
  const { worker, crashing, cli } = await bundleAll(outDir);
  process.env[SOURCE_WORKER_BUNDLE_ENV] = worker;
  process.env[CRASHING_WORKER_BUNDLE_ENV] = crashing;
  process.env[CLI_BUNDLE_ENV] = cli;
  // In watch mode the source may have changed since: the workers must run what the tests see.
  project.onTestsRerun(async () => {
    await bundleAll(outDir);
  });
  return () => rmSync(outDir, { recursive: true, force: true });
}
