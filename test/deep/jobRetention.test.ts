import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';

import { captureIo } from '../cli/fakeDecider.js';
import { HAS_REDIS } from '../distributed/redisServer.js';
import { createRig, outputLines, type Rig } from '../distributed/scenarios.js';

/**
 * What a `score --queue` job leaves in Redis: the applicants' records and decisions (finding F5 of
 * the faults tester: a run killed and resumed without --queue left 32 keys with no expiry, and the
 * workers went on deciding its chunks). The book's applicant ids are `book-N`: any Redis value
 * holding one holds personal data.
 */
describe.skipIf(!HAS_REDIS)('personal data a score --queue job leaves in Redis', () => {
  let rig: Rig;
  let client: Redis;
  const queue = (db = 0) => `redis://127.0.0.1:${rig.redis.port}/${db}`;
  beforeAll(async () => {
    rig = await createRig(160);
    client = new Redis({ port: rig.redis.port, host: '127.0.0.1', maxRetriesPerRequest: null });
    // One case stops Redis a moment: this probe waits, quietly.
    client.on('error', () => undefined);
  });
  afterAll(async () => {
    client?.disconnect();
    await rig?.dispose();
  });

  /** Every key of database `db` whose value holds an applicant id of the book, with its TTL in ms (-1: none). */
  async function keysWithPersonalData(db = 0): Promise<Map<string, number>> {
    await client.select(db);
    const found = new Map<string, number>();
    for (const key of await client.keys('*')) {
      if (valuesText(await valuesOf(key)).includes('book-')) found.set(key, await client.pttl(key));
    }
    return found;
  }
  async function valuesOf(key: string): Promise<Buffer[]> {
    const type = await client.type(key);
    if (type === 'string') return [(await client.getBuffer(key)) as Buffer];
    if (type === 'hash') return Object.values(await client.hgetallBuffer(key));
    if (type === 'list') return client.lrangeBuffer(key, 0, -1);
    if (type === 'set') return client.smembersBuffer(key);
    if (type === 'zset') return client.zrangeBuffer(key, 0, -1);
    if (type === 'stream') return (await client.xrangeBuffer(key, '-', '+')).flatMap(([, fields]) => fields);
    return [];
  }
  /** The values as text, with base64 runs inside JSON (a job's encoded records) decoded too. */
  function valuesText(values: Buffer[]): string {
    let text = '';
    for (const v of values) {
      const s = v.toString('latin1');
      text += s;
      for (const m of s.matchAll(/[A-Za-z0-9+/]{40,}={0,2}/g)) text += Buffer.from(m[0], 'base64').toString('latin1');
    }
    return text;
  }
  async function jobKeys(job: string, db = 0): Promise<string[]> {
    await client.select(db);
    return (await client.keys(`*${job}*`)).sort();
  }
  /**
   * Runs a producer in this process and stops it (as SIGINT does) once `lines` lines are written
   * (0: once it has a chunk's records in Redis): its chunks stay in Redis, as a kill leaves them.
   */
  async function interruptedProducer(job: string, lines: number, extra: readonly string[] = [], db = 0): Promise<{ out: string; code: number; err: string }> {
    const out = join(rig.dir, `${job}.ndjson`);
    const stop = new AbortController();
    const io = captureIo({ signal: stop.signal });
    const argv = ['--in', rig.book, '--out', out, '--queue', queue(db), '--job', job, '--suggestions', '0', '--batch', '20', '--window', '8', ...extra];
    const run = runScoreCommand(argv, io.io);
    const probe = new Redis({ port: rig.redis.port, host: '127.0.0.1', db, maxRetriesPerRequest: null });
    probe.on('error', () => undefined);
    const enqueued = async () => (await probe.keys(`creditlift:chunk:${job}@*-c*:records`)).length > 0;
    let finished = false;
    const watch = (async () => {
      while (!finished && !stop.signal.aborted) {
        if (lines > 0 ? outputLines(out).length >= lines : await enqueued()) stop.abort();
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    try {
      const code = await run;
      return { out, code, err: io.err() };
    } finally {
      finished = true;
      await watch;
      probe.disconnect();
    }
  }

  it('a --queue run stopped and resumed without --queue leaves no key of the job and no personal data in Redis; workers decide none of its chunks after', async () => {
    const worker = rig.inProcessWorker();
    try {
      const first = await interruptedProducer('plainResume', 20);
      expect(first.code, first.err).toBe(130);
      expect((await jobKeys('plainResume')).length, 'the stopped run leaves its chunks for --resume').toBeGreaterThan(0);
      const io = captureIo();
      const code = await runScoreCommand(['--in', rig.book, '--out', first.out, '--suggestions', '0', '--resume'], io.io);
      expect(code, io.err()).toBe(3);
      expect(readFileSync(first.out, 'utf8').split('\n').sort()).toEqual(rig.reference.split('\n').sort());
      expect(io.err()).toMatch(/removed job "plainResume" .*from Redis at redis:\/\/127\.0\.0\.1:\d+\/0/);
      const logMark = worker.log().length;
      const markedAt = Date.now();
      // A chunk the worker held as the keys went is dropped once decided, and its lock key goes with
      // its lease (--lock-ms 2000) at the latest: a fixed 300 ms races that on a loaded machine. The
      // keys are waited for; the worker is still watched at least those 300 ms.
      const deadline = markedAt + 30_000;
      while ((await jobKeys('plainResume')).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, Math.max(0, 300 - (Date.now() - markedAt))));
      expect(await jobKeys('plainResume')).toEqual([]);
      expect([...(await keysWithPersonalData()).keys()]).toEqual([]);
      expect(worker.log().slice(logMark)).not.toMatch(/chunk plainResume@[0-9a-f]{12}-c\d+ \(lines [\d-]+\): \d+ records/);
    } finally {
      await worker.stop();
    }
  });

  it('a resume without --queue that cannot reach Redis says the job stays there, until when, and how to remove it', async () => {
    const first = await interruptedProducer('unreachable', 0, ['--job-ttl', '600']);
    expect(first.code, first.err).toBe(130);
    await rig.redis.stop();
    try {
      const io = captureIo();
      const code = await runScoreCommand(['--in', rig.book, '--out', first.out, '--suggestions', '0', '--resume'], io.io);
      expect(code, io.err()).toBe(3);
      expect(io.err()).toMatch(
        /note: job "unreachable" of this output's --queue run may still hold applicants' records in Redis at redis:\/\/127\.0\.0\.1:\d+\/0 \(.+\): they expire by themselves at most 600 s after its producer stopped; to remove them now, run this command again with --resume once Redis is reachable/,
      );
    } finally {
      await rig.redis.start();
    }
    // Redis back: the next plain resume removes them (nothing left to decide).
    const io = captureIo();
    expect(await runScoreCommand(['--in', rig.book, '--out', first.out, '--suggestions', '0', '--resume'], io.io), io.err()).toBe(3);
    expect(io.err()).toMatch(/removed job "unreachable"/);
    expect(await jobKeys('unreachable')).toEqual([]);
  });

  it('every key holding personal data expires within --job-ttl: refreshed while the producer lives, gone once it is dead; workers then drop its chunks undecided', async () => {
    // Database 2, no worker yet. A dead producer (stopped, as a kill leaves it) and a live one, both --job-ttl 2.
    const dead = await interruptedProducer('deadProducer', 0, ['--job-ttl', '2'], 2);
    expect(dead.code, dead.err).toBe(130);
    const held = await keysWithPersonalData(2);
    expect(held.size, 'the stopped run holds its chunks in Redis').toBeGreaterThan(0);
    for (const [key, ttl] of held) {
      expect(ttl, `${key} carries an expiry`).toBeGreaterThan(0);
      expect(ttl, `${key} expires within 2 s`).toBeLessThanOrEqual(2000);
    }
    const liveOut = join(rig.dir, 'liveProducer.ndjson');
    const live = rig.produce('liveProducer', liveOut, ['--job-ttl', '2'], 2);
    // Past the TTL with no worker: the live producer's chunks wait, the dead one's expire.
    await new Promise((r) => setTimeout(r, 2600));
    for (const key of (await keysWithPersonalData(2)).keys()) expect(key).toMatch(/liveProducer/);
    expect(await jobKeys('deadProducer', 2)).toEqual([]);
    const worker = rig.inProcessWorker(2);
    let log = '';
    try {
      const p = await live;
      expect(p.code, p.stderr).toBe(3);
      expect(p.stderr).not.toMatch(/vanished/);
      expect(readFileSync(liveOut, 'utf8')).toBe(rig.reference);
    } finally {
      await new Promise((r) => setTimeout(r, 200));
      await worker.stop();
      log = worker.log();
    }
    expect(log).not.toMatch(/chunk deadProducer@[0-9a-f]{12}-c\d+ \(lines [\d-]+\): \d+ records/);
    expect(log).toMatch(/drops chunk deadProducer@[0-9a-f]{12}-c\d+/);
    expect([...(await keysWithPersonalData(2)).keys()]).toEqual([]);
    await client.select(2);
    for (const set of ['wait', 'active', 'completed', 'failed'])
      expect(
        (await client.type(`bull:${rig.queue}:${set}`)) === 'list'
          ? await client.lrange(`bull:${rig.queue}:${set}`, 0, -1)
          : await client.zrange(`bull:${rig.queue}:${set}`, 0, -1),
      ).toEqual([]);
  });

  it('a finished run leaves no decision in Redis, BullMQ event stream included', async () => {
    const worker = rig.inProcessWorker(3);
    try {
      const out = join(rig.dir, 'finished.ndjson');
      const p = await rig.produce('finished', out, [], 3);
      expect(p.code, p.stderr).toBe(3);
    } finally {
      await worker.stop();
    }
    expect([...(await keysWithPersonalData(3)).keys()]).toEqual([]);
  });
});
