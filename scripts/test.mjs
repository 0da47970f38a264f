// `npm test`: the type checks (scripts/typecheck.mjs) and the whole vitest suite, side by side.
// Why together rather than `typecheck && vitest`: the larger type check is one single-threaded
// process for most of its 28 s on a fresh clone, and vitest's two forks leave a core idle while
// they load each file; run at once they fill each other's gaps (on the 2-core machine the two in
// sequence took 228 s, side by side see bench/RESULTS.md "npm test"). Vitest's output streams as
// it runs; the type checks' output is printed whole once both end, and the command fails when
// either does. Arguments go to vitest (`npm test -- test/foo.test.ts`).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const vitestBin = require.resolve('vitest/vitest.mjs');
const typecheckScript = fileURLToPath(new URL('./typecheck.mjs', import.meta.url));

function run(args, stdio) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio });
    const out = [];
    child.stdout?.on('data', (b) => out.push(b));
    child.stderr?.on('data', (b) => out.push(b));
    child.on('error', (error) => resolve({ code: 1, signal: null, text: `${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, text: Buffer.concat(out).toString('utf8') }));
  });
}

const [types, tests] = await Promise.all([run([typecheckScript], ['ignore', 'pipe', 'pipe']), run([vitestBin, 'run', ...process.argv.slice(2)], 'inherit')]);
if (types.text.length > 0) process.stdout.write(types.text);
const failed = [];
if (types.code !== 0) failed.push(`the type check (${types.signal ?? `exit ${types.code}`}): see above`);
if (tests.code !== 0) failed.push(`vitest (${tests.signal ?? `exit ${tests.code}`})`);
process.stdout.write(failed.length === 0 ? 'npm test: type check and tests passed\n' : `npm test failed: ${failed.join('; ')}\n`);
process.exitCode = failed.length === 0 ? 0 : 1;
