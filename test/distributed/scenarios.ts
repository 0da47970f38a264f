import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { runWorkerCommand } from '../../src/cli/workerCommand.js';
import { queueNameOf } from '../../src/distributed/chunkJob.js';
import { scoringFingerprint } from '../../src/distributed/scoringFingerprint.js';
import { captureIo } from '../cli/fakeDecider.js';
import { ndjsonBook } from './book.js';
import { spawnCli, type CliProcess } from './cliProcess.js';
import { freePort, startTestRedis, type TestRedis } from './redisServer.js';

/** How a run's id follows its job name in chunk ids and keys (`NAME@RUN-cK`), as a regular expression. */
export const RUN_ID = '@[0-9a-f]{12}';

/** Options every spawned command shares: no what-if (fast), small chunks, short locks. */
const SCORE_FLAGS = ['--suggestions', '0', '--batch', '20', '--redis-timeout', '20'];
const WORKER_FLAGS = ['--lock-ms', '2000', '--redis-timeout', '60'];

/** A Redis, a book, its single-process output and a set of worker processes. */
export interface Rig {
  readonly redis: TestRedis;
  readonly dir: string;
  readonly book: string;
  /** The single-process `score` output of the book (same flags): what every distributed run must equal. */
  readonly reference: string;
  readonly workers: CliProcess[];
  /** The BullMQ queue of the default configuration (the producers' and matching workers'). */
  readonly queue: string;
  startWorker(extra?: readonly string[], db?: number): CliProcess;
  producer(job: string, out: string, extra?: readonly string[], db?: number): CliProcess;
  /** A worker run in this process until `stop()` (as SIGTERM would): no process start to wait for. */
  inProcessWorker(db?: number, extra?: readonly string[]): { stop(): Promise<number>; log(): string };
  /** The same producer run in this process (no kill needed, and no process start to wait for). */
  produce(job: string, out: string, extra?: readonly string[], db?: number): Promise<{ code: number; stdout: string; stderr: string }>;
  dispose(): Promise<void>;
}

