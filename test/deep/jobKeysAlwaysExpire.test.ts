import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { captureIo } from '../cli/fakeDecider.js';
import { ndjsonBook } from '../distributed/book.js';
import { startCuttingProxy } from '../distributed/cuttingProxy.js';
import { HAS_REDIS, startTestRedis, type TestRedis } from '../distributed/redisServer.js';

/**
 * A `score --queue` job's keys carry its `--job-ttl` from the moment they exist: a producer that
 * loses Redis between writing a key and setting its expiry (the connection drops, or its watchdog
 * gives up) must not leave a key that never expires. The producer enqueued a chunk with BullMQ's
 * `add`, then set the job key's expiry in a second command: lost in between, the job key stayed
 * forever (TTL -1). Here the producer's connection is cut after each of its commands in turn, and
 * every key of its job is checked once it has given up.
 */
describe.skipIf(!HAS_REDIS)('score --queue: no key of a job is ever without an expiry', () => {
  let redis: TestRedis;
  let client: Redis;
  let dir: string;
  let book: string;
  // 50 records (with a broken line and an invalid record) in chunks of 20: three chunks.
  const CHUNKS = 3;
  beforeAll(async () => {
    redis = await startTestRedis();
    client = new Redis({ port: redis.port, host: '127.0.0.1', maxRetriesPerRequest: null });
    dir = mkdtempSync(join(tmpdir(), 'creditlift-ttl-'));
    book = join(dir, 'book.ndjson');
    writeFileSync(book, ndjsonBook(50));
  });
  afterAll(async () => {
    client?.disconnect();
    await redis?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Runs a producer through a proxy cutting its connection after command `cutAfter` (none: no cut).
   * No worker decides its chunks, so a run that keeps its connection is stopped (as SIGINT stops it)
   * once every chunk is enqueued.
   */
  async function produce(job: string, cutAfter?: number): Promise<{ code: number; err: string; commands: readonly string[]; cut: boolean }> {
    const proxy = await startCuttingProxy(redis.port, cutAfter);
    const stop = new AbortController();
    const io = captureIo({ signal: stop.signal });
    const argv = ['--in', book, '--out', join(dir, `${job}.ndjson`), '--queue', `redis://127.0.0.1:${proxy.port}/0`, '--job', job];
    const run = runScoreCommand([...argv, '--suggestions', '0', '--batch', '20', '--window', '8', '--redis-timeout', '1'], io.io);
    let finished = false;
    const watch = (async () => {
      while (!finished && !stop.signal.aborted) {
        if (Number((await client.hget(`creditlift:run:${job}`, 'chunks')) ?? 0) >= CHUNKS) stop.abort();
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    try {
      // A run that neither loses Redis nor enqueues every chunk would wait here for good: failed instead.
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([
        run,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`producer ${job} still running after 60 s:\n${io.err()}`)), 60_000);
        }),
      ]).finally(() => clearTimeout(timer));
      return { code, err: io.err(), commands: [...proxy.commands], cut: proxy.cut() };
    } finally {
      finished = true;
      await watch;
      await proxy.close();
    }
  }

  /** The keys of `job` with no expiry (PTTL -1). */
  async function keysWithoutExpiry(job: string): Promise<string[]> {
    const keys = (await client.keys(`*:${job}*`)).sort();
    const ttls = await Promise.all(keys.map((k) => client.pttl(k)));
    return keys.filter((_, i) => ttls[i] === -1);
  }

  it('a producer that loses Redis after any one of its commands leaves every key of its job with an expiry', async () => {
    const whole = await produce('ttlwhole');
    expect(whole.code, whole.err).toBe(130);
    expect(await client.keys('*:ttlwhole@*-c*'), 'the stopped run leaves its chunks').not.toEqual([]);
    expect(await keysWithoutExpiry('ttlwhole')).toEqual([]);
    // Every command the run sent until its chunks were enqueued (and a few polls after): a cut after each.
    const n = whole.commands.length;
    expect(n).toBeGreaterThan(3 * CHUNKS);
    const offenders: string[] = [];
    const GROUP = 6;
    for (let first = 1; first <= n; first += GROUP) {
      const ks = Array.from({ length: Math.min(GROUP, n - first + 1) }, (_, i) => first + i);
      await Promise.all(
        ks.map(async (k) => {
          const job = `ttlcut${k}x`;
          const run = await produce(job, k);
          // Either it lost Redis, or it had enqueued everything before command k and was stopped.
          expect([1, 130], run.err).toContain(run.code);
          for (const key of await keysWithoutExpiry(job)) offenders.push(`${key} (connection cut after command ${k}: ${run.commands[k - 1]})`);
        }),
      );
    }
    expect(offenders).toEqual([]);
  });
});
