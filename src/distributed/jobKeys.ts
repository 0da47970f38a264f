import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { chunkJobId, chunkLinesKey, chunkRecordsKey, runKey } from './chunkJob.js';

/** What {@link removeQueueJob} found and removed. */
export interface RemovedQueueJob {
  /** Keys deleted: the run's manifest, chunk jobs, and their records and lines. */
  readonly keys: number;
  /** Chunks a worker held at that moment: their records are gone, so it drops them undecided. */
  readonly busy: number;
}

/**
 * Removes every trace of run `name` from Redis: its manifest, each chunk's BullMQ job (and its id in
 * the queue's lists), and each chunk's records and lines. Chunks are found both from the manifest's
 * count and by scanning, so a manifest that expired first leaves nothing behind. BullMQ cannot remove
 * a chunk a worker holds (it is locked); its records go, so the worker drops it undecided when it
 * looks (see `runWorker`), and its job key expires with the rest of the job.
 */
export async function removeQueueJob(client: Redis, queue: Queue, name: string): Promise<RemovedQueueJob> {
  const jobPrefix = queue.toKey('');
  const indexOf = new RegExp(`^(?:creditlift:chunk:|${escapeRegExp(jobPrefix)})${escapeRegExp(name)}-c(\\d+)(?::|$)`);
  const indices = new Set<number>();
  const high = Number((await client.hget(runKey(name), 'chunks')) ?? 0);
  for (let k = 0; k < high; k++) indices.add(k);
  for (const pattern of [`creditlift:chunk:${name}-c*`, `${jobPrefix}${name}-c*`]) {
    for await (const keys of client.scanStream({ match: pattern, count: 1000 }) as AsyncIterable<string[]>) {
      for (const key of keys) {
        const m = indexOf.exec(key);
        if (m !== null) indices.add(Number(m[1]));
      }
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
    keys += await client.del(chunkRecordsKey(name, k), chunkLinesKey(name, k));
    const existed = await client.exists(queue.toKey(id));
    // 0 for a job a worker holds (locked): BullMQ refuses to remove it.
    if ((await queue.remove(id)) === 1) keys += existed;
    else if (existed === 1) busy++;
  }
  keys += await client.del(runKey(name));
  return { keys, busy };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
