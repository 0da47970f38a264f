// `workerExecArgv` with a flag and its value as two elements (`['--import', 'tsx']`, the form most
// people write, and the form Node's own docs use) was refused ("must be an array of Node flags
// (strings starting with -)"); only `['--import=tsx']` passed, and no doc said so. A value is taken
// after the flags that read one; any other element that is not a flag is still refused, since Node
// would run it as the worker's script.
// Only seven flags took their value so: `['--env-file', '.env']`, `['--title', 'x']`,
// `['--input-type', 'module']` were refused, saying `.env` was "nor the value of a flag that takes one"
// (findings26 F7). Every option Node documents with a value now takes it (a list for node 20 and 22,
// held here against the running node's own `node --help`); a V8 option (`--stack-size 1000`, which Node
// itself refuses) is told to write its value after `=`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { createScorerPool, type ScorerPool } from '../../src/parallel/createScorerPool.js';
import { workerExecArgvIssues } from '../../src/parallel/workerExecArgv.js';
import { NODE_FLAGS_RUNNING_CODE, NODE_FLAGS_WITH_VALUE } from '../../src/parallel/nodeFlagsWithValue.js';
import { NODE_FLAGS_REPLACING_RUN } from '../../src/parallel/nodeFlagsReplacingRun.js';
import { NODE_FLAGS_READING_FLAGS } from '../../src/parallel/nodeFlagsReadingFlags.js';
import { simulateBook } from '../../src/simulate/simulateBook.js';

