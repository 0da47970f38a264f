// Task F2 (locks): `score --resume` (or --overwrite) without --queue removes the job a --queue run
// left in Redis and then drops it from the run manifest; a failed rewrite of the manifest there was
// swallowed (`.catch(() => undefined)`), so the manifest went on naming a job that was gone and
// nothing said so. It is now a typed error naming the manifest and the job, and the run exits 1.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScoreCommand } from '../../src/cli/scoreCommand.js';
import { abandonQueueJobOfOutput } from '../../src/distributed/abandonQueueJob.js';
import { QueueJobStillNamedError } from '../../src/distributed/queueJobStillNamedError.js';
import { captureIo, FAKE_AS_OF, fakeDecider } from '../cli/fakeDecider.js';
import { HAS_REDIS, startTestRedis, type TestRedis } from '../distributed/redisServer.js';

const work = mkdtempSync(join(tmpdir(), 'creditlift-abandon-'));
let redis: TestRedis | undefined;
beforeAll(async () => {
  if (HAS_REDIS) redis = await startTestRedis();
});
afterAll(async () => {
  await redis?.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** A finished run's output whose manifest names a --queue job on the test Redis. */
async function outputNamingJob(name: string): Promise<{ input: string; out: string; manifest: string }> {
  const input = join(work, `${name}.in.ndjson`);
  writeFileSync(input, `${Array.from({ length: 5 }, (_, i) => JSON.stringify({ id: `r${i}`, asOf: FAKE_AS_OF })).join('\n')}\n`);
  const out = join(work, `${name}.out.ndjson`);
  const io = captureIo();
  expect(await runScoreCommand(['--in', input, '--out', out], io.io, { openDecider: async () => fakeDecider() }), io.err()).toBe(0);
  const manifest = `${out}.run.json`;
  const m = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
  writeFileSync(
    manifest,
    `${JSON.stringify({ ...m, queue: { url: (redis as TestRedis).url, job: name, ttlSeconds: 600, runId: 'abcdef012345' } }, null, 2)}\n`,
  );
  return { input, out, manifest };
}

describe.skipIf(!HAS_REDIS)('a job removed from Redis that the run manifest cannot stop naming', () => {
  it('abandonQueueJobOfOutput: the failed rewrite is a typed error naming the manifest, the job and what to do; the manifest still names the job', async () => {
    const { out, manifest } = await outputNamingJob('stuck');
    // A folder where the manifest's temporary file goes: the rewrite fails (EISDIR), for root too.
    mkdirSync(join(`${manifest}.tmp`, 'inside'), { recursive: true });
    const io = captureIo();
    const e = await abandonQueueJobOfOutput(out, io.io).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(QueueJobStillNamedError);
    expect((e as Error).message).toMatch(
      /job "stuck" .*was removed from Redis at redis:\/\/.*, but the run manifest .*stuck\.out\.ndjson\.run\.json still names it: it could not be rewritten \(.*EISDIR.*\).*run the same command again/,
    );
    expect(JSON.parse(readFileSync(manifest, 'utf8'))).toMatchObject({ queue: { job: 'stuck' } });
    rmSync(`${manifest}.tmp`, { recursive: true });
    // The same again, the folder writable: the job (nothing of it left in Redis) leaves the manifest.
    await abandonQueueJobOfOutput(out, io.io);
    expect(JSON.parse(readFileSync(manifest, 'utf8'))).not.toHaveProperty('queue');
  });

  it('score --resume: exit 1, the error on stderr', async () => {
    const { input, out, manifest } = await outputNamingJob('resumed');
    mkdirSync(join(`${manifest}.tmp`, 'inside'), { recursive: true });
    const io = captureIo();
    const code = await runScoreCommand(['--in', input, '--out', out, '--resume'], io.io, { openDecider: async () => fakeDecider() });
    expect(code, io.err()).toBe(1);
    expect(io.err()).toMatch(/^error: job "resumed" .*was removed from Redis at redis:\/\/.*, but the run manifest .* still names it/m);
  });
});
