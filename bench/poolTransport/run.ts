// `npx tsx bench/poolTransport/run.ts [--src=DIR] [--size=8192] [--rounds=3] [--suggestions=3] [--chunk=256]`
// What the pool's transport costs, and 1 worker against 2 on the default API (`pool.decideBatch`).
//
// Part 1 times, in this process (CPU time), each step a chunk's data takes through the pool: the
// applicants out and the results back, as V8 structured serialisation (what Node's `advanced` IPC
// does; the results' transport until they were packed by shape, see parentGc.ts and scaling.ts) and
// as one JSON text per chunk (the alternative), so each side's share of the work per record is visible.
// Part 2 runs a 1-worker and a 2-worker pool in the same run, rounds interleaved, and reports the
// median rate, the ratio, and CPU per record in this process and in the workers (from /proc).
// --src points at another checkout's src/ (e.g. a copy of the code before a change), so both
// transports run the same workload on the same machine.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
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
// CPU time of this thread's process, not wall time: the machine is shared, and preemption is not cost.
const timeUs = (f: () => unknown, n = 9): number => {
  f();
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.cpuUsage();
    f();
    const c = process.cpuUsage(t);
    ts.push(c.user + c.system);
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
  // The shipped transport (V8 structured serialisation of the message, as Node's `advanced` IPC
  // does it) against the alternative of issue 20 item 5: one JSON text per chunk, which the same
  // IPC copies as a flat string. Each side's CPU per record.
  const inJson = JSON.stringify(batch);
  const outJson = JSON.stringify(results);
  const inV8 = serialize({ applicants: batch });
  const inText = serialize({ json: inJson });
  const outV8 = serialize({ results });
  const outText = serialize({ json: outJson });
  const outUtf8 = serialize({ bytes: Buffer.from(outJson) });
  const per = (us: number) => Number((us / chunk).toFixed(1));
  out.bytesPerRecord = {
    applicantsV8: Math.round(inV8.length / chunk),
    applicantsJsonText: Math.round(inText.length / chunk),
    resultsV8: Math.round(outV8.length / chunk),
    resultsJsonText: Math.round(outText.length / chunk),
    resultsJsonUtf8: Math.round(outUtf8.length / chunk),
  };
  out.cpuUsPerRecord = {
    parentSendV8: per(timeUs(() => serialize({ applicants: batch }))),
    parentSendJson: per(timeUs(() => serialize({ json: JSON.stringify(batch) }))),
    workerReadV8: per(timeUs(() => deserialize(inV8))),
    workerReadJson: per(timeUs(() => JSON.parse((deserialize(inText) as { json: string }).json))),
    workerSendV8: per(timeUs(() => serialize({ results }))),
    workerSendJson: per(timeUs(() => serialize({ json: JSON.stringify(results) }))),
    parentReadV8: per(timeUs(() => deserialize(outV8))),
    parentReadJson: per(timeUs(() => JSON.parse((deserialize(outText) as { json: string }).json))),
  };
  // The parent keeps every result until the call resolves, so its young generation copies them:
  // read 32 chunks in a row, keeping all, GC included (process CPU, all threads).
  const retained = (read: () => unknown[]) => {
    const rs: number[] = [];
    for (let round = 0; round < 3; round++) {
      const kept: unknown[] = [];
      const t = process.cpuUsage();
      for (let i = 0; i < 32; i++) for (const r of read()) kept.push(r);
      const c = process.cpuUsage(t);
      rs.push((c.user + c.system) / kept.length);
    }
    return Number(median(rs).toFixed(1));
  };
  out.parentReadRetainedCpuUsPerRecord = {
    v8: retained(() => (deserialize(Buffer.from(outV8)) as { results: unknown[] }).results),
    jsonText: retained(() => JSON.parse((deserialize(Buffer.from(outText)) as { json: string }).json)),
    jsonUtf8: retained(() => JSON.parse(Buffer.from((deserialize(Buffer.from(outUtf8)) as { bytes: Uint8Array }).bytes).toString('utf8'))),
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
    // A caller reads its decisions; with plain objects that costs nothing more, but it keeps the comparison honest.
    let granted = 0;
    for (const r of res as { ok: boolean; decision?: { limit: number } }[]) if (r.ok && r.decision !== undefined) granted += r.decision.limit;
    if (!Number.isFinite(granted)) throw new Error('bad limit');
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
  // On a shared machine wall-clock rates swing with the neighbours' load; CPU per record does not
  // as much. Projected for two idle cores: one worker is bound by its own CPU per record, two by
  // the CPU of all three processes spread over both cores.
  const busiestOne = Math.max(one.parentCpuUsPerRecord, one.workersCpuUsPerRecord);
  out.ratio2vs1ProjectedFromCpu = Number((2 / (two.parentCpuUsPerRecord + two.workersCpuUsPerRecord) / (1 / busiestOne)).toFixed(2));
  out.loadAverage = loadavg().map((x) => Number(x.toFixed(1)));
  out.ratioTarget = '>= 1.6';
}
console.log(JSON.stringify(out, null, 1));