/** Starts Redis (append-only, so it can restart), writes a book of `records`, scores it in process. */
export async function createRig(records: number): Promise<Rig> {
  const redis = await startTestRedis({ appendonly: true });
  const dir = mkdtempSync(join(tmpdir(), 'creditlift-dist-'));
  const book = join(dir, 'book.ndjson');
  writeFileSync(book, ndjsonBook(records));
  const refPath = join(dir, 'reference.ndjson');
  const c = captureIo();
  const code = await runScoreCommand(['--in', book, '--out', refPath, '--suggestions', '0'], c.io);
  expect(code, c.err()).toBe(3);
  const workers: CliProcess[] = [];
  const queue = (db: number) => `redis://127.0.0.1:${redis.port}/${db}`;
  return {
    redis,
    dir,
    book,
    queue: queueNameOf(await scoringFingerprint({})),
    reference: readFileSync(refPath, 'utf8'),
    workers,
    startWorker(extra = [], db = 0) {
      const w = spawnCli(['worker', '--queue', queue(db), ...WORKER_FLAGS, ...extra]);
      workers.push(w);
      return w;
    },
    producer(job, out, extra = [], db = 0) {
      return spawnCli(['score', '--in', book, '--out', out, '--queue', queue(db), '--job', job, ...SCORE_FLAGS, ...extra]);
    },
    inProcessWorker(db = 0, extra = []) {
      const io = captureIo();
      const stop = new AbortController();
      const done = runWorkerCommand(['--queue', queue(db), ...WORKER_FLAGS, ...extra], { ...io.io, signal: stop.signal });
      return {
        stop: () => {
          stop.abort();
          return done;
        },
        log: () => io.out(),
      };
    },
    async produce(job, out, extra = [], db = 0) {
      const io = captureIo();
      const code = await runScoreCommand(['--in', book, '--out', out, '--queue', queue(db), '--job', job, ...SCORE_FLAGS, ...extra], io.io);
      return { code, stdout: io.out(), stderr: io.err() };
    },
    async dispose() {
      for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await redis.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Lines of an NDJSON output file. */
export function outputLines(path: string): string[] {
  return existsSync(path)
    ? readFileSync(path, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];
}

/** Input line numbers an output file answers, in file order. */
export function answeredLines(path: string): number[] {
  return outputLines(path).map((l) => (JSON.parse(l) as { line: number }).line);
}

/**
 * The same, of an output whose writer was just killed: a kill mid-write leaves an unfinished last
 * line (no newline; the resume cuts it), which is not an answer yet. Only for reading an output
 * between the kill and the resume: after a run, every line must be whole (answeredLines).
 */
export function answeredLinesAfterKill(path: string): number[] {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const whole = text.slice(0, text.lastIndexOf('\n') + 1);
  return whole
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { line: number }).line);
}

/** Resolves once the file holds at least `n` whole lines. */
export async function waitForLines(path: string, n: number, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (outputLines(path).length < n) {
    if (Date.now() > deadline) throw new Error(`${path} never reached ${n} lines`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The same lines as the reference, each once, whatever the order (a resumed run appends out of order). */
export function expectSameLinesOnce(path: string, reference: string): void {
  const got = outputLines(path);
  const lines = got.map((l) => (JSON.parse(l) as { line: number }).line);
  expect(new Set(lines).size, 'no line answered twice').toBe(lines.length);
  expect([...got].sort()).toEqual(
    reference
      .split('\n')
      .filter((l) => l !== '')
      .sort(),
  );
}

/** A producer with two workers: output byte for byte the single-process output. */
export async function scenarioIdentical(rig: Rig, job: string): Promise<void> {
  const out = join(rig.dir, `${job}.ndjson`);
  const p = await rig.produce(job, out, ['--json-summary']);
  expect(p.code, p.stderr).toBe(3);
  expect(readFileSync(out, 'utf8')).toBe(rig.reference);
  expect(JSON.parse(p.stdout)).toMatchObject({ rejected: 3, distributed: { job, failedChunks: [] } });
}

/** A worker killed -9 with a chunk in hand: another worker redoes it (BullMQ stalled jobs); nothing lost or doubled. */
export async function scenarioWorkerKilled(rig: Rig, job: string, victim: CliProcess): Promise<void> {
  // The other workers are frozen until the victim is killed, so it takes the chunks: otherwise they
  // may take every chunk before it gets one, and the run proves nothing about a kill. A victim that
  // finishes every chunk between two polls still gets a new run under a new name.
  const others = rig.workers.filter((w) => w !== victim && w.child.exitCode === null && w.child.signalCode === null);
  for (let attempt = 1; attempt <= 5; attempt++) {
    const name = `${job}${attempt}`;
    const out = join(rig.dir, `${name}.ndjson`);
    let finished = false;
    for (const w of others) w.child.kill('SIGSTOP');
    let othersFrozen = true;
    const thawOthers = () => {
      if (!othersFrozen) return;
      othersFrozen = false;
      for (const w of others) w.child.kill('SIGCONT');
    };
    const run = rig.produce(name, out).finally(() => {
      finished = true;
    });
    // Killed while Redis shows it holding a chunk of this run (BullMQ records the worker's name,
    // host:pid). Frozen first, then checked again, so it cannot hand the chunk in between.
    const worker = `${hostname()}:${victim.child.pid}`;
    let held: string | undefined;
    try {
      while (held === undefined && !finished) {
        const candidate = await chunkHeldBy(rig, name, worker, () => finished);
        if (candidate === undefined) break;
        victim.child.kill('SIGSTOP');
        await new Promise((r) => setTimeout(r, 50));
        if ((await chunkHeldBy(rig, name, worker, () => true)) === candidate) held = candidate;
        else victim.child.kill('SIGCONT');
      }
      if (held !== undefined) victim.child.kill('SIGKILL');
    } finally {
      thawOthers();
    }
    const p = await run;
    expect(p.code, p.stderr).toBe(3);
    expect(readFileSync(out, 'utf8')).toBe(rig.reference);
    if (held === undefined) continue;
    const redone = rig.workers.filter((w) => w !== victim).some((w) => new RegExp(`chunk ${held} .*\\(start [2-9]\\)`).test(w.stdout()));
    expect(redone, `chunk ${held}, held by the killed worker, was started again by another`).toBe(true);
    return;
  }
  throw new Error('the victim worker never held a chunk in 5 runs');
}

/** Polls Redis until `worker` holds an active chunk of run `job`; resolves with the chunk's job id, or undefined once `stop()` says so. */
async function chunkHeldBy(rig: Rig, job: string, worker: string, stop: () => boolean): Promise<string | undefined> {
  const client = new Redis({ port: rig.redis.port, host: '127.0.0.1', maxRetriesPerRequest: null });
  try {
    for (;;) {
      for (const id of await client.lrange(`bull:${rig.queue}:active`, 0, -1)) {
        if (id.startsWith(`${job}@`) && (await client.hget(`bull:${rig.queue}:${id}`, 'pb')) === worker) return id;
      }
      if (stop()) return undefined;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    client.disconnect();
  }
}

/** The producer killed -9 mid-run and rerun with --resume: finished chunks are neither enqueued again nor written twice. */
export async function scenarioProducerKilled(rig: Rig, job: string): Promise<void> {
  const out = join(rig.dir, `${job}.ndjson`);
  const first = rig.producer(job, out);
  await waitForLines(out, 45);
  first.child.kill('SIGKILL');
  await first.exited;
  const before = new Set(answeredLinesAfterKill(out));
  const logMarks = rig.workers.map((w) => w.stdout().length);
  const second = await rig.produce(job, out, ['--resume']);
  expect(second.code, second.stderr).toBe(3);
  expectSameLinesOnce(out, rig.reference);
  // Chunks of 20 records: chunk k holds records 20k..20k+19. Every chunk fully written before the
  // kill must not have been decided again after it.
  const records = answeredLines(out).sort((a, b) => a - b);
  const redoneAfter = rig.workers.flatMap((w, i) =>
    [
      ...w
        .stdout()
        .slice(logMarks[i] ?? 0)
        .matchAll(new RegExp(`chunk ${job}${RUN_ID}-c(\\d+) `, 'g')),
    ].map((m) => Number(m[1])),
  );
  for (const k of redoneAfter) {
    const chunkLines = records.slice(20 * k, 20 * k + 20);
    expect(
      chunkLines.every((l) => before.has(l)),
      `chunk ${k} was finished before the kill but decided again`,
    ).toBe(false);
  }
}

/**
 * The producer killed -9 mid-run and resumed without --queue (finding F5): the output is the
 * single-process output, and nothing of the job is left in Redis, though the workers were still
 * deciding its chunks (it left its chunks, the applicants' records and decisions, with no expiry).
 */
export async function scenarioProducerKilledResumedPlain(rig: Rig, job: string): Promise<void> {
  const out = join(rig.dir, `${job}.ndjson`);
  const first = rig.producer(job, out);
  await waitForLines(out, 45);
  first.child.kill('SIGKILL');
  await first.exited;
  const io = captureIo();
  const code = await runScoreCommand(['--in', rig.book, '--out', out, '--suggestions', '0', '--resume'], io.io);
  expect(code, io.err()).toBe(3);
  expectSameLinesOnce(out, rig.reference);
  const client = new Redis({ port: rig.redis.port, host: '127.0.0.1', maxRetriesPerRequest: null });
  try {
    // A chunk a worker held during the removal is dropped when it is done: give it the time. Its lock
    // key goes with its lease (--lock-ms 2000) at the latest, so the wait covers it too: waiting for the
    // other keys only, then requiring none at all, failed on a lock still inside its lease.
    const deadline = Date.now() + 10_000;
    while ((await client.keys(`*${job}*`)).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await client.keys(`*${job}*`), io.err()).toEqual([]);
    for (const set of ['wait', 'completed', 'failed']) {
      const ids = set === 'wait' ? await client.lrange(`bull:${rig.queue}:${set}`, 0, -1) : await client.zrange(`bull:${rig.queue}:${set}`, 0, -1);
      expect(ids.filter((id) => id.startsWith(`${job}@`))).toEqual([]);
    }
  } finally {
    client.disconnect();
  }
}

/** Redis stopped and started again mid-run: the producer and workers wait through it; output identical. */
export async function scenarioRedisRestarted(rig: Rig, job: string): Promise<void> {
  const out = join(rig.dir, `${job}.ndjson`);
  const run = rig.produce(job, out);
  await waitForLines(out, 25);
  await rig.redis.stop();
  await new Promise((r) => setTimeout(r, 300));
  await rig.redis.start();
  const p = await run;
  expect(p.code, p.stderr).toBe(3);
  expect(readFileSync(out, 'utf8')).toBe(rig.reference);
}

/**
 * Redis lost for longer than --redis-timeout: exit 1 with a clear error; after it is back, --resume completes.
 *
 * The workers are frozen (SIGSTOP) before Redis goes, with chunks of the run still unfinished in
 * Redis: otherwise a fast machine finishes the 400 records while redis-server is still shutting
 * down, and the run proves nothing about a loss (CI saw exit 3 there). The first attempts freeze
 * them mid-run, after 25 lines; a machine fast enough to finish every chunk between two polls (CI
 * did, in 5 runs out of 5) gets a last attempt with the workers frozen before the producer starts,
 * which always leaves its chunks waiting in Redis.
 */
export async function scenarioRedisLost(rig: Rig, job: string): Promise<void> {
  const live = rig.workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
  const MID_RUN_ATTEMPTS = 3;
  for (let attempt = 1; attempt <= MID_RUN_ATTEMPTS + 1; attempt++) {
    const frozenFromStart = attempt > MID_RUN_ATTEMPTS;
    const name = `${job}${attempt}`;
    const out = join(rig.dir, `${name}.ndjson`);
    let frozen = false;
    const freeze = () => {
      frozen = true;
      for (const w of live) w.child.kill('SIGSTOP');
    };
    const thaw = () => {
      if (!frozen) return;
      frozen = false;
      for (const w of live) w.child.kill('SIGCONT');
    };
    if (frozenFromStart) freeze();
    const run = rig.produce(name, out, ['--redis-timeout', '2']);
    try {
      if (frozenFromStart) {
        await waitForUnfinishedChunk(rig, name);
      } else {
        await waitForLines(out, 25);
        freeze();
        if (!(await hasUnfinishedChunk(rig, name))) {
          // Every chunk was done before the freeze: this run cannot lose Redis. Again under a new name.
          thaw();
          expect((await run).code).toBe(3);
          continue;
        }
      }
      await rig.redis.stop();
      const p = await run;
      expect(p.code, p.stderr).toBe(1);
      expect(p.stderr).toMatch(/lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+\/0/);
      expect(p.stderr).toMatch(/--resume/);
    } finally {
      // Whatever failed above, the next scenario gets Redis and running workers back.
      if (!rig.redis.running()) await rig.redis.start();
      thaw();
    }
    const again = await rig.produce(name, out, ['--resume']);
    expect(again.code, again.stderr).toBe(3);
    expectSameLinesOnce(out, rig.reference);
    return;
  }
}

/** Waits until the producer of run `job` has put a chunk in Redis that no worker finished. */
async function waitForUnfinishedChunk(rig: Rig, job: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await hasUnfinishedChunk(rig, job))) {
    if (Date.now() > deadline) throw new Error(`run ${job} never put a chunk in Redis`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** True while a chunk of run `job` waits in Redis or is held by a worker. */
async function hasUnfinishedChunk(rig: Rig, job: string): Promise<boolean> {
  const client = new Redis({ port: rig.redis.port, host: '127.0.0.1', maxRetriesPerRequest: null });
  try {
    const ids = [
      ...(await client.lrange(`bull:${rig.queue}:wait`, 0, -1)),
      ...(await client.lrange(`bull:${rig.queue}:active`, 0, -1)),
      ...(await client.zrange(`bull:${rig.queue}:delayed`, 0, -1)),
      ...(await client.zrange(`bull:${rig.queue}:prioritized`, 0, -1)),
    ];
    return ids.some((id) => id.startsWith(`${job}@`));
  } finally {
    client.disconnect();
  }
}

/**
 * --resume of a finished queue run with another input is refused (exit 2, as `score` refuses it)
 * whatever Redis holds: the run's key is gone after success, and another --job name has none. The
 * queue run writes the same manifest as `score`, so `score` itself refuses it too.
 */
export async function scenarioResumeOtherInput(rig: Rig, job: string): Promise<void> {
  const out = join(rig.dir, `${job}.ndjson`);
  const first = await rig.produce(job, out);
  expect(first.code, first.stderr).toBe(3);
  const plainManifest = JSON.parse(readFileSync(`${rig.dir}/reference.ndjson.run.json`, 'utf8')) as { input: unknown; model: unknown; policyHash: unknown };
  expect(JSON.parse(readFileSync(`${out}.run.json`, 'utf8'))).toMatchObject({
    kind: 'creditlift-score-run',
    input: plainManifest.input,
    model: plainManifest.model,
    policyHash: plainManifest.policyHash,
  });
  const other = join(rig.dir, `${job}-other.ndjson`);
  writeFileSync(other, ndjsonBook(200, false));
  const written = readFileSync(out, 'utf8');
  for (const name of [job, `${job}-renamed`]) {
    const io = captureIo();
    const argv = ['--in', other, '--out', out, '--queue', `redis://127.0.0.1:${rig.redis.port}/0`, '--job', name, ...SCORE_FLAGS, '--resume'];
    expect(await runScoreCommand(argv, io.io), io.err()).toBe(2);
    expect(io.err()).toMatch(/--resume would mix two runs in .*: the input differs/);
  }
  const plain = captureIo();
  expect(await runScoreCommand(['--in', other, '--out', out, '--suggestions', '0', '--resume'], plain.io)).toBe(2);
  expect(plain.err()).toMatch(/the input differs/);
  expect(readFileSync(out, 'utf8')).toBe(written);
  // The same input resumes: nothing left to decide, nothing written twice.
  const again = await rig.produce(`${job}-renamed`, out, ['--resume']);
  expect(again.code, again.stderr).toBe(3);
  expect(readFileSync(out, 'utf8')).toBe(written);
}

/** No Redis at the address: exit 1 naming it, within the timeout. */
export async function scenarioRedisUnreachable(rig: Rig, job: string): Promise<void> {
  const port = await freePort();
  const out = join(rig.dir, `${job}.ndjson`);
  const io = captureIo();
  expect(await runScoreCommand(['--in', rig.book, '--out', out, '--queue', `redis://127.0.0.1:${port}/0`, '--job', job, '--redis-timeout', '1'], io.io)).toBe(
    1,
  );
  expect(io.err()).toMatch(new RegExp(`error \\[queue_unavailable\\]: cannot reach Redis at redis://127\\.0\\.0\\.1:${port}/0`));
}

/** A worker as a scenario sees it: its log so far, and how to stop it (resolves to its exit code). */
export interface ScenarioWorker {
  log(): string;
  stop(): Promise<number>;
}

/** Resolves once `ready()` holds. @throws after `ms`, with `what` and `context()` in the message */
export async function until(ready: () => boolean, what: string, context: () => string = () => '', ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${context()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A worker with another policy on the same Redis database leaves the run's chunks alone (it listens
 * on the queue of its own configuration), where it used to fail every one of them for good. The
 * producer says when no worker has taken a chunk for --worker-wait, naming its queue and
 * configuration, and keeps waiting; a matching worker started then completes the run: output
 * identical, exit 3, and a note that workers take its chunks again.
 */
export async function scenarioOtherConfigurationWaits(rig: Rig, job: string, wrong: ScenarioWorker, db: number): Promise<void> {
  const out = join(rig.dir, `${job}.ndjson`);
  const io = captureIo();
  const run = runScoreCommand(
    ['--in', rig.book, '--out', out, '--queue', `redis://127.0.0.1:${rig.redis.port}/${db}`, '--job', job, ...SCORE_FLAGS, '--worker-wait', '1'],
    io.io,
  );
  await until(() => /no worker has taken a chunk/.test(io.err()), 'the note that no worker took a chunk', io.err);
  expect(io.err()).toMatch(
    new RegExp(
      `note: no worker has taken a chunk of job "${job}" for \\d+ s: \\d+ chunks wait on queue ${rig.queue} .*Only "creditlift worker" processes started with this run's configuration serve that queue \\(model [0-9a-f]{12}\\.\\.\\., policy [0-9a-f]{12}\\.\\.\\., the default catalog, engine`,
    ),
  );
  expect(wrong.log()).not.toMatch(new RegExp(`${job}@|refuses`));
  const right = rig.inProcessWorker(db);
  const code = await run;
  expect(await right.stop()).toBe(0);
  expect(code, io.err()).toBe(3);
  expect(readFileSync(out, 'utf8')).toBe(rig.reference);
  expect(io.err()).toMatch(new RegExp(`note: a worker is taking chunks of job "${job}" again`));
  expect(io.err()).not.toMatch(/failed for good/);
  expect(await wrong.stop()).toBe(0);
  expect(wrong.log()).toMatch(/stopped: 0 chunks, 0 records\n/);
}

/** Writes a policy that differs from the default in one number (another policy hash). */
export function otherPolicy(rig: Rig): string {
  const policy = join(rig.dir, 'other-policy.json');
  writeFileSync(policy, JSON.stringify({ pricing: { margin: 0.021 } }));
  return policy;
}

/**
 * A finished run is gone promptly after its summary, with its own code, whatever signal then
 * arrives. It stayed alive 1-1.5 s after the summary (a Redis client library's buffer timer kept the
 * event loop going), and a SIGTERM at the end of that window, as the process was tearing down, ended
 * it by the signal (143); two SIGTERMs while it closed the queue after the summary gave 130.
 */
export async function scenarioExitAfterSummary(rig: Rig, job: string): Promise<void> {
  // No signal: it exits within moments of the summary.
  const quietOut = join(rig.dir, `${job}-quiet.ndjson`);
  const quiet = rig.producer(`${job}-quiet`, quietOut, ['--json-summary']);
  await quiet.waitForStdout(/\n/);
  const summaryAt = performance.now();
  expect(await quiet.exited, quiet.stderr()).toBe(3);
  // About 35 ms here; it was 0.7-2 s (the longer, the larger the chunks' results).
  expect(performance.now() - summaryAt, 'milliseconds from the summary to the exit').toBeLessThan(400);
  expect(readFileSync(quietOut, 'utf8')).toBe(rig.reference);
  // SIGTERM after SIGTERM from the moment the summary appears until the process is gone: the run's own code.
  const stormOut = join(rig.dir, `${job}-storm.ndjson`);
  const storm = rig.producer(`${job}-storm`, stormOut, ['--json-summary']);
  await storm.waitForStdout(/\n/);
  const term = () => storm.child.exitCode === null && storm.child.signalCode === null && storm.child.kill('SIGTERM');
  // The first at once, the rest every millisecond until the process is gone.
  term();
  const timer = setInterval(term, 1);
  try {
    expect(await storm.exited, storm.stderr()).toBe(3);
  } finally {
    clearInterval(timer);
  }
  expect(storm.stderr()).not.toMatch(/interrupted/);
  expect(readFileSync(stormOut, 'utf8')).toBe(rig.reference);
}
