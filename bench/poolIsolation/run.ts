// `npx tsx bench/poolIsolation/run.ts [--src DIR] [--label NAME]`: what worker isolation costs.
// Times pool start, the throughput of decideBatchJson on 2 workers against one in-process scorer,
// the memory of the workers, and (processes only) how long a killed worker takes to be replaced.
// --src points at another checkout's src/ (e.g. the thread-based pool of an earlier commit), so
// both isolations run the same workload on the same machine, one after the other.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generatePopulation } from '../../src/train/synthetic/generatePopulation.js';
import { EXAMPLE_AS_OF } from '../../src/examples/exampleApplicants.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const src = resolve(arg('src') ?? new URL('../../src', import.meta.url).pathname);
const label = arg('label') ?? src;
const rounds = Number(arg('rounds') ?? 5);
const size = Number(arg('size') ?? 2048);

type Pool = { decideBatchJson(a: readonly unknown[]): Promise<unknown[]>; close(): Promise<void>; workerPids?: () => readonly number[] };
const { createScorerPool } = (await import(pathToFileURL(`${src}/parallel/createScorerPool.ts`).href)) as { createScorerPool(o: object): Promise<Pool> };
const { createScorer } = (await import(pathToFileURL(`${src}/decision/createScorer.ts`).href)) as {
  createScorer(o: object): Promise<{ decideBatch(a: readonly unknown[]): Promise<unknown[]>; close(): Promise<void> }>;
};

const applicants = generatePopulation({ size, seed: 20_261_101, asOf: EXAMPLE_AS_OF }).map((r) => r.applicant);
const options = { suggestionsPerDecision: 0 };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const rate = async (round: () => Promise<unknown>) => {
  await round();
  const rs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await round();
    rs.push(size / ((performance.now() - t) / 1000));
  }
  return median(rs);
};
const rssOf = (pids: readonly number[]) =>
  pids.map(
    (p) =>
      Number(
        execFileSync('ps', ['-o', 'rss=', '-p', String(p)])
          .toString()
          .trim(),
      ) / 1024,
  );

const scorer = await createScorer(options);
const inProcess = await rate(() => scorer.decideBatch(applicants));
await scorer.close();

const rssBefore = process.memoryUsage().rss / 2 ** 20;
let t = performance.now();
const pool = await createScorerPool({ workers: 2, scorer: options });
const startMs = performance.now() - t;
const pooled = await rate(() => pool.decideBatchJson(applicants));
const pids = pool.workerPids?.() ?? [];
const workerRss = pids.length > 0 ? rssOf(pids) : [];
const parentGrowth = process.memoryUsage().rss / 2 ** 20 - rssBefore;
let restartMs: number | undefined;
if (pids.length > 0) {
  process.kill(pids[0] as number, 'SIGKILL');
  t = performance.now();
  while ((pool.workerPids?.() ?? []).length < 2 || pool.workerPids?.()[0] === pids[0]) await new Promise((r) => setTimeout(r, 5));
  await pool.decideBatchJson(applicants.slice(0, 8));
  restartMs = performance.now() - t;
}
await pool.close();
console.log(
  JSON.stringify({
    label,
    size,
    rounds,
    inProcessPerSecond: Math.round(inProcess),
    pool2PerSecond: Math.round(pooled),
    speedup: Number((pooled / inProcess).toFixed(2)),
    startMs: Math.round(startMs),
    workerRssMiB: workerRss.map((x) => Math.round(x)),
    parentRssGrowthMiB: Math.round(parentGrowth),
    ...(restartMs === undefined ? {} : { restartMs: Math.round(restartMs) }),
  }),
);
