// Outside tester findings10-scale S4: the manifest of a `score --queue` run held only configuration
// (and `options.workers: 1`, though worker processes decided it), so nothing on disk said whether it
// finished or which lines it left undecided, and `report` presented it as complete.
// S6: a worker logged a chunk only once decided, so one killed on a chunk left nothing naming it.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportCommand } from '../../src/cli/reportCommand.js';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { chunkJobId, runOf } from '../../src/distributed/chunkJob.js';
import { captureIo } from '../cli/fakeDecider.js';
import { ndjsonBook } from '../distributed/book.js';
import { HAS_REDIS } from '../distributed/redisServer.js';
import { answeredLines, createRig, outputLines, RUN_ID, type Rig } from '../distributed/scenarios.js';
import { waitForChunksAdded } from '../distributed/waitForChunksAdded.js';

const manifestOf = (out: string) => JSON.parse(readFileSync(`${out}.run.json`, 'utf8'));

describe.skipIf(!HAS_REDIS)('score --queue: the run manifest records how the run ended', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await createRig(100);
  });
  afterAll(async () => {
    await rig?.dispose();
  });

  it('a run stopped with chunks unwritten records incomplete with their lines; report warns; --resume with a worker records finished and names it', async () => {
    const db = 3;
    const out = join(rig.dir, 'status.ndjson');
    // No worker yet: the producer enqueues its chunks and waits, until the signal.
    const stop = new AbortController();
    const c = captureIo({ signal: stop.signal });
    const producing = runScoreCommand(
      ['--in', rig.book, '--out', out, '--queue', `redis://127.0.0.1:${rig.redis.port}/${db}`, '--job', 'status', '--suggestions', '0', '--batch', '20'],
      c.io,
    );
    // 99 records, 20 to a chunk: stopped once all 5 wait in Redis, whatever the machine's load.
    await waitForChunksAdded(rig, { out, job: 'status', chunks: 5, db }, producing, c.err);
    stop.abort();
    expect(await producing, c.err()).toBe(130);
    const stopped = manifestOf(out);
    expect(stopped.options.workers).toBeNull();
    expect(stopped.queue).toMatchObject({ job: 'status' });
    expect(stopped.status).toMatchObject({
      state: 'incomplete',
      runs: 1,
      exitCode: 130,
      decisions: 0,
      decidedBy: { mode: 'queue', job: 'status', workers: {} },
      // Every record, none answered; line 31 is blank, no record.
      undecided: {
        lines: [
          { first: 1, last: 30 },
          { first: 32, last: 100 },
        ],
        afterLine: 100,
      },
    });
    expect(stopped.status.undecided.records).toBe(99);
    const r = captureIo();
    expect(await runReportCommand([out, '--out', join(rig.dir, 'status.html')], r.io)).toBe(0);
    expect(r.err()).toMatch(
      /warning: the run that wrote .*status\.ndjson is incomplete \(exit 130\): interrupted.* 99 input records have no answer \(lines 1-30, lines 32-100\)/,
    );

    const worker = rig.inProcessWorker(db);
    const again = await rig.produce('status', out, ['--resume'], db);
    const log = worker.log();
    expect(await worker.stop()).toBe(0);
    expect(again.code, again.stderr).toBe(3);
    expect(readFileSync(out, 'utf8')).toBe(rig.reference);
    const finished = manifestOf(out);
    expect(finished.queue).toBeUndefined();
    expect(finished.status).toMatchObject({
      state: 'finished',
      runs: 2,
      exitCode: 3,
      decisions: outputLines(out).filter((l) => l.includes('"decision"')).length,
    });
    // The bytes the producer left, as verify --manifest compares them.
    const bytes = readFileSync(out);
    expect(finished.status.files).toEqual({ output: { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') } });
    // S6: each chunk is logged as it is taken, before it is decided, so a worker killed on a chunk names it.
    for (let k = 0; k < 5; k++) {
      const taken = log.search(new RegExp(`chunk status${RUN_ID}-c${k} \\(lines [\\d-]+\\): deciding \\d+ records \\(start 1\\)`));
      const decided = log.search(new RegExp(`chunk status${RUN_ID}-c${k} \\(lines [\\d-]+\\): \\d+ records, \\d+ decided`));
      expect(taken, log).toBeGreaterThanOrEqual(0);
      expect(decided).toBeGreaterThan(taken);
    }
    const name = /worker (\S+) serving/.exec(log)?.[1];
    expect(finished.status.decidedBy).toEqual({ mode: 'queue', job: 'status', workers: { [name as string]: 5 } });
    const done = captureIo();
    expect(await runReportCommand([out, '--out', join(rig.dir, 'status.html')], done.io)).toBe(0);
    expect(done.err()).toBe('');
    // F44: the resume wrote every answer after the lines it found, so the order is still the input's.
    expect(finished.status.lineOrder).toBe('input');

    // Two answers deleted: a --queue resume decides them again after the rest, and records so first.
    const lines = outputLines(out);
    writeFileSync(out, `${lines.filter((_, i) => i !== 1 && i !== 2).join('\n')}\n`);
    const worker2 = rig.inProcessWorker(db);
    const redone = await rig.produce('status', out, ['--resume'], db);
    expect(await worker2.stop()).toBe(0);
    expect(redone.code, redone.stderr).toBe(3);
    expect(outputLines(out).slice(-2)).toEqual([lines[1], lines[2]]);
    expect(manifestOf(out).status).toMatchObject({ state: 'finished', runs: 3, lineOrder: 'resumedDecidingAgain', events: { missingAnswersDecidedAgain: 2 } });
  });

  // Outside tester findings24-scale 2: a producer that failed while it added a chunk to the queue
  // (Redis lost, the job taken over) left that chunk's 200 records neither answered nor undecided,
  // while afterLine said the run had read past them: report and the resume note under-counted.
  it('a producer that fails while adding a chunk: every record up to afterLine is answered or listed undecided, and undecided.records counts them', async () => {
    const db = 4;
    const out = join(rig.dir, 'enqueueFails.ndjson');
    const url = `redis://127.0.0.1:${rig.redis.port}/${db}`;
    const argv = ['--in', rig.book, '--out', out, '--queue', url, '--job', 'enq', '--suggestions', '0', '--batch', '20'];
    // No worker: the first run adds chunks 0 and 1 (--window 2), waits, and is stopped.
    const stop = new AbortController();
    const c = captureIo({ signal: stop.signal });
    const first = runScoreCommand([...argv, '--window', '2'], c.io);
    await waitForChunksAdded(rig, { out, job: 'enq', chunks: 2, db }, first, c.err);
    stop.abort();
    expect(await first, c.err()).toBe(130);
    // Chunk 2's job key holds something that is no job: adding it fails (WRONGTYPE), as a Redis
    // failing at that moment would, every time.
    const client = new Redis({ port: rig.redis.port, host: '127.0.0.1', db, maxRetriesPerRequest: null });
    try {
      await client.rpush(`bull:${rig.queue}:${chunkJobId(runOf('enq', manifestOf(out).queue.runId), 2)}`, 'not a job');
    } finally {
      client.disconnect();
    }
    const r = captureIo();
    expect(await runScoreCommand([...argv, '--resume'], r.io), r.err()).toBe(1);
    expect(r.err()).toMatch(/WRONGTYPE/);
    const { status } = manifestOf(out);
    expect(status).toMatchObject({ state: 'incomplete', exitCode: 1 });
    const last: number = status.undecided.afterLine ?? status.lastInputLine;
    const undecided = new Set<number>();
    for (const range of status.undecided.lines as { first: number; last: number }[]) for (let l = range.first; l <= range.last; l++) undecided.add(l);
    const answered = new Set(answeredLines(out));
    // Record lines of the book (line 31 is blank).
    const records = readFileSync(rig.book, 'utf8')
      .split('\n')
      .map((text, i) => ({ text, line: i + 1 }))
      .filter((l) => l.text !== '' && l.line <= last)
      .map((l) => l.line);
    const unaccounted = records.filter((l) => !answered.has(l) && !undecided.has(l));
    expect(unaccounted, `lines up to afterLine ${last} neither answered nor undecided`).toEqual([]);
    expect(status.undecided.records).toBe(records.filter((l) => !answered.has(l)).length);
  });

  // Outside tester findings24-scale 3: a worker deciding in process (--workers 1) blocked its event
  // loop through runtime calls of 32 records, so BullMQ could not renew the chunk's lock: with
  // --lock-ms 1000 and an 11 s chunk, the same live worker decided it twice (start 2, "held by a
  // worker that stopped"). Here a lender feature blocks the thread 5 ms each time it runs (about 0.2 s a record, 6 s a call of 32).
  it('a live worker deciding a chunk longer than --lock-ms keeps its lock: each chunk decided once', async () => {
    const db = 5;
    const scratch = new URL('../../.tmp/', import.meta.url).pathname;
    mkdirSync(scratch, { recursive: true });
    const features = join(scratch, `slowFeatures-${process.pid}.ts`);
    const src = new URL('../../src/', import.meta.url).pathname;
    writeFileSync(
      features,
      `import { builtInFeatures, defineFeatureSet } from '${src}features/index.js';
export default defineFeatureSet({
  features: builtInFeatures.map((f, i) => i !== 0 ? f : ({ ...f, dataCategory: 'lender_internal',
    reasons: { raisesRisk: { en: 'a', zhHans: 'a' }, lowersRisk: { en: 'b', zhHans: 'b' } },
    compute: (ctx) => {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      return f.compute(ctx);
    } })),
});
`,
    );
    try {
      const book = join(rig.dir, 'long.ndjson');
      writeFileSync(book, ndjsonBook(100, false));
      const out = join(rig.dir, 'longChunk.ndjson');
      const worker = rig.inProcessWorker(db, ['--lock-ms', '500', '--features', features]);
      const io = captureIo();
      const url = `redis://127.0.0.1:${rig.redis.port}/${db}`;
      const code = await runScoreCommand(
        ['--in', book, '--out', out, '--queue', url, '--job', 'longChunk', '--suggestions', '0', '--batch', '100', '--features', features],
        io.io,
      );
      expect(await worker.stop()).toBe(0);
      const log = worker.log();
      expect(code, io.err()).toBe(0);
      const took = /: 100 records, 100 decided, 0 rejected in (\d+) ms/.exec(log);
      expect(Number(took?.[1]), log).toBeGreaterThan(2000);
      expect(log).not.toMatch(/\(start [2-9]\)|held by a worker|lost its lock/);
      expect(log).toMatch(/stopped: 1 chunks, 100 records\n/);
    } finally {
      rmSync(features, { force: true });
    }
  });
});
