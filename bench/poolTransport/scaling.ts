// `npx tsx bench/poolTransport/scaling.ts [--dist=dist,.tmp/dist-base] [--size=4096] [--rounds=5] [--chunk=N] [--workers=1,2] [--suggestions=0] [--argv='|--single-threaded-gc']`
// The pool's scaling through the default API (`pool.decideBatch`, decisions back as objects), on
// one or more built packages in the same run: every dist gets a pool per worker count, and rounds
// are interleaved (dist by dist, pool by pool) so the machine's drift falls on all of them alike.
// Per round: wall-clock rate, CPU per record of this process (all its threads: the calling thread,
// GC helpers, IPC) and of the worker processes (from /proc). Workload: the bench's seeded
// synthetic applicants, no what-if suggestions by default (as bench/cases/poolScaling.ts). --argv: `|`-separated
// sets of Node flags for the workers (`workerExecArgv`, space-separated; empty: none), each its own pools.
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cpuMicrosOf } from '../harness/processCpu.js';
import type * as Index from '../../src/index.js';
import type * as Train from '../../src/train/index.js';
import type * as Examples from '../../src/examples/index.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const dists = (arg('dist') ?? 'dist').split(',').map((d) => resolve(d));
const size = Number(arg('size') ?? 4096);
const rounds = Number(arg('rounds') ?? 5);
const chunk = arg('chunk');
const workerCounts = (arg('workers') ?? '1,2').split(',').map(Number);
const suggestions = Number(arg('suggestions') ?? 0);
const argvSets = (process.argv.find((a) => a.startsWith('--argv='))?.slice('--argv='.length) ?? '').split('|').map((s) => s.split(' ').filter((f) => f !== ''));

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const load = async <T>(dist: string, name: string) => (await import(pathToFileURL(`${dist}/${name}.js`).href)) as T;

const first = dists[0] as string;
const train = await load<typeof Train>(first, 'train');
const examples = await load<typeof Examples>(first, 'examples');
const applicants = train.generatePopulation({ size, seed: 20_261_101, asOf: examples.EXAMPLE_AS_OF }).map((r) => r.applicant);

interface Pool {
  readonly label: string;
  readonly group: string;
  readonly pool: Awaited<ReturnType<typeof Index.createScorerPool>>;
  readonly samples: { rate: number; parentUs: number; workersUs: number }[];
}
const pools: Pool[] = [];
for (const dist of dists) {
  const { createScorerPool } = await load<typeof Index>(dist, 'index');
  for (const argv of argvSets) {
    const group = `${dist.slice(process.cwd().length + 1) || dist}${argv.length === 0 ? '' : ` ${argv.join(' ')}`}`;
    for (const workers of workerCounts) {
      const pool = await createScorerPool({
        workers,
        scorer: { suggestionsPerDecision: suggestions },
        ...(chunk === undefined ? {} : { chunkSize: Number(chunk) }),
        ...(argv.length === 0 ? {} : { workerExecArgv: argv }),
      });
      pools.push({ label: `${group} x${workers}`, group, pool, samples: [] });
    }
  }
}

const round = async (p: Pool) => {
  const pids = p.pool.workerPids();
  const w0 = cpuMicrosOf(pids);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const results = await p.pool.decideBatch(applicants);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const w = cpuMicrosOf(pids) - w0;
  if (results.length !== size || results.some((r) => !r.ok)) throw new Error(`${p.label}: lost or failed records`);
  return { rate: size / (ms / 1000), parentUs: (c.user + c.system) / size, workersUs: w / size };
};

for (const p of pools) await round(p); // warm-up
for (let i = 0; i < rounds; i++) for (const p of i % 2 === 0 ? pools : [...pools].reverse()) p.samples.push(await round(p));
await Promise.all(pools.map((p) => p.pool.close()));

const out: Record<string, unknown> = { size, rounds, suggestions, chunk: chunk ?? 'default', loadAverage: loadavg().map((x) => Number(x.toFixed(1))) };
const byLabel: Record<string, { perSecond: number; parentUsPerRecord: number; workersUsPerRecord: number; rates: number[] }> = {};
for (const p of pools) {
  byLabel[p.label] = {
    perSecond: Math.round(median(p.samples.map((s) => s.rate))),
    parentUsPerRecord: Number(median(p.samples.map((s) => s.parentUs)).toFixed(1)),
    workersUsPerRecord: Number(median(p.samples.map((s) => s.workersUs)).toFixed(1)),
    rates: p.samples.map((s) => Math.round(s.rate)),
  };
}
out.pools = byLabel;
// The ratio of 2 workers to 1 per dist, round by round (same round, adjacent in time), then the median.
const ratios: Record<string, { median: number; byRound: number[]; projectedFromCpu: number }> = {};
for (const group of new Set(pools.map((p) => p.group))) {
  const [one, two] = workerCounts.map((n) => pools.find((p) => p.pool.size === n && p.group === group));
  if (one === undefined || two === undefined || workerCounts.length !== 2) continue;
  const byRound = one.samples.map((s, i) => Number(((two.samples[i]?.rate ?? Number.NaN) / s.rate).toFixed(2)));
  // On a loaded machine wall-clock rates follow the neighbours; CPU per record much less. Projected
  // for two idle cores: one worker runs at its own pace beside the caller, two share both cores
  // with the caller (and every process's GC threads, all counted).
  const cpu = (p: Pool, k: 'parentUs' | 'workersUs') => median(p.samples.map((x) => x[k]));
  const projected = (2 * Math.max(cpu(one, 'parentUs'), cpu(one, 'workersUs'))) / (cpu(two, 'parentUs') + cpu(two, 'workersUs'));
  ratios[group] = { median: median(byRound), byRound, projectedFromCpu: Number(projected.toFixed(2)) };
}
out.ratio2vs1 = ratios;
console.log(JSON.stringify(out, null, 1));
