// NODE_OPTIONS reached every pool worker unchecked (workers are child processes, which read it again
// as they start): `NODE_OPTIONS=--inspect-brk node app.js` creating a pool hung forever, each worker
// at "Debugger listening", and a NODE_OPTIONS set at run time with a flag node refuses made every
// worker exit 9 ("no error reported"). Now the flags that hold or replace a worker's run are taken
// out of the workers' copy, with a process warning naming each, the rest kept as written; and a
// NODE_OPTIONS node refuses is a ValidationError at NODE_OPTIONS naming the flag.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/validationError.js';
import { createScorerPool } from '../../src/parallel/createScorerPool.js';
import { nodeOptionsArgs, workerNodeOptions } from '../../src/parallel/workerNodeOptions.js';

describe('workerNodeOptions: the NODE_OPTIONS a pool gives its workers', () => {
  it.each([
    ['--inspect-brk', undefined, ['--inspect-brk']],
    ['--inspect-brk=0 --max-old-space-size=512', '--max-old-space-size=512', ['--inspect-brk=0']],
    ['--import tsx --inspect-wait=127.0.0.1:9230 --require "./my setup.cjs"', '--import tsx --require "./my setup.cjs"', ['--inspect-wait=127.0.0.1:9230']],
    // Read as node reads it: `_` for `-`, and a stripped flag's path goes with it.
    ['--inspect_brk --watch-path ./src --title x', '--title x', ['--inspect_brk', '--watch-path ./src']],
    ['--watch --max-semi-space-size=2', '--max-semi-space-size=2', ['--watch']],
  ])('%j: the workers get %j; taken out: %j', (given, value, stripped) => {
    const got = workerNodeOptions(given);
    expect(got.value).toBe(value);
    expect(got.stripped.map((s) => s.flag)).toEqual(stripped);
    for (const s of got.stripped) expect(s.instead).toMatch(/debugger|restarts on file changes/);
  });

  it.each([[undefined], [''], ['--max-old-space-size=512 --import tsx'], ['--inspect=0'], ['--require "a b.cjs"']])('%j is kept as it is', (given) => {
    expect(workerNodeOptions(given)).toEqual({ value: given, stripped: [] });
  });

  it('splits as node does: spaces outside quotes, quotes dropped, \\ escaping within them', () => {
    expect(nodeOptionsArgs('  --require "./a b.cjs"  --title "say \\"hi\\"" ""').map((a) => a.arg)).toEqual(['--require', './a b.cjs', '--title', 'say "hi"']);
  });

  it('law: every flag kept comes back in order, as written, and no flag holding the run is left', () => {
    const kept = fc.constantFrom('--max-old-space-size=512', '--import tsx', '--require "./a b.cjs"', '--inspect=0', '--title "x y"', '--trace-warnings');
    const held = fc.constantFrom('--inspect-brk', '--inspect-brk=0', '--inspect_wait', '--watch', '--watch-path ./src', '--inspect-brk-node');
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            kept.map((k) => ({ k })),
            held.map((h) => ({ h })),
          ),
          { maxLength: 8 },
        ),
        (parts) => {
          const got = workerNodeOptions(parts.map((p) => ('k' in p ? p.k : p.h)).join(' '));
          const keptParts = parts.flatMap((p) => ('k' in p ? [p.k] : []));
          expect(got.value ?? '').toBe(parts.some((p) => 'h' in p) ? keptParts.join(' ') : parts.map((p) => ('k' in p ? p.k : p.h)).join(' '));
          expect(got.stripped.map((s) => s.flag)).toEqual(parts.flatMap((p) => ('h' in p ? [p.h] : [])));
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Runs `body` with NODE_OPTIONS set to `value` in this process, restoring it after. */
async function withNodeOptions<T>(value: string, body: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = value;
  try {
    return await body();
  } finally {
    if (before === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = before;
  }
}

describe('a pool under NODE_OPTIONS', () => {
  it('--inspect-brk: the workers start without it (they waited for a debugger forever), and a warning names it', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      // The deadline makes a worker held for a debugger fail the test, not hang it. The warning is
      // said once per process for each value, and test files share a fork: a value no other file
      // uses (test/cli/scoreWorkersNodeOptions.test.ts sets `--inspect-brk=0`; run before this one
      // in the same fork, it took the warning and this test saw none).
      const pool = await withNodeOptions('--inspect-brk=127.0.0.1:0 --max-semi-space-size=2', () => createScorerPool({ workers: 1, startTimeoutMs: 30_000 }));
      try {
        const [result] = await pool.safeDecideBatch([null]);
        expect(result).toMatchObject({ ok: false, index: 0 });
      } finally {
        await pool.close();
      }
      await new Promise((r) => setImmediate(r));
      const said = warnings.filter((w) => (w as NodeJS.ErrnoException).code === 'CREDITLIFT_POOL_NODE_OPTIONS');
      expect(said).toHaveLength(1);
      expect(said[0]?.message).toMatch(
        /start without --inspect-brk=127\.0\.0\.1:0 of NODE_OPTIONS, which stays this process's own \(--inspect-brk=127\.0\.0\.1:0 would make Node wait for a debugger.*\)\. The rest of NODE_OPTIONS reaches them$/,
      );
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('a flag node refuses (set at run time) is a ValidationError at NODE_OPTIONS naming it, before any worker starts', async () => {
    const failed = await withNodeOptions('--max-semi-space-size=2 --no-such-node-flag', () =>
      createScorerPool({ workers: 1, workerExecArgv: ['--max-semi-space-size=4'] }),
    ).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ValidationError);
    expect((failed as ValidationError).issues).toEqual([
      expect.objectContaining({
        path: ['NODE_OPTIONS'],
        message: expect.stringMatching(
          /^NODE_OPTIONS \(in the environment, which every worker inherits\): this node \(v[\d.]+\) does not take --no-such-node-flag \(node: --no-such-node-flag is not allowed in NODE_OPTIONS\)/,
        ),
      }),
    ]);
  });
});