describe('workerExecArgvIssues', () => {
  it.each([
    [['--import', 'tsx']],
    [['--import=tsx']],
    [['--require', './setup.cjs', '--max-semi-space-size=16']],
    [['-r', './setup.cjs']],
    [['--loader', 'tsx', '--conditions', 'development', '-C', 'worker']],
    [['--experimental-loader', 'tsx']],
    [['--title', 'x', '--input-type', 'module', '--disable-warning', 'ExperimentalWarning']],
    [['--inspect-port', '9230', '--unhandled-rejections', 'strict']],
    [['--stack-size=1000']],
    [[]],
  ])('%j is taken', (argv) => {
    expect(workerExecArgvIssues(argv)).toEqual([]);
  });

  it.each([
    [['oops'], /index 0.*not a Node flag/],
    [['--inspect', 'x'], /index 1.*not a Node flag/],
    [['--import'], /--import.*needs its value/],
    [['--import', '--max-semi-space-size=16'], /--import.*needs its value/],
    [['--import=tsx', 'tsx'], /index 1.*not a Node flag.*--import=tsx before it has its value after =/],
    [['--import', 'tsx', 'tsx'], /index 2.*not a Node flag.*the element before it is --import's value/],
    [[1], /index 0/],
    // A V8 option: Node reads no value after it ("illegal value for flag --stack-size"), so say how it is written.
    [
      ['--stack-size', '1000'],
      /index 1 is not a Node flag .* nor the value of the flag before it: --stack-size does not take the next element as its value .*write --stack-size=VALUE/,
    ],
    [['--max-old-space-size', '100'], /--max-old-space-size does not take the next element as its value/],
    [['--title'], /--title.*needs its value/],
  ])('%j is refused at workerExecArgv, saying which element and why', (argv, says) => {
    const issues = workerExecArgvIssues(argv);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['workerExecArgv'], code: 'invalid_type' });
    expect(issues[0]?.message).toMatch(says);
  });

  // A flag that runs code or a script in place of the worker's (the scorer) was taken when its value
  // was attached (`--eval=...`) or came after it as a flag, or when it stood last, where Node read the
  // worker's script path as its code: the worker ran `--eval`'s code and exited 0, and with `--print`
  // Node printed a ReferenceError for the script path. Each is refused by its name and index.
  it.each([
    [['--eval=process.exit()'], 0, '--eval'],
    [['--eval', 'process.exit()'], 0, '--eval'],
    [['--eval'], 0, '--eval'],
    [['--max-semi-space-size=16', '--print=1'], 1, '--print'],
    [['--print', '1'], 0, '--print'],
    [['--run=build'], 0, '--run'],
    [['--run', 'build'], 0, '--run'],
    [['-e', 'process.exit()'], 0, '-e'],
    [['-e'], 0, '-e'],
    [['-e', '--import=tsx'], 0, '-e'],
    [['-eprocess.exit()'], 0, '-e'],
    [['-e=process.exit()'], 0, '-e'],
    [['-p', '1'], 0, '-p'],
    [['--import', 'tsx', '-p1'], 2, '-p'],
    [['-p=1'], 0, '-p'],
    [['--experimental-sea-config=sea.json'], 0, '--experimental-sea-config'],
    [['--build-snapshot-config', 'snap.json'], 0, '--build-snapshot-config'],
  ])('%j: a flag that runs code in place of the worker is refused by name and index', (argv, index, flag) => {
    const issues = workerExecArgvIssues(argv);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['workerExecArgv'], code: 'invalid_type' });
    expect(issues[0]?.message).toBe(
      `workerExecArgv at index ${index}: ${flag} runs code or a script in place of the worker's own (the scorer), so no pool worker can take it`,
    );
  });

  // A flag that stops or replaces the worker's run was taken: forked with it on node 20, `--check`/`-c`,
  // `--help`/`-h`, `--version`/`-v`, `--v8-options` and `--completion-bash` exited 0 without running the
  // worker's script; `--prof-process` read a V8 log in its place; `--test` ran the script as a test file,
  // in a child of its own without the pool's IPC channel; `--watch`/`--watch-path` ran it in a watched
  // child, restarted on file changes (and the watcher outlived SIGTERM); `--build-snapshot` ran it to
  // build a snapshot, writing snapshot.blob into the working directory at exit. Each is refused by its
  // name and index, `--flag=value` too (node 20 reads `--check=1`, `--help=1` as the flag alone).
  it.each([
    [['--check'], 0, '--check'],
    [['--check=1'], 0, '--check'],
    [['-c'], 0, '-c'],
    [['--import', 'tsx', '-c'], 2, '-c'],
    [['--help'], 0, '--help'],
    [['--help=1'], 0, '--help'],
    [['-h'], 0, '-h'],
    [['--version'], 0, '--version'],
    [['--max-semi-space-size=16', '-v'], 1, '-v'],
    [['--v8-options'], 0, '--v8-options'],
    [['--v8-options=1'], 0, '--v8-options'],
    [['--completion-bash'], 0, '--completion-bash'],
    [['--prof-process'], 0, '--prof-process'],
    [['--test'], 0, '--test'],
    [['--test=1'], 0, '--test'],
    [['--test-name-pattern', 'x', '--test'], 2, '--test'],
    [['--watch'], 0, '--watch'],
    [['--watch=1'], 0, '--watch'],
    [['--watch-path', '.'], 0, '--watch-path'],
    [['--watch-path=.'], 0, '--watch-path'],
    [['--build-snapshot'], 0, '--build-snapshot'],
    [['--build-snapshot=1'], 0, '--build-snapshot'],
    [['--snapshot-blob', 'snap.blob'], 0, '--snapshot-blob'],
    [['--snapshot-blob=snap.blob'], 0, '--snapshot-blob'],
    [['--import', 'tsx', '--snapshot-blob', 'snap.blob'], 2, '--snapshot-blob'],
  ])("%j: a flag that stops or replaces the worker's run is refused by name and index", (argv, index, flag) => {
    const issues = workerExecArgvIssues(argv);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['workerExecArgv'], code: 'invalid_type' });
    expect(issues[0]?.message).toMatch(new RegExp(`^workerExecArgv at index ${index}: ${flag} makes Node `));
    expect(issues[0]?.message).toMatch(/, so the worker would not run the scorer$/);
  });

  // A flag that waits for a debugger before the worker's script runs was taken: forked with
  // `--inspect-brk=0` on node 20, both workers of a pool sat at "Debugger listening" and the pool never
  // resolved (20 s watched, nothing said), and the workers outlived the process that gave up on them
  // (their orphan check is in the script that never ran). Each form is refused by name and index.
  it.each([
    [['--inspect-brk'], 0, '--inspect-brk'],
    [['--inspect-brk=9230'], 0, '--inspect-brk'],
    [['--max-semi-space-size=16', '--inspect-brk=127.0.0.1:0'], 1, '--inspect-brk'],
    [['--inspect-wait'], 0, '--inspect-wait'],
    [['--inspect-wait=0.0.0.0:9231'], 0, '--inspect-wait'],
    [['--inspect-brk-node'], 0, '--inspect-brk-node'],
    [['--inspect-brk-node=9232'], 0, '--inspect-brk-node'],
  ])('%j: a flag that waits for a debugger before the worker runs is refused by name and index', (argv, index, flag) => {
    const issues = workerExecArgvIssues(argv);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['workerExecArgv'], code: 'invalid_type' });
    expect(issues[0]?.message).toBe(
      `workerExecArgv at index ${index}: ${flag} makes Node wait for a debugger to attach before the worker script runs (the pool would wait for each worker, with nothing said), so the worker would not run the scorer`,
    );
  });

  // `--snapshot-blob FILE` (without `--build-snapshot`) passed: forked with a blob whose script set a
  // deserialize main function, the worker ran that function in place of the scorer and the pool gave
  // up after 4 starts and about 21 s with "no error reported" (findings28 F3); with a blob that set
  // none, the worker script ran on the heap another script had built.
  it('--snapshot-blob says the worker would start from another script and run its main function', () => {
    expect(workerExecArgvIssues(['--snapshot-blob', 'snap.blob'])[0]?.message).toBe(
      "workerExecArgv at index 0: --snapshot-blob makes Node start from the heap another script built into the snapshot, and run that script's main function (v8.startupSnapshot.setDeserializeMainFunction) in place of the worker script, so the worker would not run the scorer",
    );
  });

  // A flag that reads more flags from a file passed: `['--env-file=brk.env']`, the file setting
  // NODE_OPTIONS="--inspect-brk=0", held the worker at "Debugger listening"; the pool waited, saying
  // nothing, and the worker outlived its caller (findings28 F3). The flags in the file are out of this
  // check's sight, so the flag is refused by name and index, in every form and spelling.
  it.each([
    [['--env-file', '.env'], 0, '--env-file'],
    [['--env-file=.env'], 0, '--env-file'],
    [['--env-file'], 0, '--env-file'],
    [['--import', 'tsx', '--env-file', '.env'], 2, '--env-file'],
    [['--env-file-if-exists', '.env'], 0, '--env-file-if-exists'],
    [['--env-file-if-exists=.env'], 0, '--env-file-if-exists'],
    [['--experimental-config-file', 'node.config.json'], 0, '--experimental-config-file'],
  ])('%j: a flag that reads more flags for the worker from a file is refused by name and index', (argv, index, flag) => {
    const issues = workerExecArgvIssues(argv);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['workerExecArgv'], code: 'invalid_type' });
    expect(issues[0]?.message).toMatch(new RegExp(`^workerExecArgv at index ${index}: ${flag} makes Node read more flags for the worker from `));
  });

  it('--env-file says why, and where to load the file instead', () => {
    expect(workerExecArgvIssues(['--env-file=.env'])[0]?.message).toBe(
      'workerExecArgv at index 0: --env-file makes Node read more flags for the worker from the NODE_OPTIONS the file sets, which no check here sees (NODE_OPTIONS="--inspect-brk=0" in it held the worker for a debugger, saying nothing); load the file in the calling process instead (process.loadEnvFile(path)): each worker inherits its environment',
    );
  });

  it.each([[['--inspect']], [['--inspect=0']], [['--inspect=127.0.0.1:0']], [['--inspect-port', '0', '--inspect']], [['--inspect-publish-uid=http']]])(
    '%j: a debugger port that does not wait is taken',
    (argv) => {
      expect(workerExecArgvIssues(argv)).toEqual([]);
    },
  );

  it('each such flag says what Node does in place of the worker', () => {
    expect(workerExecArgvIssues(['--check'])[0]?.message).toBe(
      "workerExecArgv at index 0: --check makes Node check the worker script's syntax and exit, so the worker would not run the scorer",
    );
    expect(workerExecArgvIssues(['--watch-path=.'])[0]?.message).toMatch(/--watch-path makes Node run the worker script in a child it restarts/);
  });

  // Forked on node 20 with each of these, the worker ran its script and answered on the IPC channel: a
  // long flag that only starts as a refused one does, as do `-i` (read only without a script),
  // `--watch-preserve-output` and the `--test-*` options (read only with `--watch`, `--test`).
  it.each([
    [['--conditions', 'development', '--cpu-prof', '-C', 'worker']],
    [['--heap-prof', '--heapsnapshot-signal', 'SIGUSR2']],
    [['--v8-pool-size', '4', '--experimental-vm-modules']],
    [['--test-only', '--test-name-pattern', 'x', '--experimental-test-coverage']],
    [['--watch-preserve-output']],
    [['-i']],
    [['--interactive']],
  ])('%j: a flag that only starts as one that stops the worker, or is read only with one, is taken', (argv) => {
    expect(workerExecArgvIssues(argv)).toEqual([]);
  });

  it('a long flag that merely starts with e or p is not -e or -p, and is taken', () => {
    expect(workerExecArgvIssues(['-r', './setup.cjs', '--experimental-vm-modules', '--preserve-symlinks', '--expose-gc'])).toEqual([]);
  });

  it('a value far from any flag names the forms accepted', () => {
    expect(workerExecArgvIssues(['oops'])[0]?.message).toMatch(
      /no flag comes before it.*--flag=VALUE, or as the element after a Node option that takes one \(--import, --require, --title, /,
    );
  });

  it('anything but an array is refused', () => {
    expect(workerExecArgvIssues('--import=tsx')).toMatchObject([{ path: ['workerExecArgv'], code: 'invalid_type' }]);
  });
});

