// Flags that stop the scorer in every worker were refused by name only in workerExecArgv: set in
// NODE_OPTIONS (which every worker inherits) they failed late. Forked on node 20 (one worker, the
// default model): --no-addons gave "onnxruntime-node could not be loaded: Cannot load native addon
// because loading addons is disabled" (2.6 s, the flag unnamed); --experimental-permission (with or
// without --allow-fs-read=*, or --allow-addons) and --experimental-policy each stopped the worker 4
// times, "no error reported" (0.6-1.8 s), node's ERR_ACCESS_DENIED only on stderr; and an
// --allow-fs-read leaving out the worker's own files (its preload, onnxruntime-common) failed the same
// way, in either place. Now each is a ValidationError naming the flag and where it was given.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import { workerExecArgvIssues } from '../../src/parallel/workerExecArgv.js';
import { workerFlagsDenyingScorerIssues } from '../../src/parallel/workerFlagsDenyingScorer.js';
import { workerReadFiles } from '../../src/parallel/workerReadFiles.js';

// A worker's start as the pool makes it, on files that exist: the pool's preload, and this file as the script.
const preload = fileURLToPath(new URL('../../src/parallel/workerParentWatch.cjs', import.meta.url));
const script = fileURLToPath(import.meta.url);
const start = { script, execArgv: ['--require', preload] };
const issues = (nodeOptions: string | undefined, argv: string[] = []) => workerFlagsDenyingScorerIssues(nodeOptions, argv, start);
const ENV = 'NODE_OPTIONS (in the environment, which every worker inherits)';

describe('flags in NODE_OPTIONS that stop every worker are refused, naming where they were given', () => {
  it.each([
    ['--no-addons', [], 'NODE_OPTIONS', `${ENV}: --no-addons stops Node loading native addons`],
    ['--max-old-space-size=512 --no_addons', [], 'NODE_OPTIONS', `${ENV}: --no_addons`],
    // Node reads NODE_OPTIONS first, then the command line: the last of --addons/--no-addons wins.
    ['--addons', ['--no-addons'], 'workerExecArgv', 'workerExecArgv at index 0: --no-addons'],
    ['--experimental-permission --allow-addons', [], 'NODE_OPTIONS', `${ENV}: --experimental-permission lets the worker read no file without --allow-fs-read`],
    ['--experimental-permission', ['--allow-fs-read=*'], 'NODE_OPTIONS', 'load no native addon without --allow-addons'],
    ['--experimental_policy=policy.json', [], 'NODE_OPTIONS', `${ENV}: --experimental_policy makes Node check every module`],
  ])('NODE_OPTIONS=%j, workerExecArgv %j: at %s', async (nodeOptions, argv, path, start) => {
    const got = await issues(nodeOptions, argv);
    expect(got).toHaveLength(1);
    expect(got[0]!.path).toEqual([path]);
    expect(got[0]!.code).toBe('invalid_type');
    expect(got[0]!.message).toContain(start);
  });

  it('what the scorer needs, from either place, passes: --addons after --no-addons, permission with --allow-addons and paths covering all', async () => {
    expect(await issues('--no-addons', ['--addons'])).toEqual([]);
    expect(await issues('--experimental-permission', ['--allow-addons', '--allow-fs-read=*'])).toEqual([]);
    const each = workerReadFiles(start).map((f) => `--allow-fs-read=${f.path}`);
    expect(await issues('--experimental-permission --allow-addons', each)).toEqual([]);
  });

  it('the workerExecArgv check reads NODE_OPTIONS first, as Node does: --allow-addons there serves the permission model given here', () => {
    // Refused before, naming --allow-addons as missing, though every worker would have had it.
    expect(workerExecArgvIssues(['--experimental-permission', '--allow-fs-read=*'], '--allow-addons')).toEqual([]);
    expect(workerExecArgvIssues(['--experimental-permission', '--allow-fs-read=*'])[0]?.message).toContain(
      'workerExecArgv at index 0: --experimental-permission',
    );
    // --addons there is undone by --no-addons here, named at its own index; a fault in NODE_OPTIONS alone is the pool's to name.
    expect(workerExecArgvIssues(['--no-addons'], '--addons')[0]?.message).toContain('workerExecArgv at index 0: --no-addons');
    expect(workerExecArgvIssues([], '--no-addons')).toEqual([]);
  });
});

describe('--allow-fs-read paths not covering a file every worker reads are refused, naming the first', () => {
  it('in NODE_OPTIONS: the folder of the script alone leaves out the preload', async () => {
    const got = await issues(`--experimental-permission --allow-addons --allow-fs-read=${dirname(script)}`);
    expect(got).toHaveLength(1);
    expect(got[0]!.path).toEqual(['NODE_OPTIONS']);
    expect(got[0]!.message).toContain(`do not cover the module the worker preloads, ${preload},`);
  });

  it('in workerExecArgv, comma-separated: node 20 reads one path, comma and all, and the refusal says so', async () => {
    const got = await issues('--experimental-permission', ['--allow-addons', `--allow-fs-read=${preload},${script}`]);
    expect(got[0]!.path).toEqual(['workerExecArgv']);
    expect(got[0]!.message).toContain(`workerExecArgv at index 1: ${JSON.stringify(`${preload},${script}`)}`);
    expect(got[0]!.message).toContain(preload);
    expect(got[0]!.message).toContain('a comma and all');
  });

  it("a file the worker reads left out of otherwise covering paths is named: onnxruntime-node's native binary", async () => {
    const files = workerReadFiles(start);
    const binary = files.find((f) => f.what === "onnxruntime-node's native binary")!;
    const others = files.filter((f) => f !== binary).map((f) => `--allow-fs-read=${f.path}`);
    const got = await issues('--experimental-permission --allow-addons', others);
    expect(got.map((i) => i.message)).toEqual([expect.stringContaining(`do not cover onnxruntime-node's native binary, ${binary.path},`)]);
  });

  it('when node cannot be asked (it does not start), nothing is refused and a warning says the pool starts unchecked, once for the same paths', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const execPath = process.execPath;
    // A path no other test uses: node's answers are remembered per flags and paths.
    const argv = ['--allow-addons', '--allow-fs-read=/creditlift-unasked'];
    try {
      process.execPath = '/nonexistent/node';
      expect(await issues('--experimental-permission', argv)).toEqual([]);
      expect(await issues('--experimental-permission', argv)).toEqual([]);
    } finally {
      process.execPath = execPath;
    }
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    const said = warnings.filter((w) => (w as NodeJS.ErrnoException).code === 'CREDITLIFT_POOL_FS_READ_UNCHECKED');
    expect(said.map((w) => w.message)).toEqual([
      'creditlift scorer pool: node could not be asked whether the --allow-fs-read paths (workerExecArgv at index 1: "/creditlift-unasked") cover the files every worker reads as it starts; the pool starts unchecked, and a worker that cannot read one stops with ERR_ACCESS_DENIED',
    ]);
  });
});

describe('a pool under such a NODE_OPTIONS', () => {
  it('refuses --no-addons at NODE_OPTIONS before any worker starts', async () => {
    const before = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = '--no-addons';
    const started = performance.now();
    try {
      const pool = createScorerPool({ workers: 1 });
      await expect(pool).rejects.toBeInstanceOf(ValidationError);
      await expect(pool).rejects.toSatisfy((e) => (e as ValidationError).issues.some((i) => i.path[0] === 'NODE_OPTIONS' && i.message.includes('--no-addons')));
    } finally {
      if (before === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = before;
    }
    // No worker started: a worker's start alone is about half a second here, and the refusal came after 4 of them.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
