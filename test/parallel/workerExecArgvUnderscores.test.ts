// Node reads `_` and `-` alike in a long flag's name (after the leading `--`, before any `=`), but
// workerExecArgv's check matched only the dashed spelling: `--prof_process`, `--v8_options`,
// `--completion_bash`, `--build_snapshot`, `--watch_path=.`, `--inspect_brk=0`,
// `--experimental_sea_config=F`, `--build_snapshot_config=F` all passed, and the workers obeyed them
// (printed and exited 0, built a snapshot, waited for a debugger...): the pool gave up after 4 starts
// with "no error reported" (findings27 F1). And `['--env_file', '.env']` was refused, `.env` read as a
// stray script. A flag is now looked up by the name Node reads, and named as it was written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import { NODE_FLAGS_DENYING_SCORER } from '../../src/parallel/nodeFlagsDenyingScorer.js';
import { NODE_FLAGS_READING_FLAGS } from '../../src/parallel/nodeFlagsReadingFlags.js';
import { NODE_FLAGS_REPLACING_RUN } from '../../src/parallel/nodeFlagsReplacingRun.js';
import { NODE_FLAGS_RUNNING_CODE, NODE_FLAGS_WITH_VALUE } from '../../src/parallel/nodeFlagsWithValue.js';
import { workerExecArgvIssues } from '../../src/parallel/workerExecArgv.js';
import { simulateBook } from '../../src/simulate/simulateBook.js';

/** `flag` with every `-` of its name after the leading `--` written `_`. */
const underscored = (flag: string): string => `--${flag.slice(2).replaceAll('-', '_')}`;
/** The long flags of a table with a dash in their name after `--`: those with another spelling. */
const respellable = (flags: Iterable<string>): string[] => [...flags].filter((f) => f.startsWith('--') && f.slice(2).includes('-'));

const refused = [
  ...respellable(NODE_FLAGS_RUNNING_CODE),
  ...respellable(NODE_FLAGS_REPLACING_RUN.keys()),
  ...respellable(NODE_FLAGS_READING_FLAGS.keys()),
  ...respellable(NODE_FLAGS_DENYING_SCORER),
];
// The value-taking flags a worker may be given: `--env-file` and `--snapshot-blob` take a value too, but are refused.
const takenWithValue = respellable(NODE_FLAGS_WITH_VALUE).filter((f) => !refused.includes(f));

