// Child process of test/deep/outputLockExitRace.test.ts: takes the locks of OUT and ERRORS as `score` does
// and ends the process with process.exit(130), as a second Ctrl-C does, right after its STEP-th
// asynchronous file-system call completes (once the code awaiting it has run to its next await):
// so every point between two file-system steps is an exit point of some STEP. Prints "done" when
// the locks were all taken first (then exits 0, still holding them: the exit hook removes them).
import { createRequire, syncBuiltinESMExports } from 'node:module';

const [out, errors, stepText] = process.argv.slice(2);
if (out === undefined || errors === undefined || stepText === undefined) throw new Error('usage: exitAtStep OUT ERRORS STEP');
const step = Number(stepText);

// Every promise-returning call of node:fs/promises, counted as it settles; the ES module bindings
// of node:fs/promises follow (syncBuiltinESMExports), so the code under test calls these.
const fsPromises = createRequire(import.meta.url)('node:fs/promises') as Record<string, unknown>;
let settled = 0;
for (const [name, f] of Object.entries(fsPromises)) {
  if (typeof f !== 'function' || name === 'constants') continue;
  fsPromises[name] = (...args: unknown[]) => {
    const p = (f as (...a: unknown[]) => Promise<unknown>)(...args);
    const count = () => {
      if (++settled === step) setImmediate(() => process.exit(130));
    };
    p.then(count, count);
    return p;
  };
}
syncBuiltinESMExports();

const { lockOutputs } = await import('../../../src/cli/score/outputLock.js');
lockOutputs([out, errors]).then(
  () => {
    process.stdout.write(`done after ${settled} steps\n`);
    process.exit(0);
  },
  (e: unknown) => {
    process.stderr.write(`lockOutputs failed: ${String(e)}\n`);
    process.exit(1);
  },
);
