import { Job, type JobsOptions, type Queue } from 'bullmq';
import type { ChainableCommander } from 'ioredis';
import { CreditliftError } from '../errors/creditliftError.js';
import type { ChunkJobData, ChunkReceipt } from './chunkJob.js';

/**
 * Adds chunk job `id` to the queue and gives its key the job's expiry (`data.ttlMs`) in one MULTI
 * transaction: Redis creates the key with its expiry or not at all. BullMQ's `add` writes the job
 * key with no expiry, and setting one was a second command: a producer that lost Redis between the
 * two (the connection dropped, its watchdog gave up) left that key, and the chunk's line numbers,
 * in Redis for good. A job whose id already exists is left as it is (as `add` leaves it), and gets
 * the expiry again.
 *
 * @throws the Redis error of either command, or BullMQ's refusal of the job
 */
export async function addChunkJob(queue: Queue<ChunkJobData, ChunkReceipt>, id: string, data: ChunkJobData, opts: JobsOptions): Promise<void> {
  const tx = (await queue.getBackend().client).multi();
  // As `queue.add` builds the job, but queued on the transaction (how BullMQ's own flows add jobs atomically).
  await new Job<ChunkJobData, ChunkReceipt>(queue, data.run, data, { ...queue.jobsOpts, ...opts, jobId: id }, id).addJob(tx);
  // The connection is ioredis, so the transaction is ioredis's MULTI (BullMQ's type names only the commands it uses).
  (tx as unknown as ChainableCommander).pexpire(queue.toKey(id), data.ttlMs);
  const replies = await tx.exec();
  if (replies === null) throw new CreditliftError('queue_unavailable', `Redis discarded the transaction adding chunk job ${id}`);
  const [[addError, added] = [null, undefined], [expireError] = [null]] = replies;
  if (addError !== null) throw addError;
  if (expireError !== null) throw expireError;
  if (typeof added === 'number' && added < 0) throw new CreditliftError('internal_error', `BullMQ refused chunk job ${id} (code ${added})`);
}
