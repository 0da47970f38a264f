import { existsSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { chunkJobId, runKey, runOf } from '../../src/distributed/chunkJob.js';
import type { Rig } from './scenarios.js';

/** What the wait last saw, for the message when it gives up. */
interface Seen {
  runId?: string;
  claimedRunId?: string | null | undefined;
  claimedChunks?: string | null | undefined;
  jobsPresent?: number;
}

/** The run id the manifest beside `out` names, once the producer has written it (it renames it into place whole). */
function manifestRunId(out: string): string | undefined {
  const path = `${out}.run.json`;
  if (!existsSync(path)) return undefined;
  const runId: unknown = (JSON.parse(readFileSync(path, 'utf8')) as { queue?: { runId?: unknown } }).queue?.runId;
  return typeof runId === 'string' ? runId : undefined;
}

/**
 * Resolves once the `score --queue` producer writing `out` under `--job job` has written its manifest,
 * added chunks 0 to `chunks - 1` of its run to the queue on database `db`, and counted them in its
 * claim (the last thing it does for a chunk it adds, so a signal after this finds them all in hand).
 * A test that stops a producer with chunks waiting needs this state, not an amount of time: a fixed
 * 1.5 s timer stopped one before its manifest, then before its first chunk, at load average 18.
 *
 * @throws once `running` settles first (the producer ended without adding them), or after `ms`,
 *   with what the wait last saw and `context()` (the producer's stderr)
 */
export async function waitForChunksAdded(
  rig: Rig,
  args: { readonly out: string; readonly job: string; readonly chunks: number; readonly db: number },
  running: Promise<unknown>,
  context: () => string,
  ms = 120_000,
): Promise<void> {
  let ended = false;
  // Both ways: its rejection stays the caller's to see, not an unhandled one here.
  const end = () => {
    ended = true;
  };
  running.then(end, end);
  const client = new Redis({ port: rig.redis.port, host: '127.0.0.1', db: args.db, maxRetriesPerRequest: null });
  const seen: Seen = {};
  const fail = (why: string) => new Error(`${why} before adding its ${args.chunks} chunks (last seen: ${JSON.stringify(seen)}):\n${context()}`);
  try {
    const deadline = Date.now() + ms;
    for (;;) {
      if (await added(client, rig, args, seen)) return;
      if (ended) throw fail(`the producer of job "${args.job}" ended`);
      if (Date.now() > deadline) throw fail(`the producer of job "${args.job}" took over ${ms} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    client.disconnect();
  }
}

async function added(client: Redis, rig: Rig, args: { readonly out: string; readonly job: string; readonly chunks: number }, seen: Seen): Promise<boolean> {
  const runId = manifestRunId(args.out);
  if (runId === undefined) return false;
  seen.runId = runId;
  const [claimedRunId, claimedChunks] = await client.hmget(runKey(args.job), 'runId', 'chunks');
  seen.claimedRunId = claimedRunId;
  seen.claimedChunks = claimedChunks;
  if (claimedRunId !== runId || Number(claimedChunks ?? 0) < args.chunks) return false;
  const run = runOf(args.job, runId);
  const ids = Array.from({ length: args.chunks }, (_, k) => `bull:${rig.queue}:${chunkJobId(run, k)}`);
  seen.jobsPresent = await client.exists(...ids);
  return seen.jobsPresent === args.chunks;
}
