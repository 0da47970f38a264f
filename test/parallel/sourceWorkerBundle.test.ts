import { describe, expect, it } from 'vitest';
import { SOURCE_WORKER_BUNDLE_ENV, scorerWorkerEntry } from '../../src/parallel/scorerWorkerEntry.js';

describe('the scorer worker a source run starts', () => {
  it("is this run's one-file bundle (test/setup/sourceWorkerBundle.ts), without tsx's loader", () => {
    const bundle = process.env[SOURCE_WORKER_BUNDLE_ENV];
    expect(bundle).toMatch(/scorerWorker\.mjs$/);
    expect(scorerWorkerEntry()).toEqual({ script: bundle, execArgv: [] });
  });

  it("is the TypeScript source under tsx's loader for a TypeScript features module, or an entry named by the caller", () => {
    const typescript = scorerWorkerEntry(undefined, '/lender/features.ts');
    expect(typescript.script).toMatch(/src\/parallel\/scorerWorker\.ts$/);
    expect(typescript.execArgv[0]).toBe('--import');
    expect(scorerWorkerEntry(undefined, '/lender/features.mjs').script).toBe(process.env[SOURCE_WORKER_BUNDLE_ENV]);
    const named = scorerWorkerEntry(new URL('./fixtures/orphanedWorker.ts', import.meta.url));
    expect(named.script).toMatch(/fixtures\/orphanedWorker\.ts$/);
    expect(named.execArgv[0]).toBe('--import');
  });
});
