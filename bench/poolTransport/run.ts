// `npx tsx bench/poolTransport/run.ts [--src=DIR] [--size=8192] [--rounds=3] [--suggestions=3] [--chunk=256]`
// What the pool's transport costs, and 1 worker against 2 on the default API (`pool.decideBatch`).
//
// Part 1 times, in this process, each step a chunk's data takes through the pool: the applicants
// out (V8 structured serialisation as Node's `advanced` IPC does it, or JSON text) and the results
// back, so the parent's share of the work per record is visible.
// Part 2 runs a 1-worker and a 2-worker pool in the same run, rounds interleaved, and reports the
// median rate, the ratio, and CPU per record in this process and in the workers (from /proc).
// --src points at another checkout's src/ (e.g. a copy of the code before a change), so both
// transports run the same workload on the same machine.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { exampleApplicants } from '../../src/examples/exampleApplicants.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const src = resolve(arg('src') ?? new URL('../../src', import.meta.url).pathname);
const size = Number(arg('size') ?? 8192);
const rounds = Number(arg('rounds') ?? 3);
const suggestions = arg('suggestions');
const chunk = Number(arg('chunk') ?? 256);
const only = arg('only');
const scorerOptions = suggestions === undefined ? {} : { suggestionsPerDecision: Number(suggestions) };

type Pool = {
  decideBatch(a: readonly unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
  workerPids(): readonly number[];
};
const { createScorerPool } = (await import(pathToFileURL(`${src}/parallel/createScorerPool.ts`).href)) as {
  createScorerPool(o: object): Promise<Pool>;
};
const { createScorer } = (await import(pathToFileURL(`${src}/decision/createScorer.ts`).href)) as {
  createScorer(o: object): Promise<{ safeDecideBatch(a: readonly unknown[]): Promise<unknown[]>; close(): Promise<void> }>;
};

const examples = exampleApplicants.map((e) => e.applicant);
// Distinct objects, as records read from a file are: V8's serialiser would send a repeated object once.
const applicants = Array.from({ length: size }, (_, i) => structuredClone(examples[i % examples.length]));
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ticks = 100; // USER_HZ on Linux
const cpuMsOf = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / ticks) * 1000;
};
const timeUs = (f: () => unknown, n = 5): number => {
  f();
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    ts.push((performance.now() - t) * 1000);
  }
  return median(ts);
};

const out: Record<string, unknown> = { src, size, chunk, rounds, scorerOptions };

if (only !== 'pool') {
  // Part 1: the data of one chunk, each way.
  const scorer = await createScorer(scorerOptions);
  const batch = applicants.slice(0, chunk);
  const results = await scorer.safeDecideBatch(batch);
  await scorer.close();
  const inV8 = serialize(batch);
  const outV8 = serialize(results);
  const inJson = JSON.stringify(batch);
  const outJson = JSON.stringify(results);
  const outBuf = Buffer.from(outJson);
  const per = (us: number) => Number((us / chunk).toFixed(1));
  out.bytesPerRecord = {
    inV8: Math.round(inV8.length / chunk),
    inJson: Math.round(Buffer.byteLength(inJson) / chunk),
    outV8: Math.round(outV8.length / chunk),
    outJson: Math.round(outBuf.length / chunk),
  };
  out.usPerRecord = {
    inV8Serialize: per(timeUs(() => serialize(batch))),
    inV8Deserialize: per(timeUs(() => deserialize(inV8))),
    inJsonStringify: per(timeUs(() => Buffer.from(JSON.stringify(batch)))),
    inJsonParse: per(timeUs(() => JSON.parse(inJson))),
    outV8Serialize: per(timeUs(() => serialize(results))),
    outV8Deserialize: per(timeUs(() => deserialize(outV8))),
    outJsonStringify: per(timeUs(() => Buffer.from(JSON.stringify(results)))),
    outJsonParse: per(timeUs(() => JSON.parse(outBuf.toString('utf8')))),
  };
}

if (only !== 'micro') {
  // Part 2: 1 worker against 2, same run, interleaved.
  const pools = {
    one: await createScorerPool({ workers: 1, chunkSize: chunk, scorer: scorerOptions }),
    two: await createScorerPool({ workers: 2, chunkSize: chunk, scorer: scorerOptions }),
  };
  const figures = { one: [] as { rate: number; parentUs: number; workersUs: number }[], two: [] as { rate: number; parentUs: number; workersUs: number }[] };
  const round = async (name: 'one' | 'two') => {
    const pool = pools[name];
    const pids = pool.workerPids();
    const w0 = pids.reduce((s, p) => s + cpuMsOf(p), 0);
    const c0 = process.cpuUsage();
    const t = performance.now();
    const res = await pool.decideBatch(applicants);
    const ms = performance.now() - t;
    const c = process.cpuUsage(c0);
    const w = pids.reduce((s, p) => s + cpuMsOf(p), 0) - w0;
    if (res.length !== size) throw new Error('lost records');
    return { rate: size / (ms / 1000), parentUs: (c.user + c.system) / size, workersUs: (w * 1000) / size };
  };
  await round('one');
  await round('two');
  for (let i = 0; i < rounds; i++) {
    figures.one.push(await round('one'));
    figures.two.push(await round('two'));
  }
  await Promise.all([pools.one.close(), pools.two.close()]);
  const summary = (xs: typeof figures.one) => {
    const parentUs = median(xs.map((x) => x.parentUs));
    const workersUs = median(xs.map((x) => x.workersUs));
    return {
      perSecond: Math.round(median(xs.map((x) => x.rate))),
      parentCpuUsPerRecord: Number(parentUs.toFixed(1)),
      workersCpuUsPerRecord: Number(workersUs.toFixed(1)),
      perCpuSecond: Math.round(1e6 / (parentUs + workersUs)),
      rates: xs.map((x) => Math.round(x.rate)),
    };
  };
  const one = summary(figures.one);
  const two = summary(figures.two);
  out.oneWorker = one;
  out.twoWorkers = two;
  out.ratio2vs1 = Number((two.perSecond / one.perSecond).toFixed(2));
  out.ratioTarget = '>= 1.6';
}
console.log(JSON.stringify(out, null, 1));