describe('workerExecArgv: a flag in its underscore spelling is read as Node reads it', () => {
  it('the tables hold respellable flags (the tests below test something)', () => {
    expect(refused).toEqual(
      expect.arrayContaining([
        '--prof-process',
        '--v8-options',
        '--watch-path',
        '--inspect-brk',
        '--experimental-sea-config',
        '--build-snapshot-config',
        '--snapshot-blob',
        '--env-file',
      ]),
    );
    expect(takenWithValue.length).toBeGreaterThan(40);
  });

  it.each(
    refused.flatMap((flag) => [
      [[underscored(flag)], flag],
      [[`${underscored(flag)}=x.json`], flag],
      [['--import', 'tsx', underscored(flag)], flag],
    ]),
  )('%j is refused as %s is, naming the flag as written', (argv, dashed) => {
    const written = underscored(dashed);
    const index = argv.length - 1;
    const issues = workerExecArgvIssues(argv);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: ['workerExecArgv'], code: 'invalid_type' });
    const asDashed = workerExecArgvIssues([...argv.slice(0, index), argv[index]!.replace(written, dashed)]);
    expect(asDashed).toHaveLength(1);
    expect(issues[0]?.message).toBe(asDashed[0]?.message.replace(dashed, written));
    expect(issues[0]?.message).toMatch(new RegExp(`^workerExecArgv at index ${index}: ${written} (runs code|makes Node )`));
  });

  it('the flags of findings27 F1, each refused by its written name', () => {
    for (const [flag, says] of [
      ['--prof_process', 'makes Node process a V8 profiler log'],
      ['--v8_options', "makes Node print V8's options"],
      ['--completion_bash', 'makes Node print a bash completion script'],
      ['--build_snapshot', 'makes Node run the worker script to build a snapshot'],
      ['--watch_path=.', 'makes Node run the worker script in a child it restarts'],
      ['--inspect_brk=0', 'makes Node wait for a debugger'],
      ['--inspect-brk_node', 'makes Node wait for a debugger'],
      ['--experimental_sea_config=x.json', 'runs code or a script in place'],
      ['--build_snapshot-config=x.json', 'runs code or a script in place'],
      ['--snapshot_blob=x.blob', 'makes Node start from the heap another script built'],
      ['--env_file=.env', 'makes Node read more flags for the worker from'],
    ] as const) {
      const name = flag.split('=', 1)[0]!;
      expect(workerExecArgvIssues([flag]).map((i) => i.message)).toEqual([expect.stringContaining(`workerExecArgv at index 0: ${name} ${says}`)]);
    }
  });

  it.each(takenWithValue.map((flag) => [underscored(flag)]))('[%s, value] takes the next element as its value', (flag) => {
    expect(workerExecArgvIssues([flag, 'value'])).toEqual([]);
    expect(workerExecArgvIssues([flag]).map((i) => i.message)).toEqual([
      `workerExecArgv: ${flag} at index 0 needs its value, as the next element or as ${flag}=value`,
    ]);
  });

  it("['--watch_path', '.'] is refused as --watch_path, not told --watch_path takes no value", () => {
    expect(workerExecArgvIssues(['--watch_path', '.']).map((i) => i.message)).toEqual([
      expect.stringMatching(/^workerExecArgv at index 0: --watch_path makes Node /),
    ]);
  });

  it('only the name is read so: a value with underscores is its own, and a name with `_` right after `--` is no flag of the tables', () => {
    expect(workerExecArgvIssues(['--title=prof_process', '--require', 'my_setup.cjs'])).toEqual([]);
    expect(workerExecArgvIssues(['--_check'])).toEqual([]);
    // Not a value-taking flag once `=` has given its value, in any spelling.
    expect(workerExecArgvIssues(['--disable_warning=X', 'x']).map((i) => i.message)).toEqual([
      expect.stringMatching(/index 1 .*--disable_warning=X before it has its value after =/),
    ]);
  });

  // Law: any mix of `_` and `-` between a listed flag's words is checked as its dashed spelling is,
  // with the flag named as written; for every form (alone, `=VALUE`, before a value).
  it('law: every spelling of every listed flag is checked as the dashed one', () => {
    const all = [...refused, ...takenWithValue];
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.constantFrom('alone', 'attached', 'next'),
        (dashed, unders, form) => {
          let k = 0;
          const written = `--${dashed.slice(2).replace(/-/g, () => (unders[k++ % unders.length] ? '_' : '-'))}`;
          const argv = (flag: string) => (form === 'alone' ? [flag] : form === 'attached' ? [`${flag}=v`] : [flag, 'v']);
          const expected = workerExecArgvIssues(argv(dashed)).map((i) => i.message.replaceAll(dashed, written));
          expect(workerExecArgvIssues(argv(written)).map((i) => i.message)).toEqual(expected);
        },
      ),
      { seed: 20270127, numRuns: 300 },
    );
  });
});

describe('a pool and simulateBook given a flag in its underscore spelling', () => {
  it('--prof_process and --watch_path=. are refused before any worker starts', async () => {
    const pooled = await createScorerPool({ workers: 1, workerExecArgv: ['--prof_process'] }).catch((e: unknown) => e);
    expect(pooled).toBeInstanceOf(ValidationError);
    expect((pooled as ValidationError).issues.map((i) => i.message)).toEqual([expect.stringMatching(/^workerExecArgv at index 0: --prof_process makes Node /)]);
    const simulated = await Promise.resolve()
      .then(() => simulateBook({ book: [], challenger: {}, workers: 1, workerExecArgv: ['--watch_path=.'] } as never))
      .catch((e: unknown) => e);
    expect(simulated).toBeInstanceOf(ValidationError);
    expect((simulated as ValidationError).issues.map((i) => i.message)).toContainEqual(
      expect.stringMatching(/^workerExecArgv at index 0: --watch_path makes Node /),
    );
  });
});
