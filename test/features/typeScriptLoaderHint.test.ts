// A pool given a lender's features.ts, with workers that run plain node, was refused with Node's own
// words only: "featuresModule: .../features.ts: the module failed to load: Unknown file extension
// ".ts" for .../features.ts", saying nothing of workerExecArgv: ['--import', 'tsx'], which lets the
// workers load it. The in-process load (the command line's --features under plain node) said no more.
// Each now says how to let Node load TypeScript where it failed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { typeScriptLoaderHint } from '../../src/features/typeScriptLoaderHint.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import { SOURCE_WORKER_BUNDLE_ENV } from '../../src/parallel/scorerWorkerEntry.js';
import { monthsOnBookFeaturesModule } from '../helpers/monthsOnBookFeatures.js';

const scratch = new URL('../../.tmp/', import.meta.url).pathname;
let dir: string;
let modulePath: string;
beforeAll(() => {
  mkdirSync(scratch, { recursive: true });
  dir = mkdtempSync(join(scratch, 'ts-features-'));
  modulePath = join(dir, 'features.ts');
  writeFileSync(modulePath, monthsOnBookFeaturesModule());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Plain node's answer per path: two tests read it, and a node start is about 0.2 CPU-s.
const plainNodeAnswers = new Map<string, { code?: string; message?: string }>();

/** What plain node (no loader) throws importing `path`: its code and message, as a live Error. */
function plainNodeImportError(path: string): Error {
  let answer = plainNodeAnswers.get(path);
  if (answer === undefined) {
    answer = askPlainNode(path);
    plainNodeAnswers.set(path, answer);
  }
  return Object.assign(new Error(answer.message), { code: answer.code });
}

function askPlainNode(path: string): { code?: string; message?: string } {
  const script = `import(${JSON.stringify(pathToFileURL(path).href)}).then(() => console.log('{}'), (e) => console.log(JSON.stringify({ code: e.code, message: e.message })))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } })) as {
    code?: string;
    message?: string;
  };
}

describe('typeScriptLoaderHint', () => {
  it("plain node's own refusal of a .ts module gets a hint for each place that loads it", () => {
    const error = plainNodeImportError(modulePath);
    expect((error as Error & { code?: string }).code).toBe('ERR_UNKNOWN_FILE_EXTENSION');
    expect(typeScriptLoaderHint(error, 'process')).toBe(
      "Node loads no TypeScript by itself: run it under a TypeScript loader (node --import tsx; the command line: node --import tsx creditlift ... or NODE_OPTIONS='--import tsx' creditlift ..., whose loader its worker processes take too), or compile the module to JavaScript",
    );
    expect(typeScriptLoaderHint(error, 'poolWorker')).toBe(
      "a pool's workers run plain node, without the calling process's loaders: give the pool workerExecArgv: ['--import', 'tsx'] so its workers load TypeScript (the command line: node --import tsx creditlift ... or NODE_OPTIONS='--import tsx' creditlift ..., whose loader its worker processes take too), or compile the module to JavaScript",
    );
  });

  it('no hint for any other failure, nor for an unknown extension that is not TypeScript', () => {
    expect(typeScriptLoaderHint(new Error('lender config missing'), 'poolWorker')).toBeUndefined();
    const json = Object.assign(new TypeError('Unknown file extension ".yaml" for /x/features.yaml'), { code: 'ERR_UNKNOWN_FILE_EXTENSION' });
    expect(typeScriptLoaderHint(json, 'process')).toBeUndefined();
    expect(typeScriptLoaderHint(undefined, 'process')).toBeUndefined();
  });
});

describe('a pool whose workers run plain node, given a features.ts', () => {
  // The bundled worker runs plain node, as the published package's does (the source worker runs under tsx).
  const plainWorker = (): string => {
    const bundle = process.env[SOURCE_WORKER_BUNDLE_ENV];
    if (bundle === undefined || bundle === '') throw new Error(`${SOURCE_WORKER_BUNDLE_ENV} is not set (test/setup/sourceWorkerBundle.ts)`);
    return bundle;
  };

  it("is refused by its first worker with Node's reason and the hint to give workerExecArgv: ['--import', 'tsx']", async () => {
    const err = await createScorerPool({ workers: 1, featuresModule: modulePath, workerEntry: plainWorker(), scorer: { suggestionsPerDecision: 0 } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual(['featuresModule']);
    const [issue] = (err as ValidationError).issues;
    expect(issue?.message).toBe(
      `${modulePath}: the module failed to load: Unknown file extension ".ts" for ${modulePath}: ${typeScriptLoaderHint(plainNodeImportError(modulePath), 'poolWorker')}`,
    );
  });

  it("starts with the hint followed: workerExecArgv: ['--import', 'tsx'] (the hint holds), and decides with the module's feature", async () => {
    const pool = await createScorerPool({
      workers: 1,
      featuresModule: modulePath,
      workerEntry: plainWorker(),
      workerExecArgv: ['--import', 'tsx'],
      scorer: { suggestionsPerDecision: 0 },
    });
    try {
      // The other tests whose workers take a lender's module give them JavaScript: this is the one
      // whose workers decide with a TypeScript module.
      const applicant = { ...exampleApplicants[0]!.applicant, attributes: { months_on_book: 12 } };
      const [result] = await pool.safeDecideBatch([applicant]);
      expect(result?.ok).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
