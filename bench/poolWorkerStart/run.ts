// `npx tsx bench/poolWorkerStart/run.ts [--src=DIR] [--starts=12] [--profile]`
// What one pool worker's start costs, from fork to ready, with the default model: `starts` pools of
// one worker are created and closed one after the other (nothing else running in them), each
// timed by wall clock (createScorerPool, which with no flags is reading the model, forking and
// waiting for the worker's `ready`) and by the worker's own CPU at that moment (utime + stime from
// /proc, 10 ms ticks). The worker runs the one-file bundle of `src`'s worker (as the tests'
// workers do, see test/setup/sourceWorkerBundle.ts), built here first. Medians and quartiles.
// --profile: one more worker started with --cpu-prof, and the CPU under each model proof (the
// functions below, inclusive) out of the worker's whole profile.
// --src points at another checkout's src/ (e.g. the code before a change), to compare the two.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleWorker } from '../../test/setup/sourceWorkerBundle.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const src = resolve(arg('src') ?? fileURLToPath(new URL('../../src', import.meta.url)));
const starts = Number(arg('starts') ?? 12);
const scratch = fileURLToPath(new URL('../../.tmp/', import.meta.url));
mkdirSync(scratch, { recursive: true });
const outDir = mkdtempSync(join(scratch, 'worker-start-'));

process.env.CREDITLIFT_SOURCE_WORKER_BUNDLE = await bundleWorker(outDir, src);
const { createScorerPool } = (await import(
  pathToFileURL(join(src, 'parallel/createScorerPool.ts')).href
)) as typeof import('../../src/parallel/createScorerPool.js');

/** The functions that prove or compile something about the model, each counted with all it calls. */
const PROOFS = ['assertMonotone', 'buildProbeRows', 'assertTreeReading', 'chooseModelEvaluator', 'compileTreeShap', 'createScorer', 'loadModel'];

const TICK_MS = 10;
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of stat; index 11 and 12 after the command's ") ".
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const samples: { wall: number; cpu: number }[] = [];
// One start first, unmeasured: the page cache, the bundle's first read.
for (let i = 0; i <= starts; i++) {
  const t0 = performance.now();
  const pool = await createScorerPool({ workers: 1 });
  const wall = performance.now() - t0;
  const cpu = cpuMsOf(pool.workerPids()[0] as number);
  await pool.close();
  if (i > 0) samples.push({ wall, cpu });
}
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] as number;
const show = (xs: number[]) => `median ${q(xs, 0.5).toFixed(0)} ms (q1 ${q(xs, 0.25).toFixed(0)}, q3 ${q(xs, 0.75).toFixed(0)})`;
console.log(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? '?'}, load ${loadavg()[0]?.toFixed(1)}; src ${src}`);
console.log(`${starts} worker starts: wall ${show(samples.map((s) => s.wall))}; worker CPU ${show(samples.map((s) => s.cpu))}`);

if (process.argv.includes('--profile')) {
  const dir = join(outDir, 'profile');
  const pool = await createScorerPool({ workers: 1, workerExecArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  await pool.close();
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file !== undefined) {
    const shares = inclusiveMs(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, PROOFS);
    console.log(`profiled worker: ${shares.all.toFixed(0)} ms sampled (idle excluded)`);
    for (const [fn, ms] of shares.by) console.log(`  ${fn.padEnd(24)} ${ms.toFixed(0).padStart(5)} ms`);
  }
}
if (!process.argv.includes('--keep')) rmSync(outDir, { recursive: true, force: true });
else console.log(outDir);

interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: { readonly functionName: string }; readonly children?: readonly number[] }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function inclusiveMs(profile: CpuProfile, names: readonly string[]): { all: number; by: Map<string, number> } {
  const parent = new Map<number, number>();
  const name = new Map<number, string>();
  for (const n of profile.nodes) {
    name.set(n.id, n.callFrame.functionName);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const by = new Map(names.map((n) => [n, 0]));
  let all = 0;
  profile.samples.forEach((id, i) => {
    if (name.get(id) === '(idle)') return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    all += ms;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const fn = name.get(at) ?? '';
      if (by.has(fn) && !seen.has(fn)) {
        seen.add(fn);
        by.set(fn, (by.get(fn) ?? 0) + ms);
      }
    }
  });
  return { all, by };
}
