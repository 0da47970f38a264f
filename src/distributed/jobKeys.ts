import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAME_PREFIX, chunkJobId, chunkLinesKey, chunkRecordsKey, runOf } from './chunkJob.js';
import { readJobOwner, releaseClaim, type JobOwner } from './jobClaim.js';

/** What {@link removeQueueJob} found and removed. */
export interface RemovedQueueJob {
  /** Keys deleted: the run's manifest, chunk jobs, and their records and lines. */
  readonly keys: number;
  /** Chunks a worker held at that moment: their records are gone, so it drops them undecided. */
  readonly busy: number;
  /**
   * The run that holds the job's name now, when it is not the run asked for (another output took
   * the job over, or started it afresh): its manifest and chunks were left as they are.
   */
  readonly otherOwner?: JobOwner;
}

/**
 * Removes run `runId` of job `name` from Redis (undefined: a job of creditlift 0.1.0, whose chunks
 * had no run id): each chunk's BullMQ job (and its id in the queue's lists) on every creditlift
 * queue there (one per scoring configuration: an earlier attempt of the run may have used another),
 * each chunk's records and lines, and the job's manifest key, but only while the job is still that
 * run's: a job another run holds now keeps its manifest and its chunks (the 0.1.0 cleanup removed
 * whatever was under the name, a live run's chunks too). Chunks are found both from the manifest's
 * count and by scanning, so a manifest that expired first leaves nothing behind. BullMQ cannot
 * remove a chunk a worker holds (it is locked); its records go, so the worker drops it undecided
 * when it looks (see `runWorker`), and its job key expires with the rest of the job.
 */
export async function removeQueueJob(client: Redis, name: string, runId: string | undefined): Promise<RemovedQueueJob> {
  // Read before anything goes: an id whose job key expired while it waits is found by this alone.
  const owner = await readJobOwner(client, name);
  const ours = owner === undefined || owner.runId === runId;
  if (!ours && runId === undefined) return { keys: 0, busy: 0, otherOwner: owner };
  const removed = await removeRunChunks(client, runOf(name, runId), ours ? (owner?.chunks ?? 0) : 0);
  if (!ours) return { ...removed, otherOwner: owner };
  const had = owner === undefined ? 0 : 1;
  await releaseClaim(client, name, runId, true);
  return { keys: removed.keys + had, busy: removed.busy };
}

/**
 * Removes the chunks of run `run` (`NAME@RUN`, or a 0.1.0 job's `NAME`): chunks 0 to `high` - 1, and
 * any found by scanning. Leaves the job's manifest key alone.
 */
export async function removeRunChunks(client: Redis, run: string, high: number): Promise<RemovedQueueJob> {
  const indices = new Set<number>();
  for (let k = 0; k < high; k++) indices.add(k);
  const chunkOf = new RegExp(`^creditlift:chunk:${escapeRegExp(run)}-c(\\d+):(?:records|lines)$`);
  for await (const keys of client.scanStream({ match: `creditlift:chunk:${run}-c*`, count: 1000 }) as AsyncIterable<string[]>) {
    for (const key of keys) {
      const m = chunkOf.exec(key);
      if (m !== null) indices.add(Number(m[1]));
    }
  }
  let keys = 0;
  let busy = 0;
  for (const queueName of await creditliftQueues(client)) {
    const queue = new Queue(queueName, { connection: client });
    queue.on('error', () => undefined);
    try {
      const removed = await removeFromQueue(client, queue, run, indices);
      keys += removed.keys;
      busy += removed.busy;
    } finally {
      // The connection is the caller's: BullMQ leaves a shared one open.
      await queue.close();
    }
  }
  for (const k of indices) keys += await client.del(chunkRecordsKey(run, k), chunkLinesKey(run, k));
  return { keys, busy };
}

/**
 * Names of the creditlift queues on this Redis database, found by their BullMQ `meta` keys (which
 * BullMQ writes with a queue's first job and never expires).
 */
export async function creditliftQueues(client: Redis): Promise<string[]> {
  const names = new Set<string>();
  const nameOf = new RegExp(`^bull:(${escapeRegExp(QUEUE_NAME_PREFIX)}(?:-[0-9a-f]{16})?):meta$`);
  for await (const keys of client.scanStream({ match: `bull:${QUEUE_NAME_PREFIX}*:meta`, count: 1000 }) as AsyncIterable<string[]>) {
    for (const key of keys) {
      const m = nameOf.exec(key);
      if (m !== null) names.add(m[1] as string);
    }
  }
  return [...names].sort();
}

/** Removes run `name`'s chunk jobs (`name`: a run, `NAME@RUN`) from one queue: those of `known` indices, and those found there by scanning. */
async function removeFromQueue(client: Redis, queue: Queue, name: string, known: ReadonlySet<number>): Promise<RemovedQueueJob> {
  const jobPrefix = queue.toKey('');
  const indices = new Set(known);
  const jobOf = new RegExp(`^${escapeRegExp(jobPrefix)}${escapeRegExp(name)}-c(\\d+)(?::|$)`);
  for await (const keys of client.scanStream({ match: `${jobPrefix}${name}-c*`, count: 1000 }) as AsyncIterable<string[]>) {
    for (const key of keys) {
      const m = jobOf.exec(key);
      if (m !== null) indices.add(Number(m[1]));
    }
  }
  // Ids left in the finished sets after their job keys expired.
  const idOf = new RegExp(`^${escapeRegExp(name)}-c(\\d+)$`);
  for (const set of ['completed', 'failed']) {
    for await (const pairs of client.zscanStream(`${jobPrefix}${set}`, { match: `${name}-c*`, count: 1000 }) as AsyncIterable<string[]>) {
      for (let i = 0; i < pairs.length; i += 2) {
        const m = idOf.exec(pairs[i] as string);
        if (m !== null) indices.add(Number(m[1]));
      }
    }
  }
  let keys = 0;
  let busy = 0;
  for (const k of [...indices].sort((a, b) => a - b)) {
    const id = chunkJobId(name, k);
    const existed = await client.exists(queue.toKey(id));
    // 0 for a job a worker holds (locked): BullMQ refuses to remove it.
    if ((await queue.remove(id)) === 1) keys += existed;
    else if (existed === 1) busy++;
  }
  return { keys, busy };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
