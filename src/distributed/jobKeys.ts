import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAME_PREFIX, chunkJobId, chunkLinesKey, chunkRecordsKey, runKey } from './chunkJob.js';

/** What {@link removeQueueJob} found and removed. */
export interface RemovedQueueJob {
  /** Keys deleted: the run's manifest, chunk jobs, and their records and lines. */
  readonly keys: number;
  /** Chunks a worker held at that moment: their records are gone, so it drops them undecided. */
  readonly busy: number;
}

/**
 * Removes every trace of run `name` from Redis: its manifest, each chunk's BullMQ job (and its id in
 * the queue's lists) on every creditlift queue there (one per scoring configuration: an earlier
 * attempt of the run may have used another), and each chunk's records and lines. Chunks are found
 * both from the manifest's count and by scanning, so a manifest that expired first leaves nothing
 * behind. BullMQ cannot remove a chunk a worker holds (it is locked); its records go, so the worker
 * drops it undecided when it looks (see `runWorker`), and its job key expires with the rest of the job.
 */
export async function removeQueueJob(client: Redis, name: string): Promise<RemovedQueueJob> {
  // Read before anything goes: an id whose job key expired while it waits is found by this alone.
  const high = Number((await client.hget(runKey(name), 'chunks')) ?? 0);
  const indices = new Set<number>();
  for (let k = 0; k < high; k++) indices.add(k);
  const chunkOf = new RegExp(`^creditlift:chunk:${escapeRegExp(name)}-c(\\d+):(?:records|lines)$`);
  for await (const keys of client.scanStream({ match: `creditlift:chunk:${name}-c*`, count: 1000 }) as AsyncIterable<string[]>) {
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
      const removed = await removeFromQueue(client, queue, name, indices);
      keys += removed.keys;
      busy += removed.busy;
    } finally {
      // The connection is the caller's: BullMQ leaves a shared one open.
      await queue.close();
    }
  }
  for (const k of indices) keys += await client.del(chunkRecordsKey(name, k), chunkLinesKey(name, k));
  keys += await client.del(runKey(name));
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

/** Removes run `name`'s chunk jobs from one queue: those of `known` indices, and those found there by scanning. */
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
