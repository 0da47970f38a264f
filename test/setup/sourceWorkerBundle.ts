/**
 * Vitest global setup: bundles the scorer worker into one file for this run and names it in
 * CREDITLIFT_SOURCE_WORKER_BUNDLE, so the pools the tests start load one module instead of some 300
 * through tsx's loader (see src/parallel/scorerWorkerEntry.ts). The bundle is built from the same
 * source at every start and rerun, in a folder of this process's own (two runs side by side in one
 * checkout, as `npm test` and `npm run test:deep`, must not replace each other's file), removed at
 * the end.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import type { TestProject } from 'vitest/node';
import { SOURCE_WORKER_BUNDLE_ENV } from '../../src/parallel/scorerWorkerEntry.js';
import { CRASHING_WORKER_BUNDLE_ENV } from '../helpers/crashingWorkerEntry.js';

/**
 * Bundles one entry file (with all the source it imports) into `outDir`/`name`.mjs and returns its path.
 * The package's dependencies (onnxruntime-node, zod) stay imports, resolved from node_modules as the
 * built package's are.
 */
export async function bundleEntry(outDir: string, name: string, file: string): Promise<string> {
  await build({
    entry: { [name]: file },
    format: ['esm'],
    outDir,
    outExtension: () => ({ js: '.mjs' }),
    platform: 'node',
    target: 'node20',
    splitting: false,
    sourcemap: false,
    dts: false,
    silent: true,
    config: false,
  });
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

export default async function setup(project: TestProject): Promise<() => void> {
  const scratch = fileURLToPath(new URL('../../.tmp/', import.meta.url));
  mkdirSync(scratch, { recursive: true });
  const outDir = mkdtempSync(join(scratch, 'source-worker-'));
  const [worker, crashing] = await Promise.all([bundleWorker(outDir), bundleCrashingWorker(outDir)]);
  process.env[SOURCE_WORKER_BUNDLE_ENV] = worker;
  process.env[CRASHING_WORKER_BUNDLE_ENV] = crashing;
  // In watch mode the source may have changed since: the workers must run what the tests see.
  project.onTestsRerun(async () => {
    await Promise.all([bundleWorker(outDir), bundleCrashingWorker(outDir)]);
  });
  return () => rmSync(outDir, { recursive: true, force: true });
}
