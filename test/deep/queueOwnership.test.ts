// Outside tester findings16-concurrency F1: a `score --queue` producer A wrote ANOTHER run's decisions
// into its output, and reported success, when a second producer B with another input and the same
// --job name was started with --overwrite from another folder (1,390-1,812 of A's 1,874 decision
// lines were B's applicants). Keys and job ids were named by job and chunk number alone, so A
// collected B's answers as its own. F2: a producer refused because the job existed left empty
// outputs and a manifest saying `running` that named the other run's job; an --overwrite without
// --queue in that folder then removed the live run's keys from Redis.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { claimJob, readJobOwner, releaseClaim, renewClaim } from '../../src/distributed/jobClaim.js';
import { captureIo } from '../cli/fakeDecider.js';
import { HAS_REDIS } from '../distributed/redisServer.js';
import { createRig, outputLines, until, type Rig } from '../distributed/scenarios.js';

const SCORE_FLAGS = ['--suggestions', '0', '--batch', '20', '--redis-timeout', '20'];

const delay = (ms: number) => new Promise<'still running'>((r) => setTimeout(() => r('still running'), ms));

describe.skipIf(!HAS_REDIS)('score --queue: a run accepts only answers made from its own records (one --job name, two runs)', () => {
  let rig: Rig;
  /** A second book: the same shape, other applicants (ids `other-N`). */
  let otherBook: string;
  let otherReference: string;
  beforeAll(async () => {
    rig = await createRig(100);
    otherBook = join(rig.dir, 'other.ndjson');
    writeFileSync(otherBook, readFileSync(rig.book, 'utf8').replaceAll('"book-', '"other-'));
    const ref = join(rig.dir, 'other-reference.ndjson');
    const io = captureIo();
    expect(await runScoreCommand(['--in', otherBook, '--out', ref, '--suggestions', '0'], io.io), io.err()).toBe(3);
    otherReference = readFileSync(ref, 'utf8');
    expect(otherReference).toMatch(/"applicantId":"other-/);
  });
  afterAll(async () => {
    await rig?.dispose();
  });
  const url = (db: number) => `redis://127.0.0.1:${rig.redis.port}/${db}`;
  const admin = (db: number) => new Redis({ port: rig.redis.port, host: '127.0.0.1', db, maxRetriesPerRequest: null });
  /** A producer run in this process, stopped by `stop()` (as SIGTERM would). */
  const start = (book: string, out: string, job: string, db: number, extra: readonly string[] = []) => {
    const stop = new AbortController();
    const io = captureIo({ signal: stop.signal });
    const run = runScoreCommand(['--in', book, '--out', out, '--queue', url(db), '--job', job, ...SCORE_FLAGS, ...extra], io.io);
    return { run, io, stop: () => stop.abort() };
  };
  /** Waits until the run key of `job` says chunks are enqueued. */
  const waitForChunks = async (client: Redis, job: string) => {
    const deadline = Date.now() + 30_000;
    while (Number((await client.hget(`creditlift:run:${job}`, 'chunks')) ?? 0) < 5) {
      if (Date.now() > deadline) throw new Error(`job ${job} never enqueued its chunks`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const ownReferenceLines = () => new Set(rig.reference.split('\n').filter((l) => l !== ''));

  it('F1: --overwrite of a job whose producer is running, from another output with another input, is refused (exit 2), leaves nothing, and the running producer writes its own output byte for byte', async () => {
    const db = 1;
    const client = admin(db);
    const a = start(rig.book, join(rig.dir, 'a1.ndjson'), 'shared', db);
    let b: ReturnType<typeof start> | undefined;
    const worker = { current: undefined as ReturnType<Rig['inProcessWorker']> | undefined };
    try {
      await waitForChunks(client, 'shared');
      const outB = join(rig.dir, 'b1.ndjson');
      b = start(otherBook, outB, 'shared', db, ['--overwrite']);
      expect(await Promise.race([b.run, delay(10_000)]), b.io.err()).toBe(2);
      expect(b.io.err()).toMatch(
        /error: job "shared" on redis:\/\/127\.0\.0\.1:\d+\/1 is claimed by another producer that renewed its claim within the last 15 s \(writing .*a1\.ndjson on \S+ pid \d+\): --overwrite takes over only a job whose producer has stopped; a producer that was killed or stopped loses its claim 15 s after its last renewal, and --overwrite then takes the job over; otherwise stop that run first, or use another --job name/,
      );
      expect(existsSync(outB), 'a refused run leaves no output').toBe(false);
      expect(existsSync(`${outB}.run.json`), 'a refused run leaves no manifest').toBe(false);
      worker.current = rig.inProcessWorker(db);
      expect(await a.run, a.io.err()).toBe(3);
      expect(readFileSync(join(rig.dir, 'a1.ndjson'), 'utf8')).toBe(rig.reference);
    } finally {
      a.stop();
      b?.stop();
      await Promise.allSettled([a.run, b?.run]);
      if (worker.current !== undefined) expect(await worker.current.stop()).toBe(0);
      client.disconnect();
    }
  });

  it('F1: a job taken over while its producer was paused past its claim (SIGSTOP, a suspended host): that producer fails loudly once it runs again (exit 1, queue_conflict), never writes a line of the other run, and the other run finishes', async () => {
    const db = 2;
    const client = admin(db);
    const outA = join(rig.dir, 'a2.ndjson');
    const outB = join(rig.dir, 'b2.ndjson');
    // A real process, so it can be paused as a host suspends it.
    const a = rig.producer('lapsed', outA, [], db);
    let b: ReturnType<typeof start> | undefined;
    let worker: ReturnType<Rig['inProcessWorker']> | undefined;
    try {
      await waitForChunks(client, 'lapsed');
      a.child.kill('SIGSTOP');
      // Its claim lapses (LIVE_MS, 15 s), and --overwrite from another output takes the job over.
      const deadline = Date.now() + 30_000;
      while ((await client.exists('creditlift:run:lapsed:live')) === 1) {
        if (Date.now() > deadline) throw new Error('the paused producer kept its claim');
        await new Promise((r) => setTimeout(r, 200));
      }
      b = start(otherBook, outB, 'lapsed', db, ['--overwrite']);
      const bErr = b.io.err;
      await until(() => /took over job/.test(bErr()), "B's note that it took the job over", bErr);
      expect(b.io.err()).toMatch(/note: took over job "lapsed" from a run that has stopped \(writing .*a2\.ndjson on \S+ pid \d+\): removed its \d+ keys/);
      worker = rig.inProcessWorker(db);
      a.child.kill('SIGCONT');
      const codeA = await Promise.race([a.exited, delay(30_000)]);
      expect(codeA, a.stderr()).toBe(1);
      expect(a.stderr()).toMatch(
        /error \[queue_conflict\]: job "lapsed" on redis:\/\/127\.0\.0\.1:\d+\/2 was taken over by another run \(writing .*b2\.ndjson on \S+ pid \d+\)/,
      );
      expect(a.stderr()).toMatch(/resume this run under another --job name/);
      // Nothing of B's run in A's output: only A's own answers, if any.
      const own = ownReferenceLines();
      for (const line of outputLines(outA)) expect(own.has(line), `a line A's run did not make: ${line.slice(0, 120)}`).toBe(true);
      const manifest = JSON.parse(readFileSync(`${outA}.run.json`, 'utf8'));
      expect(manifest.status).toMatchObject({ state: 'incomplete', exitCode: 1 });
      expect(manifest.status.reason).toMatch(/taken over by another run/);
      expect(await b.run, b.io.err()).toBe(3);
      expect(readFileSync(outB, 'utf8')).toBe(otherReference);
      // A resumes under another --job name: its own output, byte for byte.
      const again = start(rig.book, outA, 'lapsed-again', db, ['--resume']);
      expect(await again.run, again.io.err()).toBe(3);
      expect(readFileSync(outA, 'utf8')).toBe(rig.reference);
    } finally {
      a.child.kill('SIGCONT');
      if (a.child.exitCode === null && a.child.signalCode === null) a.child.kill('SIGKILL');
      b?.stop();
      await Promise.allSettled([a.exited, b?.run]);
      if (worker !== undefined) expect(await worker.stop()).toBe(0);
      client.disconnect();
    }
  });

  it("F1: an answer under the run's chunk that names another run is never written: exit 1, queue_conflict, nothing of it in the output", async () => {
    const db = 3;
    // Stores, for each chunk, answers with the right line numbers, made by another run.
    const rogue = new Worker(
      rig.queue,
      async (job) => {
        const data = job.data as { run: string; index: number; recordLines: number[] };
        const lines = data.recordLines.map((line) => ({ line, error: { code: 'data_invalid', message: `line ${line}: someone else's` } }));
        const c = admin(db);
        await c.set(
          `creditlift:chunk:${data.run}-c${data.index}:lines`,
          JSON.stringify({ lines, worker: 'rogue', run: 'someone-else@000000000000', recordsDigest: '0'.repeat(64) }),
          'PX',
          60_000,
        );
        c.disconnect();
        return { worker: 'rogue', records: lines.length };
      },
      { connection: { port: rig.redis.port, host: '127.0.0.1', db, maxRetriesPerRequest: null } },
    );
    const out = join(rig.dir, 'rogue.ndjson');
    const a = start(rig.book, out, 'rogue', db);
    try {
      const code = await Promise.race([a.run, delay(30_000)]);
      expect(code, a.io.err()).toBe(1);
      expect(a.io.err()).toMatch(
        /error \[queue_conflict\]: chunk rogue@[0-9a-f]{12}-c0 \(lines 1-\d+\): the answer of rogue was made for another run \(someone-else@000000000000\)/,
      );
      expect(readFileSync(out, 'utf8')).not.toMatch(/someone else's/);
    } finally {
      a.stop();
      await Promise.allSettled([a.run]);
      await rogue.close();
    }
  });

  it("F2: a run refused because the job exists leaves nothing behind; an --overwrite without --queue in its folder, even under a manifest naming that job, leaves the running run's keys alone", async () => {
    const db = 4;
    const client = admin(db);
    const b = start(rig.book, join(rig.dir, 'held-b.ndjson'), 'held', db);
    let worker: ReturnType<Rig['inProcessWorker']> | undefined;
    try {
      await waitForChunks(client, 'held');
      const outA = join(rig.dir, 'held-a.ndjson');
      const errA = join(rig.dir, 'held-a.errors.ndjson');
      const refused = start(otherBook, outA, 'held', db, ['--errors', errA]);
      expect(await Promise.race([refused.run, delay(10_000)]), refused.io.err()).toBe(2);
      expect(refused.io.err()).toMatch(/error: job "held" already exists/);
      for (const path of [outA, errA, `${outA}.run.json`]) expect(existsSync(path), `${path} left by a refused run`).toBe(false);
      const keysOf = async () => (await client.keys('*held*')).sort();
      const keys = await keysOf();
      expect(keys.length).toBeGreaterThan(5);
      const plain = captureIo();
      expect(await runScoreCommand(['--in', otherBook, '--out', outA, '--errors', errA, '--suggestions', '0', '--overwrite'], plain.io), plain.err()).toBe(3);
      expect(plain.err()).not.toMatch(/removed job/);
      // A manifest naming the job without a run id (as creditlift 0.1.0 wrote one for the refused run):
      // the job in Redis belongs to another run, so it stays.
      const manifest = JSON.parse(readFileSync(`${outA}.run.json`, 'utf8'));
      writeFileSync(`${outA}.run.json`, JSON.stringify({ ...manifest, queue: { url: url(db), job: 'held', ttlSeconds: 600 } }));
      const again = captureIo();
      expect(await runScoreCommand(['--in', otherBook, '--out', outA, '--errors', errA, '--suggestions', '0', '--overwrite'], again.io), again.err()).toBe(3);
      expect(again.err()).not.toMatch(/removed job/);
      expect(again.err()).toMatch(/note: job "held" on redis:\/\/127\.0\.0\.1:\d+\/4 belongs to another run now \(writing .*held-b\.ndjson/);
      expect(await keysOf()).toEqual(keys);
      worker = rig.inProcessWorker(db);
      expect(await b.run, b.io.err()).toBe(3);
      expect(b.io.err()).not.toMatch(/vanished|enqueued again/);
      expect(readFileSync(join(rig.dir, 'held-b.ndjson'), 'utf8')).toBe(rig.reference);
    } finally {
      b.stop();
      await Promise.allSettled([b.run]);
      if (worker !== undefined) expect(await worker.stop()).toBe(0);
      client.disconnect();
    }
  });

  it('claims: of two producers claiming one job at once exactly one gets it; a renewal after a takeover says so; a release never touches the run holding the job now', async () => {
    const client = admin(5);
    try {
      for (let round = 0; round < 20; round++) {
        const job = `race${round}`;
        const got = await Promise.all(['aaaaaaaaaaaa', 'bbbbbbbbbbbb'].map((id) => claimJob(client, job, undefined, id, { output: id }, 60_000)));
        expect(got.filter(Boolean), `round ${round}`).toHaveLength(1);
        const winner = got[0] === true ? 'aaaaaaaaaaaa' : 'bbbbbbbbbbbb';
        const loser = winner === 'aaaaaaaaaaaa' ? 'bbbbbbbbbbbb' : 'aaaaaaaaaaaa';
        expect(await readJobOwner(client, job)).toMatchObject({ runId: winner, live: true, fields: { output: winner } });
        expect(await renewClaim(client, job, loser, 60_000)).toBe('taken');
        await releaseClaim(client, job, loser, true);
        expect(await readJobOwner(client, job)).toMatchObject({ runId: winner, live: true });
        expect(await renewClaim(client, job, winner, 60_000, ['chunks', '7'])).toBe('mine');
        expect((await readJobOwner(client, job))?.chunks).toBe(7);
        await releaseClaim(client, job, winner, true);
        expect(await readJobOwner(client, job)).toBeUndefined();
        expect(await renewClaim(client, job, winner, 60_000)).toBe('gone');
        // A producer's two renewals that both find the claim gone both claim it again (recheck16b R1b:
        // the second took its own run for a taker and stopped with a queue_conflict naming itself).
        const again = await Promise.all([0, 1].map(() => claimJob(client, job, undefined, winner, { output: winner }, 60_000)));
        expect(again, `round ${round}`).toEqual([true, true]);
        expect(await readJobOwner(client, job)).toMatchObject({ runId: winner, live: true, fields: { output: winner } });
        expect(await claimJob(client, job, undefined, loser, { output: loser }, 60_000)).toBe(false);
        await releaseClaim(client, job, winner, true);
      }
      // A job of creditlift 0.1.0 (a manifest key without a run id) is taken over only by name.
      await client.hset('creditlift:run:old', { chunks: '3' });
      expect(await readJobOwner(client, 'old')).toMatchObject({ runId: undefined, live: false, chunks: 3 });
      expect(await claimJob(client, 'old', undefined, 'cccccccccccc', {}, 60_000)).toBe(false);
      expect(await claimJob(client, 'old', null, 'cccccccccccc', {}, 60_000)).toBe(true);
      expect(await readJobOwner(client, 'old')).toMatchObject({ runId: 'cccccccccccc', live: true, chunks: 0 });
    } finally {
      client.disconnect();
    }
  });
});
