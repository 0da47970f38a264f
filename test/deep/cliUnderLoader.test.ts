// The command line run under a loader (`node --import tsx creditlift score --workers 2 --features
// features.ts`) started its workers without the loader, so each refused the TypeScript module and the
// run decided nothing. Built with tsup and run end to end (about 40 s on a loaded machine, so here and
// not in npm test); the unit tests of the flags passed on are in test/cli/cliLoaderFlags.test.ts.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_BUNDLE_ENV } from '../helpers/commandLineBundle.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScorer } from '../../src/decision/createScorer.js';
import type { Decision } from '../../src/decision/decision.js';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';
import { loadFeatureSetModule } from '../../src/features/loadFeatureSetModule.js';
import { monthsOnBookFeaturesModule } from '../helpers/monthsOnBookFeatures.js';

// The built command line (the test run's tsup bundle of bin.ts, split into chunks with the worker and
// its preload beside them, as in dist/: test/setup/sourceWorkerBundle.ts), run under tsx with a
// TypeScript features module. Inside the repository, so the module's imports resolve.
const scratch = fileURLToPath(new URL('../../.tmp/', import.meta.url));
mkdirSync(scratch, { recursive: true });
const work = mkdtempSync(join(scratch, 'cli-loader-'));
const file = (name: string) => join(work, name);
const applicants = exampleApplicants.slice(0, 6).map((e, i) => ({ ...e.applicant, attributes: { months_on_book: 5 * i } }));
const expected = new Map<string, Decision>();

beforeAll(async () => {
  writeFileSync(file('features.ts'), monthsOnBookFeaturesModule());
  writeFileSync(file('book.ndjson'), `${applicants.map((a) => JSON.stringify(a)).join('\n')}\n`);
  const scorer = await createScorer({ features: (await loadFeatureSetModule(file('features.ts'))).features });
  try {
    for (const a of applicants) expected.set(a.id, await scorer.decide(a));
  } finally {
    await scorer.close();
  }
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The run's built command line: this file is only run with the setup that builds it. */
function builtCli(): string {
  const cli = process.env[CLI_BUNDLE_ENV];
  if (cli === undefined || cli === '')
    throw new Error(`${CLI_BUNDLE_ENV} is not set: run this file with vitest.deep.config.ts, whose global setup builds the command line`);
  return cli;
}

/** Runs node with `nodeArgs` on the built command line; resolves to its exit code and standard error. */
function runBuiltCli(nodeArgs: readonly string[], args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...nodeArgs, builtCli(), ...args], { encoding: 'utf8', env }, (error, _stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stderr }),
    );
  });
}

const decisionsIn = (path: string): Decision[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { decision: Decision }).decision);

describe('the built command line under a loader, with a TypeScript features module and --workers 2', () => {
  const scoreArgs = (out: string) => [
    'score',
    '--in',
    file('book.ndjson'),
    '--out',
    file(out),
    '--features',
    file('features.ts'),
    '--workers',
    '2',
    '--batch',
    '2',
  ];

  it('node --import tsx: every worker loads the module as the command line did, and decides as the library does', async () => {
    const run = await runBuiltCli(['--import', 'tsx'], scoreArgs('import.ndjson'));
    expect(run.code, run.stderr).toBe(0);
    const got = decisionsIn(file('import.ndjson'));
    expect(got.map((d) => d.applicantId)).toEqual(applicants.map((a) => a.id));
    for (const d of got) expect(d).toEqual(expected.get(d.applicantId));
  }, 60_000);

  it("NODE_OPTIONS='--import tsx': the workers read it from the environment they inherit", async () => {
    const run = await runBuiltCli([], scoreArgs('options.ndjson'), { ...process.env, NODE_OPTIONS: '--import tsx' });
    expect(run.code, run.stderr).toBe(0);
    expect(decisionsIn(file('options.ndjson'))).toHaveLength(applicants.length);
  }, 60_000);
});
