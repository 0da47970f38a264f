// The type checks `npm test` runs first: the repository (tsconfig.json) and the testing kit against
// fast-check 3 (tsconfig.fast-check-v3.json). Why one script instead of `tsc && tsc`: the two are
// independent and single-threaded, and run side by side they take the time of the longer (about 12 s
// of a 3-minute budget saved on the 2-core machine). Each one's output is printed whole, in order,
// once it ends; the script fails when either does.
//
// Incremental: each check keeps what it learnt in node_modules/.cache/creditlift (gone with
// `npm ci`, never committed), so a run after a small change rechecks only what it touches (about
// 4 s against 24 s on the 2-core machine); a first run, as CI's on a fresh clone, checks everything.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const projects = ['tsconfig.json', 'tsconfig.fast-check-v3.json'];
const cache = join(process.cwd(), 'node_modules', '.cache', 'creditlift');
mkdirSync(cache, { recursive: true });

const runs = projects.map(
  (project) =>
    new Promise((resolve) => {
      const buildInfo = join(cache, `${project.replace(/\.json$/, '')}.tsbuildinfo`);
      const child = spawn(process.execPath, [tsc, '-p', project, '--incremental', '--tsBuildInfoFile', buildInfo], { stdio: ['ignore', 'pipe', 'pipe'] });
      const out = [];
      child.stdout.on('data', (b) => out.push(b));
      child.stderr.on('data', (b) => out.push(b));
      child.on('error', (error) => resolve({ project, code: 1, text: `${error.message}\n` }));
      child.on('close', (code, signal) => resolve({ project, code: code ?? 1, signal, text: Buffer.concat(out).toString('utf8') }));
    }),
);

let failed = false;
for (const { project, code, signal, text } of await Promise.all(runs)) {
  if (text.length > 0) process.stdout.write(text);
  if (code !== 0) {
    failed = true;
    process.stderr.write(`tsc -p ${project} failed (${signal ?? `exit ${code}`})\n`);
  }
}
process.exitCode = failed ? 1 : 0;