/**
 * The options `node --help` shows with a value (`--env-file=...`, `-r, --require=...`,
 * `--debug-port, --inspect-port=[host:]port`), each alias apart; an optional value (`--inspect[=...]`)
 * is not one Node takes from the next element. Also every option it shows, value or not.
 */
function nodeHelpOptions(): { withValue: Set<string>; all: Set<string> } {
  const help = execFileSync(process.execPath, ['--help'], { encoding: 'utf8' });
  const withValue = new Set<string>();
  const all = new Set<string>();
  for (const line of help.split('\n')) {
    // An option line starts two spaces in; a description's continuation further in.
    const group = /^ {2}(-[^\s,]+(?:, -[^\s,]+)*)/.exec(line)?.[1];
    if (group === undefined) continue;
    const names = group.split(', ');
    const takesValue = /=/.test(names.at(-1)!) && !/\[=/.test(names.at(-1)!);
    for (const name of names) {
      const flag = name.replace(/[=[].*$/, '');
      all.add(flag);
      if (takesValue) withValue.add(flag);
    }
  }
  return { withValue, all };
}

describe('the value-taking flags, held against the running node (node --help)', () => {
  const node = nodeHelpOptions();

  it('finds the options node --help shows (the parse reads something)', () => {
    expect(node.withValue).toContain('--import');
    expect(node.withValue).toContain('-r');
    expect(node.withValue).toContain('--inspect-port');
    expect(node.withValue.size).toBeGreaterThan(40);
    expect(node.all).toContain('--inspect');
    expect(node.withValue).not.toContain('--inspect');
  });

  it('every option this node shows with a value is listed, as taking one or as running code or stopping the worker', () => {
    const missing = [...node.withValue].filter(
      (f) => !NODE_FLAGS_WITH_VALUE.has(f) && !NODE_FLAGS_RUNNING_CODE.has(f) && !NODE_FLAGS_REPLACING_RUN.has(f) && !NODE_FLAGS_READING_FLAGS.has(f),
    );
    expect(missing, `node ${process.version}`).toEqual([]);
  });

  it('every flag listed as stopping the worker is one this node shows, or one it takes without showing (no misspelt name left it taken)', () => {
    // Node's own debugging flag for its bootstrap, which node --help does not show: node takes it (node --inspect-brk-node --version prints the version).
    const hidden = ['--inspect-brk-node'];
    const unknown = [...NODE_FLAGS_REPLACING_RUN.keys()].filter((f) => !node.all.has(f) && !hidden.includes(f));
    expect(unknown, `node ${process.version}`).toEqual([]);
    for (const flag of hidden) expect(execFileSync(process.execPath, [flag, '--version'], { encoding: 'utf8' }).trim()).toBe(process.version);
  });

  it('no listed flag is one this node shows without a value (it would swallow the next flag or the script)', () => {
    const wrong = [...NODE_FLAGS_WITH_VALUE].filter((f) => node.all.has(f) && !node.withValue.has(f));
    expect(wrong, `node ${process.version}`).toEqual([]);
  });
});

describe('a pool given a flag and its value as two elements', () => {
  // One pool for the two tests that need its workers running (a worker start is about 1 CPU-s): two
  // workers, so each takes its own debugger port, with the flag-and-value pairs before --inspect.
  describe('started', () => {
    let pool: ScorerPool;
    beforeAll(async () => {
      const mark = new URL('./fixtures/markWorkerImport.mjs', import.meta.url).href;
      // Were the warning's name not read as --disable-warning's value, Node would run it as the script.
      pool = await createScorerPool({
        workers: 2,
        workerExecArgv: ['--disable-warning', 'ExperimentalWarning', '--import', mark, '--inspect=127.0.0.1:0'],
        scorer: { suggestionsPerDecision: 0 },
      });
    });
    afterAll(() => pool?.close());

    it.runIf(process.platform === 'linux')("starts, and its workers run with them (['--disable-warning', name, '--import', module])", () => {
      expect(pool.workerPids()).toHaveLength(2);
      // The module ran in every worker (Linux keeps a process title's first 15 bytes).
      for (const pid of pool.workerPids()) expect(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toBe('creditlift-work');
    });

    it('a pool with --inspect on a free port starts every worker (each listens, none waits)', () => {
      expect(pool.workerPids()).toHaveLength(2);
    });
  });

  it('a flag that runs code in place of the worker is refused by the pool and by simulateBook, before any worker starts', async () => {
    const argv = ['--eval=process.exit()'];
    const pooled = await createScorerPool({ workers: 1, workerExecArgv: argv }).catch((e: unknown) => e);
    expect(pooled).toBeInstanceOf(ValidationError);
    expect((pooled as ValidationError).issues.map((i) => i.message)).toEqual([expect.stringMatching(/^workerExecArgv at index 0: --eval runs code/)]);
    const simulated = await Promise.resolve()
      .then(() => simulateBook({ book: [], challenger: {}, workers: 1, workerExecArgv: argv } as never))
      .catch((e: unknown) => e);
    expect(simulated).toBeInstanceOf(ValidationError);
    expect((simulated as ValidationError).issues.map((i) => i.message)).toContain(
      "workerExecArgv at index 0: --eval runs code or a script in place of the worker's own (the scorer), so no pool worker can take it",
    );
  });

  it('a flag that stops the worker is refused by the pool and by simulateBook, before any worker starts', async () => {
    const pooled = await createScorerPool({ workers: 1, workerExecArgv: ['--version'] }).catch((e: unknown) => e);
    expect(pooled).toBeInstanceOf(ValidationError);
    expect((pooled as ValidationError).issues.map((i) => i.message)).toEqual([expect.stringMatching(/^workerExecArgv at index 0: --version makes Node /)]);
    const simulated = await Promise.resolve()
      .then(() => simulateBook({ book: [], challenger: {}, workers: 1, workerExecArgv: ['--check'] } as never))
      .catch((e: unknown) => e);
    expect(simulated).toBeInstanceOf(ValidationError);
    expect((simulated as ValidationError).issues.map((i) => i.message)).toContain(
      "workerExecArgv at index 0: --check makes Node check the worker script's syntax and exit, so the worker would not run the scorer",
    );
  });

  it('--inspect-brk is refused by the pool and by simulateBook, before any worker starts', async () => {
    const pooled = await createScorerPool({ workers: 2, workerExecArgv: ['--inspect-brk=0'] }).catch((e: unknown) => e);
    expect(pooled).toBeInstanceOf(ValidationError);
    expect((pooled as ValidationError).issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^workerExecArgv at index 0: --inspect-brk makes Node wait for a debugger/),
    ]);
    const simulated = await Promise.resolve()
      .then(() => simulateBook({ book: [], challenger: {}, workers: 1, workerExecArgv: ['--inspect-wait'] } as never))
      .catch((e: unknown) => e);
    expect(simulated).toBeInstanceOf(ValidationError);
    expect((simulated as ValidationError).issues.map((i) => i.message)).toContainEqual(
      expect.stringMatching(/^workerExecArgv at index 0: --inspect-wait makes Node wait/),
    );
  });

  it('--snapshot-blob is refused by the pool and by simulateBook, before any worker starts (not after 4 starts, "no error reported")', async () => {
    const pooled = await createScorerPool({ workers: 1, workerExecArgv: ['--snapshot-blob', 'snap.blob'] }).catch((e: unknown) => e);
    expect(pooled).toBeInstanceOf(ValidationError);
    expect((pooled as ValidationError).issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^workerExecArgv at index 0: --snapshot-blob makes Node start from /),
    ]);
    const simulated = await Promise.resolve()
      .then(() => simulateBook({ book: [], challenger: {}, workers: 1, workerExecArgv: ['--snapshot-blob=snap.blob'] } as never))
      .catch((e: unknown) => e);
    expect(simulated).toBeInstanceOf(ValidationError);
    expect((simulated as ValidationError).issues.map((i) => i.message)).toContainEqual(
      expect.stringMatching(/^workerExecArgv at index 0: --snapshot-blob makes Node start from /),
    );
  });

  it('--env-file whose file sets NODE_OPTIONS="--inspect-brk=0" is refused by the pool, before any worker starts (it hung)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creditlift-envfile-'));
    try {
      const file = join(dir, 'brk.env');
      writeFileSync(file, 'NODE_OPTIONS="--inspect-brk=0"\n');
      const pooled = await createScorerPool({ workers: 1, workerExecArgv: [`--env-file=${file}`] }).catch((e: unknown) => e);
      expect(pooled).toBeInstanceOf(ValidationError);
      expect((pooled as ValidationError).issues.map((i) => i.message)).toEqual([
        expect.stringMatching(/^workerExecArgv at index 0: --env-file makes Node read more flags for the worker from the NODE_OPTIONS the file sets/),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bare value that no flag reads is still refused, by the pool and by simulateBook alike', async () => {
    const pooled = await createScorerPool({ workers: 1, workerExecArgv: ['--inspect', 'x'] }).catch((e: unknown) => e);
    expect(pooled).toBeInstanceOf(ValidationError);
    expect((pooled as ValidationError).fields).toEqual(['workerExecArgv']);
    const simulated = await Promise.resolve()
      .then(() => simulateBook({ book: [], challenger: {}, workers: 1, workerExecArgv: ['--inspect', 'x'] } as never))
      .catch((e: unknown) => e);
    expect(simulated).toBeInstanceOf(ValidationError);
    expect((simulated as ValidationError).fields).toContain('workerExecArgv');
  });
});
